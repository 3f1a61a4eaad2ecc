import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { HDD_PRESETS, Hdd } from "../../../src/models/devices/hdd.ts";
import type { HddOptions } from "../../../src/models/devices/hdd.ts";
import { InputError } from "../../../src/util/errors.ts";

/**
 * Closed loop: keeps `depth` random 4 KiB reads outstanding (offsets uniform over the disk,
 * stream `test.offsets`) until `count` completed; returns IOPS.
 */
function randomReadIops(options: Partial<HddOptions>, depth: number, count: number): number {
  const sim = new Simulation();
  const streams = new RngStreams(3);
  const hdd = new Hdd(sim, "disk", streams, { ...options, queueDepth: depth });
  const offsets = streams.stream("test.offsets");
  const blocks = Math.floor(hdd.options.capacity / 4096);
  let issued = 0;
  let completed = 0;
  const issue = () => {
    issued++;
    hdd.submit({ offset: Math.floor(offsets.double() * blocks) * 4096, length: 4096, op: "R" }, () => {
      completed++;
      if (issued < count) issue();
    });
  };
  for (let i = 0; i < depth; i++) issue();
  sim.run();
  expect(completed).toBe(count);
  return (count / sim.now) * 1e9;
}

describe("Hdd", () => {
  // Rule of thumb: ~72 / 100 / 150 IOPS at 7.2k / 10k / 15k rpm (domain-figures.md). Expected
  // service ≈ overhead 1.7 + average seek + half a turn + 4 KiB transfer:
  //   7.2k: 1.7 + 8.5 + 4.167 + 0.026 = 14.39 ms → 69.5 IOPS
  //   10k:  1.7 + 4.5 + 3.0   + 0.026 =  9.23 ms → 108.4 IOPS
  //   15k:  1.7 + 3.5 + 2.0   + 0.020 =  7.22 ms → 138.5 IOPS
  it.each([
    ["7200", 72, 69.5],
    ["10000", 100, 108.4],
    ["15000", 150, 138.5],
  ] as const)("hdd.submit() random 4 KiB FIFO at depth 1 on the %s rpm preset gives the rule-of-thumb IOPS", (preset, rule, closedForm) => {
    const iops = randomReadIops({ ...HDD_PRESETS[preset], scheduler: "fifo" }, 1, 20_000);
    expect(Math.abs(iops / rule - 1)).toBeLessThan(0.15);
    expect(Math.abs(iops / closedForm - 1)).toBeLessThan(0.02);
  });

  it("hdd.submit() with SCAN beats FIFO in IOPS on a random queue at depth 32", () => {
    const fifo = randomReadIops({ ...HDD_PRESETS["7200"], scheduler: "fifo" }, 32, 20_000);
    const scan = randomReadIops({ ...HDD_PRESETS["7200"], scheduler: "scan" }, 32, 20_000);
    const clook = randomReadIops({ ...HDD_PRESETS["7200"], scheduler: "clook" }, 32, 20_000);
    const sstf = randomReadIops({ ...HDD_PRESETS["7200"], scheduler: "sstf" }, 32, 20_000);
    // FIFO does not depend on depth (one actuator): still about 69.5 IOPS.
    expect(Math.abs(fifo / 69.5 - 1)).toBeLessThan(0.02);
    // 32 requests over the stroke: SCAN seeks about 1/33 of the stroke, so the seek term nearly
    // vanishes and what is left is overhead + half a turn: 1.7 + ~2.3 + 4.17 ms → ~120 IOPS.
    expect(scan / fifo).toBeGreaterThan(1.6);
    expect(clook / fifo).toBeGreaterThan(1.5);
    expect(sstf).toBeGreaterThanOrEqual(scan * 0.95);
  });

  it("hdd.submit() serves a sequential run with transfer time only", () => {
    const sim = new Simulation();
    const hdd = new Hdd(sim, "disk", new RngStreams(1), { capacity: 1e12, outerRate: 100e6, innerRate: 100e6, bandwidth: 0 });
    const done: number[] = [];
    // The first request pays overhead, seek (head at cylinder 0, offset 0: no seek) and rotation.
    hdd.submit({ offset: 0, length: 1e6, op: "R" }, (c) => done.push(c.completedAt));
    hdd.submit({ offset: 1e6, length: 1e6, op: "R" }, (c) => done.push(c.completedAt));
    sim.run();
    // Second request: 1 MB at 100 MB/s = 10 ms exactly after the first.
    expect(done[1] - done[0]).toBe(10_000_000);
  });

  it("hdd.submit() draws rotation from the stream <name>.rotation: same seed, same times", () => {
    const run = (name: string, seed: number): number[] => {
      const sim = new Simulation();
      const hdd = new Hdd(sim, name, new RngStreams(seed));
      const times: number[] = [];
      for (let i = 0; i < 5; i++) hdd.submit({ offset: i * 7919 * 4096 * 1000, length: 4096, op: "R" }, (c) => times.push(c.completedAt));
      sim.run();
      return times;
    };
    expect(run("disk", 1)).toEqual(run("disk", 1));
    expect(run("disk", 1)).not.toEqual(run("disk", 2));
    expect(run("disk", 1)).not.toEqual(run("other", 1));
  });

  it("new Hdd() rejects an unknown scheduler with an InputError", () => {
    const options = { scheduler: "nope" } as unknown as Partial<HddOptions>;
    expect(() => new Hdd(new Simulation(), "disk", new RngStreams(1), options)).toThrow(InputError);
  });
});
