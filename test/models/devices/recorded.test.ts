import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import type { BlockRequest } from "../../../src/models/devices/types.ts";
import { exponential } from "../../../src/kernel/distributions.ts";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { confidenceInterval } from "../../../src/metrics/confidence.ts";
import { md1 } from "../../../src/metrics/queueing-theory.ts";
import { deviceSchema } from "../../../src/lab/kinds/storage-schema.ts";
import { RecordedDevice, recordedDefinition, transferredNs, type RecordedOptions } from "../../../src/models/devices/recorded.ts";

/**
 * Submits a 4 KiB read, an 8 KiB write and a flush with the recorded latencies `latencyUs` to a
 * new RecordedDevice with `options`, runs `sim`, and returns each one's service time (ns) in
 * completion order.
 */
function serviceTimes(sim: Simulation, options: Partial<RecordedOptions>, latencyUs: [number, number, number]): number[] {
  const device = new RecordedDevice(sim, "r", options);
  const requests: BlockRequest[] = [
    { offset: 0, length: 4096, op: "R", latencyUs: latencyUs[0] },
    { offset: 4096, length: 8192, op: "W", latencyUs: latencyUs[1] },
    { offset: 0, length: 0, op: "F", latencyUs: latencyUs[2] },
  ];
  const latencies: number[] = [];
  requests.forEach((r) => device.submit(r, (c) => latencies.push(c.completedAt - c.submittedAt)));
  sim.run();
  return latencies;
}

describe("RecordedDevice", () => {
  it("recordedDevice.submit() serves each read and write in exactly its recorded latency plus addedDelay, and a flush plus flushDelay (0 by default, as nbdkit's delay filter)", () => {
    const sim = new Simulation();
    const latencies = serviceTimes(sim, { addedDelay: 5_000_000 }, [250, 1_234.5, 0]);
    expect(latencies).toEqual([0, 5_250_000, 6_234_500]);
    const flushed: number[] = [];
    const held = new RecordedDevice(sim, "h", { addedDelay: 5_000_000, flushDelay: 2_000_000 });
    held.submit({ offset: 0, length: 0, op: "F", latencyUs: 7 }, (c) => flushed.push(c.completedAt - c.submittedAt));
    sim.run();
    expect(flushed).toEqual([2_007_000]);
  });

  it("recordedDevice.submit() with removedDelay serves reads and writes in max(0, recorded − removedDelay) and flushes in their recorded latency", () => {
    const latencies = serviceTimes(new Simulation(), { removedDelay: 2_000_000 }, [2_045, 1_500, 300]);
    expect(latencies).toEqual([0, 45_000, 300_000]); // the write floored at 0, the flush untouched
  });

  it("recordedDevice.submit() without added delay reproduces the recording", () => {
    const sim = new Simulation();
    const device = new RecordedDevice(sim, "r");
    sim.schedule(1_000, "test.event", () => device.submit({ offset: 0, length: 512, op: "R", latencyUs: 42 }, (c) => expect(c.completedAt).toBe(43_000)));
    sim.run();
    expect(device.counters().completed).toBe(1);
  });
});

const MIB = 2 ** 20;
const BANDWIDTH = 4 * MIB;
const LENGTH = 4096;
/** Service time of one 4 KiB transfer at 4 MiB/s: 976 562.5 ns. */
const S = (LENGTH * 1e9) / BANDWIDTH;

/**
 * Poisson arrivals (seeded stream "test.arrivals", mean gap S/ρ rounded to integer ns) of
 * `warmUp + count` 4 KiB reads with a 100 µs recorded latency on the 4 MiB/s recorded device;
 * the mean wait in queue (start of transfer − submission) of the `count` after the warm-up, and
 * the disk's utilisation (busy time / run length).
 */
function poissonWait(rho: number, seed: number, count: number, warmUp: number): { meanWait: number; utilisation: number } {
  const sim = new Simulation();
  const disk = new RecordedDevice(sim, "disk", { bandwidth: BANDWIDTH });
  const arrivals = new RngStreams(seed).stream("test.arrivals");
  const gap = exponential(S / rho);
  let sent = 0;
  let waitSum = 0;
  let measured = 0;
  const arrive = (): void => {
    const index = sent++;
    disk.submit({ offset: 0, length: LENGTH, op: "R", latencyUs: 100 }, (c) => {
      if (index < warmUp) return;
      waitSum += c.startedAt - c.submittedAt;
      measured++;
    });
    if (sent < warmUp + count) sim.schedule(Math.round(gap.sample(arrivals)), "test.event", arrive);
  };
  sim.schedule(0, "test.event", arrive);
  sim.run();
  expect(measured).toBe(count);
  return { meanWait: waitSum / count, utilisation: disk.counters().busyNs / sim.now };
}

