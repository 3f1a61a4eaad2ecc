import { describe, expect, it } from "vitest";
import { exponential } from "../../../src/kernel/distributions.ts";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { Ssd, ssdServiceNs, ssdDefinition } from "../../../src/models/devices/ssd.ts";
import type { SsdOptions } from "../../../src/models/devices/ssd.ts";

/** Open-loop Poisson arrivals of 4 KiB reads; returns the mean response time in ns. */
function poissonMeanResponse(options: Partial<SsdOptions>, meanInterarrivalNs: number, count: number): number {
  const sim = new Simulation();
  const ssd = new Ssd(sim, "ssd", options);
  const arrivals = new RngStreams(11).stream("test.arrivals");
  const interarrival = exponential(meanInterarrivalNs);
  let total = 0;
  let done = 0;
  const arrive = (remaining: number) => {
    ssd.submit({ offset: 0, length: 4096, op: "R" }, (c) => {
      total += c.completedAt - c.submittedAt;
      done++;
    });
    if (remaining > 1) sim.schedule(Math.round(interarrival.sample(arrivals)), "test.event", () => arrive(remaining - 1));
  };
  sim.schedule(0, "test.event", () => arrive(count));
  sim.run();
  expect(done).toBe(count);
  return total / count;
}

describe("Ssd", () => {
  it("ssdServiceNs(options, request) is fixed latency plus length / channel rate", () => {
    const options = { readLatency: 80_000, writeLatency: 20_000, flushLatency: 50_000, channelRate: 500e6, channels: 8, queueDepth: 64, bandwidth: 0 };
    expect(ssdServiceNs(options, { op: "R", length: 4096 })).toBe(88_192);
    expect(ssdServiceNs(options, { op: "W", length: 1e6 })).toBe(2_020_000);
    expect(ssdServiceNs(options, { op: "F", length: 0 })).toBe(50_000);
  });

  it("ssd.submit() serves requests beyond the channels one service time later", () => {
    const sim = new Simulation();
    const ssd = new Ssd(sim, "ssd", { readLatency: 10_000, channelRate: 4096e9 / 1000, channels: 2, bandwidth: 0 });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) ssd.submit({ offset: i * 4096, length: 4096, op: "R" }, (c) => times.push(c.completedAt));
    sim.run();
    // Service 10 000 + 1 000 ns; two channels: 11 000, 11 000, 22 000, 22 000, 33 000.
    expect(times).toEqual([11_000, 11_000, 22_000, 22_000, 33_000]);
    const counters = ssd.counters();
    expect(counters).toMatchObject({ requests: 5, completed: 5, bytesRead: 5 * 4096, busyNs: 33_000, serviceNs: 55_000 });
  });

  it("ssd.submit() serialises completions on the interface bandwidth", () => {
    const sim = new Simulation();
    // Service 1 µs, 8 channels, interface 1 byte/ns: each 4 KiB completion holds the bus 4096 ns.
    const ssd = new Ssd(sim, "ssd", { readLatency: 1000, channelRate: 1e30, channels: 8, bandwidth: 1e9 });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) ssd.submit({ offset: 0, length: 4096, op: "R" }, (c) => times.push(c.completedAt));
    sim.run();
    expect(times).toEqual([1000 + 4096, 1000 + 2 * 4096, 1000 + 3 * 4096]);
  });

  it("ssd.submit() under Poisson load with 1 channel matches the M/D/1 mean response time within 3%", () => {
    // S = 100 µs (deterministic), ρ = 0.7: W = S + ρS / (2(1 − ρ)) = 100 + 70 / 0.6 = 216.667 µs.
    const S = 100_000;
    const measured = poissonMeanResponse({ readLatency: S - 4096, channelRate: 1e9, channels: 1, bandwidth: 0 }, S / 0.7, 200_000);
    const expected = 216_666.7;
    expect(Math.abs(measured / expected - 1)).toBeLessThan(0.03);
  });

  it("ssd.submit() under Poisson load with 4 channels matches the M/D/4 Cosmetatos approximation within 3%", () => {
    // c = 4, S = 100 µs, ρ = 0.8 (λ = 32 000/s). M/M/4: a = cρ = 3.2,
    // P0 = 1 / (Σ_{k<4} a^k/k! + a^4/(4!(1−ρ))) = 1 / (1 + 3.2 + 5.12 + 5.4613 + 21.8453) = 0.027303;
    // C = a^4/(4!(1−ρ))·P0 = 21.8453 × 0.027303 = 0.59645; Wq(M/M/4) = C·S/(c(1−ρ)) = 74.556 µs.
    // Cosmetatos: Wq(M/D/c) ≈ ½ Wq(M/M/c)·[1 + (1−ρ)(c−1)(√(4+5c) − 2)/(16ρc)]
    //   = 37.278 × [1 + 0.2·3·(4.899 − 2)/(51.2)] = 37.278 × 1.03397 = 38.544 µs; W = 138.544 µs.
    const S = 100_000;
    const measured = poissonMeanResponse({ readLatency: S - 4096, channelRate: 1e9, channels: 4, bandwidth: 0 }, S / 3.2, 200_000);
    const expected = 138_544;
    expect(Math.abs(measured / expected - 1)).toBeLessThan(0.03);
  });

  it("ssdDefinition declares every option with a default", () => {
    expect(Object.keys(ssdDefinition.parameters)).toEqual(["readLatency", "writeLatency", "flushLatency", "channelRate", "channels", "queueDepth", "bandwidth"]);
    for (const parameter of Object.values(ssdDefinition.parameters)) expect(parameter.default).toBeDefined();
  });
});
