import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { bootWorkload } from "../../../src/workloads/synthetic/boot.ts";
import { BOOT_DEFAULTS } from "../../../src/workloads/synthetic/calibration.ts";
import { traceInfo } from "../../../src/workloads/traces/info.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";

function rereadShare(requests: readonly TraceRequest[]): number {
  const seen = new Set<number>();
  let reads = 0;
  let rereads = 0;
  for (const r of requests) {
    if (r.op !== "R") continue;
    reads++;
    if (seen.has(r.offset / 4096)) rereads++;
    for (let b = r.offset / 4096; b < (r.offset + r.length) / 4096; b++) seen.add(b);
  }
  return rereads / reads;
}

describe("bootWorkload", () => {
  it("bootWorkload(rng) matches the boot calibration targets for five seeds", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const boot = [...bootWorkload(new RngStreams(seed).stream("boot"))];
      const info = traceInfo(boot);
      const writeShare = info.writes / (info.reads + info.writes);
      const workingSet = info.distinctBlocksRead * 4096;
      expect(info.requests).toBe(1480);
      expect(Math.abs(writeShare - BOOT_DEFAULTS.writeShare)).toBeLessThan(0.02);
      expect(info.medianSizeBytes).toBe(16384);
      expect(Math.abs(workingSet / BOOT_DEFAULTS.workingSetBytes - 1)).toBeLessThan(0.15);
      expect(Math.abs(info.sequentialReadShare - BOOT_DEFAULTS.sequentialShare)).toBeLessThan(0.04);
      expect(Math.abs(rereadShare(boot) - BOOT_DEFAULTS.rereadShare)).toBeLessThan(0.03);
      expect(Math.abs(info.durationUs / 1479 / BOOT_DEFAULTS.meanGapUs - 1)).toBeLessThan(0.1);
    }
  });

  it("bootWorkload(rng) reads only the used part of the disk and writes mostly to the journal", () => {
    const boot = [...bootWorkload(new RngStreams(9).stream("boot"))];
    const reads = boot.filter((r) => r.op === "R");
    const writes = boot.filter((r) => r.op === "W");
    expect(reads.every((r) => r.offset + r.length <= BOOT_DEFAULTS.usedBytes && r.offset % 4096 === 0)).toBe(true);
    const journal = writes.filter((r) => r.offset >= BOOT_DEFAULTS.journalOffset).length / writes.length;
    expect(journal).toBeGreaterThan(0.6);
    expect(boot.every((r, i) => i === 0 || r.timeUs >= boot[i - 1].timeUs)).toBe(true);
  });

  it("bootWorkload(rng) gives identical output for the same seed and different output for another", () => {
    const a = [...bootWorkload(new RngStreams(42).stream("boot"), { requests: 300 })];
    const b = [...bootWorkload(new RngStreams(42).stream("boot"), { requests: 300 })];
    const c = [...bootWorkload(new RngStreams(43).stream("boot"), { requests: 300 })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect([...bootWorkload(new RngStreams(42).stream("boot"), { requests: 3 })]).toEqual([
      { timeUs: 0, op: "R", offset: 260214784, length: 4096 },
      { timeUs: 574, op: "R", offset: 260218880, length: 45056 },
      { timeUs: 5079, op: "R", offset: 372068352, length: 4096 },
    ]);
  });

  it("bootWorkload(rng, { workingSetBytes > usedBytes }) throws a RangeError", () => {
    expect(() => [...bootWorkload({ double: () => 0.5 }, { workingSetBytes: 2 ** 31, usedBytes: 2 ** 30 })]).toThrow(RangeError);
  });
});