describe("RecordedDevice with a bandwidth limit", () => {
  it("recordedDevice.submit() of three requests at once finishes their transfers at S, 2S, 3S, each plus its latency", () => {
    const sim = new Simulation();
    // 4096 B at 4 096 000 B/s: S = 1 ms exactly. Latencies 250 µs, 0 and 1 ms, plus 2 µs added.
    const disk = new RecordedDevice(sim, "disk", { bandwidth: 4096e3, addedDelay: 2000 });
    const seen: number[][] = [];
    [250, 0, 1000].forEach((latencyUs, i) =>
      disk.submit({ offset: i * LENGTH, length: LENGTH, op: "R", latencyUs }, (c) => seen.push([i, c.startedAt, c.completedAt])),
    );
    sim.run();
    expect(seen).toEqual([
      [0, 0, 1_252_000],
      [1, 1_000_000, 2_002_000],
      [2, 2_000_000, 4_002_000],
    ]);
    // The disk is busy for the three transfers only (3 ms), not for the latencies.
    expect(disk.counters()).toMatchObject({ requests: 3, completed: 3, busyNs: 3_000_000, latencyNs: 1_252_000 + 2_002_000 + 4_002_000 });
  });

  it("recordedDevice.submit() gives a flush no transfer time but its FIFO turn; writes transfer like reads", () => {
    const sim = new Simulation();
    const disk = new RecordedDevice(sim, "disk", { bandwidth: 4096e3 });
    const done: number[] = [];
    disk.submit({ offset: 0, length: 8192, op: "W", latencyUs: 10 }, (c) => done.push(c.completedAt));
    disk.submit({ offset: 0, length: 0, op: "F", latencyUs: 30 }, (c) => done.push(c.completedAt));
    disk.submit({ offset: 0, length: 4096, op: "R", latencyUs: 0 }, (c) => done.push(c.completedAt));
    sim.run();
    // Write 2 ms (+10 µs); the flush starts at 2 ms and takes 0 (+30 µs); the read 2 → 3 ms.
    expect(done).toEqual([2_010_000, 2_030_000, 3_000_000]);
    expect(disk.counters().busyNs).toBe(3_000_000);
  });

  it("recordedDevice.submit() rounds transfer times so they add up: 3 × 4 KiB at 4 MiB/s is busy round(3S) = 2 929 688 ns", () => {
    const sim = new Simulation();
    const disk = new RecordedDevice(sim, "disk", { bandwidth: BANDWIDTH });
    const ends: number[] = [];
    for (let i = 0; i < 3; i++) disk.submit({ offset: 0, length: LENGTH, op: "R", latencyUs: 0 }, (c) => ends.push(c.completedAt));
    sim.run();
    // S = 976 562.5 ns: the ends are round(S), round(2S), round(3S), not 3 × round(S) = 2 929 689.
    expect(ends).toEqual([976_563, 1_953_125, 2_929_688]);
    expect(disk.counters().busyNs).toBe(transferredNs(3 * LENGTH, BANDWIDTH));
    expect(transferredNs(10 * 2 ** 30, 1)).toBe(10 * 2 ** 30 * 1e9);
  });

  it("new RecordedDevice() without bandwidth is unlimited: requests overlap and complete in their recorded latency", () => {
    const sim = new Simulation();
    const disk = new RecordedDevice(sim, "disk");
    const done: number[] = [];
    for (let i = 0; i < 3; i++) disk.submit({ offset: 0, length: 1 << 20, op: "R", latencyUs: 100 }, (c) => done.push(c.completedAt));
    sim.run();
    expect(done).toEqual([100_000, 100_000, 100_000]);
    expect(recordedDefinition.parameters.bandwidth).toMatchObject({ type: "rate", default: 0, minimum: 0 });
  });

  it("deviceSchema.parse({ device: recorded, bandwidth: 4MiB/s }) reads the rate in bytes/s; negative rates are refused", () => {
    expect(deviceSchema.parse({ device: "recorded", bandwidth: "4MiB/s" })).toEqual({ device: "recorded", addedDelay: 0, removedDelay: 0, flushDelay: 0, missingLatency: 0, bandwidth: 4 * MIB, rateLimit: 0, burstiness: 2e9 });
    expect(deviceSchema.parse({ device: "recorded", bandwidth: "8Mbit/s" })).toMatchObject({ bandwidth: 1e6 });
    expect(deviceSchema.safeParse({ device: "recorded", bandwidth: -1 }).success).toBe(false);
  });

  // M/D/1: Poisson arrivals, deterministic service S = 4 KiB / 4 MiB/s, one FIFO server.
  // Pollaczek–Khinchine: Wq = ρS / (2(1 − ρ)): 488 281.25 ns at ρ = 0.5, 1 953 125 ns at ρ = 0.8.
  // Tolerance: the mean wait of one 200k-request run scatters with a relative sd of about 0.9%
  // (ρ = 0.5) and 1.6% (ρ = 0.8) across seeds (waits are strongly autocorrelated near
  // saturation), so ten such runs pooled have an sd of about 0.3% and 0.5%: 2% is 4σ or more,
  // and the ten runs' 95% CI must cover the analytic value. The simulated numbers are pinned.
  it.each([
    // Simulated 486 847.897 ns (−0.29%), CI 484 057–489 639; 1 952 075.547 ns (−0.05%), CI 1 929 083–1 975 068.
    { rho: 0.5, pooled: 486_847.897, low: 484_057.148, high: 489_638.647 },
    { rho: 0.8, pooled: 1_952_075.547, low: 1_929_083.187, high: 1_975_067.907 },
  ])("recordedDevice under Poisson arrivals at ρ = $rho has the M/D/1 mean wait (10 × 200k requests, within 2%)", ({ rho, pooled, low, high }) => {
    const theory = md1(rho / S, S);
    const runs = Array.from({ length: 10 }, (_, k) => poissonWait(rho, k + 1, 200_000, 10_000));
    const ci = confidenceInterval(runs.map((r) => r.meanWait));
    expect(Math.abs(ci.mean / theory.meanWait - 1)).toBeLessThan(0.02);
    expect(ci.low).toBeLessThan(theory.meanWait);
    expect(ci.high).toBeGreaterThan(theory.meanWait);
    for (const r of runs) expect(Math.abs(r.utilisation / rho - 1)).toBeLessThan(0.01);
    expect([Number(ci.mean.toFixed(3)), Number(ci.low.toFixed(3)), Number(ci.high.toFixed(3))]).toEqual([pooled, low, high]);
  });
});

