import { describe, expect, it } from "vitest";
import { exponential } from "../../../src/kernel/distributions.ts";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { RateFilter } from "../../../src/models/devices/rate-filter.ts";

// 8 Mbit/s = 1 MB/s: one byte accrues in exactly 1000 ns, so every closed form below is whole ns.
const RATE_BITS = 8_000_000;
const NS_PER_BYTE = 1000;

/** Submits `bytes` at `at` ns and records when the request passes. */
function admitAt(sim: Simulation, filter: RateFilter, at: number, bytes: number, passed: number[][], label: number): void {
  sim.schedule(at, "test.event", () => filter.admit(bytes, () => passed.push([label, sim.now])));
}

describe("RateFilter (nbdkit's rate filter)", () => {
  it("rateFilter.admit() of one request larger than the full bucket waits (bits − capacity) / rate: 12 MiB at nbdkit rate=32M (4 MiB/s), burstiness 2 s, waits 1 s", () => {
    const sim = new Simulation();
    // rate=32M is 32 × 2^20 bits/s (nbdkit_parse_size is binary); capacity 2 s of it = 8 MiB.
    const filter = new RateFilter(sim, 32 * 2 ** 20, 2e9);
    expect(filter.levelBits()).toBe(64 * 2 ** 20);
    const passed: number[][] = [];
    filter.admit(12 * 2 ** 20, () => passed.push([0, sim.now]));
    sim.run();
    expect(passed).toEqual([[0, 1e9]]);
    expect(filter.levelBits()).toBe(0);
  });

  it("rateFilter.admit() of a request over twice the bucket is nbdkit's loop: the refill caps at capacity each sleep, 3500 B through a 1000 B bucket pass after (2.5 + 1.5 + 0.5) ms", () => {
    const sim = new Simulation();
    const filter = new RateFilter(sim, RATE_BITS, 1_000_000); // holds 8000 bits = 1000 B
    const passed: number[][] = [];
    filter.admit(3500, () => passed.push([0, sim.now]));
    sim.run();
    // Takes 1000 B, sleeps 2500 B's time but only 1000 B fit: again 1500 B (1.5 ms), then 500 B.
    // An unbounded bucket would pass it at (3500 − 1000) × 1 µs = 2.5 ms.
    expect(passed).toEqual([[0, 4_500_000]]);
  });

  it("rateFilter.admit() of a closed-loop stream of N equal reads: floor(C/b) pass at once, then one per b/rate, the N-th at (N·b − C)/rate exactly", () => {
    const sim = new Simulation();
    const filter = new RateFilter(sim, RATE_BITS, 2e9); // C = 2 000 000 B
    const b = 30_000;
    const N = 100;
    const times: number[] = [];
    const next = (): void => filter.admit(b, () => {
      times.push(sim.now);
      if (times.length < N) next();
    });
    next();
    sim.run();
    const atOnce = Math.floor(2_000_000 / b); // 66, leaving 20 000 B
    expect(times.slice(0, atOnce)).toEqual(Array(atOnce).fill(0));
    expect(times[atOnce]).toBe((b - 20_000) * NS_PER_BYTE);
    for (let k = atOnce + 1; k < N; k++) expect(times[k] - times[k - 1]).toBe(b * NS_PER_BYTE);
    expect(times[N - 1]).toBe((N * b - 2_000_000) * NS_PER_BYTE); // 1 s
  });

  it("rateFilter.admit() of N equal reads at once: the same (N·b − C)/rate to within one request's b/rate (here exactly: 1 s)", () => {
    const sim = new Simulation();
    const filter = new RateFilter(sim, RATE_BITS, 2e9);
    const passed: number[][] = [];
    for (let i = 0; i < 100; i++) admitAt(sim, filter, 0, 30_000, passed, i);
    sim.run();
    const last = Math.max(...passed.map(([, t]) => t));
    expect(last).toBeGreaterThanOrEqual(1e9);
    expect(last).toBeLessThanOrEqual(1e9 + 30_000 * NS_PER_BYTE);
    expect(last).toBe(1_000_000_000);
    expect(passed.filter(([, t]) => t === 0).length).toBe(66);
  });

  it("rateFilter.admit() under Poisson arrivals above the rate passes bytes at the rate (within 1%): (bytes − C) / last pass", () => {
    const sim = new Simulation();
    const filter = new RateFilter(sim, RATE_BITS, 100_000_000); // 100 KB bucket
    const rng = new RngStreams(7).stream("test.arrivals");
    const b = 16_384;
    const gap = exponential((b * NS_PER_BYTE) / 1.25); // offered load 1.25 × the rate
    const passed: number[] = [];
    let t = 0;
    for (let i = 0; i < 2500; i++) {
      sim.schedule(Math.round(t), "test.event", () => filter.admit(b, () => passed.push(sim.now)));
      t += gap.sample(rng);
    }
    sim.run();
    // Arrivals end at 33.0 s, the backlog drains at 40.88 s: no token is lost while requests wait
    // (the bucket is never full then), so bytes beyond the first burst leave at the rate.
    const last = Math.max(...passed);
    const throughput = (passed.length * b - 100_000) / (last / 1e9);
    expect(Math.abs(throughput / (RATE_BITS / 8) - 1)).toBeLessThan(0.01);
    expect(Number(throughput.toFixed(3))).toBe(999_611.761);
    // Passes lag the tokens under a backlog: every sleeper holds a part of its bits, so fewer
    // requests finish in [5 s, 33 s] than the rate would carry (the window undercounts by ~11%).
    const inWindow = passed.filter((p) => p >= 5e9 && p <= t).length;
    expect(inWindow * b).toBeLessThan((RATE_BITS / 8) * ((t - 5e9) / 1e9));
  });

  it("rateFilter.levelBits() refills with idle time up to the capacity, never above", () => {
    const sim = new Simulation();
    const filter = new RateFilter(sim, RATE_BITS, 1_000_000); // 8000 bits
    const passed: number[][] = [];
    admitAt(sim, filter, 0, 1000, passed, 0); // empties it
    const levels: number[] = [];
    for (const at of [250_000, 1_000_000, 5_000_000]) sim.schedule(at, "test.event", () => levels.push(filter.levelBits()));
    // After 5 ms idle the bucket holds 1000 B, not 5000: a 1500 B request waits 0.5 ms.
    admitAt(sim, filter, 5_000_000, 1500, passed, 1);
    sim.run();
    expect(levels).toEqual([2000, 8000, 8000]);
    expect(passed).toEqual([
      [0, 0],
      [1, 5_500_000],
    ]);
  });

  it("rateFilter.admit() is not FIFO: a small request arriving during a big one's sleep takes the accrued tokens and passes first", () => {
    const sim = new Simulation();
    const filter = new RateFilter(sim, RATE_BITS, 2_000_000); // 2000 B bucket
    const passed: number[][] = [];
    admitAt(sim, filter, 0, 5000, passed, 0); // takes 2000 B, sleeps 3 ms for 3000
    admitAt(sim, filter, 1_000_000, 1000, passed, 1); // 1000 B accrued: passes at once
    sim.run();
    // At 3 ms the big one finds 2000 B (accrued since 1 ms), takes them, sleeps 1 ms more.
    // A FIFO reservation would pass the big one at 3 ms and the small one at 4 ms.
    expect(passed).toEqual([
      [1, 1_000_000],
      [0, 4_000_000],
    ]);
  });

  it("rateFilter.admit(0 bytes) passes at once without tokens; a bad rate or burstiness is refused", () => {
    const sim = new Simulation();
    const filter = new RateFilter(sim, RATE_BITS, 1_000_000);
    let passedAt = -1;
    filter.admit(0, () => (passedAt = sim.now));
    expect([passedAt, filter.levelBits()]).toEqual([0, 8000]);
    expect(() => new RateFilter(sim, 0, 1)).toThrow(/positive integer rate/);
    expect(() => new RateFilter(sim, 8, 0)).toThrow(/positive integer rate/);
  });
});