describe("RecordedDevice behind nbdkit's rate filter (rateLimit)", () => {
  // 1 MB/s (nbdkit rate=8000000), 1 ms of burst: each bucket holds 1000 B; a byte accrues in 1 µs.
  const options = { rateLimit: 1e6, burstiness: 1_000_000, addedDelay: 2000 };

  it("recordedDevice.submit() gives reads and writes separate buckets and flushes none; a request completes after its wait + recorded latency + addedDelay", () => {
    const sim = new Simulation();
    const disk = new RecordedDevice(sim, "disk", options);
    const done: [string, number][] = [];
    const at = (t: number, request: BlockRequest, label: string): void => {
      sim.schedule(t, "test.event", () => disk.submit(request, (c) => done.push([label, c.completedAt])));
    };
    at(0, { offset: 0, length: 1000, op: "R", latencyUs: 100 }, "read1"); // empties the read bucket
    at(0, { offset: 0, length: 1000, op: "W", latencyUs: 50 }, "write1"); // its own full bucket: no wait
    at(0, { offset: 0, length: 0, op: "F", latencyUs: 30 }, "flush"); // no bucket
    at(0, { offset: 0, length: 500, op: "R", latencyUs: 100 }, "read2"); // waits 0.5 ms for 500 B
    at(0, { offset: 0, length: 200, op: "W", latencyUs: 0 }, "write2"); // waits 0.2 ms
    sim.run();
    expect(done).toEqual([
      ["flush", 30_000],
      ["write1", 52_000],
      ["read1", 102_000],
      ["write2", 202_000],
      ["read2", 602_000],
    ]);
    // The wait counts in the device's latency, as it does in a recording under nbdkit's log filter.
    expect(disk.counters().latencyNs).toBe(30_000 + 52_000 + 102_000 + 202_000 + 602_000);
  });

  it("new RecordedDevice({ rateLimit: 4MiB/s }) is nbdkit rate=32M with the default 2 s burst: 8 MiB pass at once, the next 4 MiB wait 1 s", () => {
    const sim = new Simulation();
    const { device: _, ...parsed } = deviceSchema.parse({ device: "recorded", rateLimit: "4MiB/s" }) as Partial<RecordedOptions> & { device: string };
    const disk = new RecordedDevice(sim, "disk", parsed);
    expect(disk.options).toMatchObject({ rateLimit: 4 * MIB, burstiness: 2e9, bandwidth: 0 });
    const done: number[] = [];
    for (const length of [8 * MIB, 4 * MIB]) disk.submit({ offset: 0, length, op: "R", latencyUs: 0 }, (c) => done.push(c.completedAt));
    sim.run();
    expect(done).toEqual([0, 1e9]);
    expect(deviceSchema.safeParse({ device: "recorded", rateLimit: "4MiB/s", burstiness: "0s" }).success).toBe(false);
    expect(deviceSchema.safeParse({ device: "recorded", rateLimit: "4MiB/s", burstiness: "999us" }).success).toBe(false);
    expect(deviceSchema.safeParse({ device: "recorded", rateLimit: "4MiB/s", burstiness: "1ms" }).success).toBe(true);
    expect(recordedDefinition.parameters.rateLimit).toMatchObject({ type: "rate", default: 0, minimum: 0 });
  });

  it("new RecordedDevice({ rateLimit }) is not a FIFO disk: a small read arriving during a big one's sleep passes first", () => {
    const run = (extra: Partial<RecordedOptions>): [number, number][] => {
      const sim = new Simulation();
      const disk = new RecordedDevice(sim, "disk", { ...extra, addedDelay: 0 });
      const done: [number, number][] = [];
      sim.schedule(0, "test.event", () => disk.submit({ offset: 0, length: 4000, op: "R", latencyUs: 0 }, (c) => done.push([0, c.completedAt])));
      sim.schedule(600_000, "test.event", () => disk.submit({ offset: 0, length: 500, op: "R", latencyUs: 0 }, (c) => done.push([1, c.completedAt])));
      sim.run();
      return done;
    };
    // Bucket 2000 B (2 ms): the big read takes 2000 B and sleeps 2 ms; the small one finds 600 B
    // at 0.6 ms and passes; at 2 ms the big one finds 1500 B, takes them, sleeps 0.5 ms more.
    expect(run({ rateLimit: 1e6, burstiness: 2_000_000 })).toEqual([
      [1, 600_000],
      [0, 2_500_000],
    ]);
    // The FIFO disk at the same rate: the big read transfers for 4 ms, the small one after it.
    expect(run({ bandwidth: 1e6 })).toEqual([
      [0, 4_000_000],
      [1, 4_500_000],
    ]);
  });

  it("new RecordedDevice({ rateLimit, bandwidth }) passes the filter at the head of the FIFO disk: a flush behind a read short of tokens waits for it", () => {
    const sim = new Simulation();
    // Filter 500 kB/s with a 1000 B bucket (2 ms); disk 1 MB/s, FIFO.
    const disk = new RecordedDevice(sim, "disk", { rateLimit: 5e5, burstiness: 2_000_000, bandwidth: 1e6 });
    const done: [string, number][] = [];
    for (const [label, length, op] of [["a", 1000, "R"], ["b", 1000, "R"], ["flush", 0, "F"]] as const) {
      disk.submit({ offset: 0, length, op, latencyUs: 0 }, (c) => done.push([label, c.completedAt]));
    }
    sim.run();
    // a: takes the full bucket, transfers 1 ms. b: at 1 ms finds 500 B, sleeps 1 ms, transfers
    // 2 → 3 ms. The flush takes no tokens and no transfer but waits its FIFO turn: 3 ms.
    expect(done).toEqual([
      ["a", 1_000_000],
      ["b", 3_000_000],
      ["flush", 3_000_000],
    ]);
  });
});
