import { describe, expect, it } from "vitest";
import { learnProfile, learnProfileFromReads } from "../../../src/workloads/profile/learn.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { SERVICE_READY_US, bootTrace } from "./real-traces.ts";

const read = (timeUs: number, block: number, blocks = 1): TraceRequest => ({ timeUs, op: "R", offset: block * 4096, length: blocks * 4096 });

describe("learnProfile", () => {
  it("learnProfile() of two synthetic boots orders blocks by mean first-access rank and counts runs", () => {
    const boot0 = [read(0, 10, 2), read(1, 50), read(2, 10), read(3, 7), read(9, 99)];
    const boot1 = [read(0, 50), read(1, 10), read(2, 8), read(3, 11), read(4, 12)];
    // Ranks, boot0: 10->0, 11->1, 50->2, 7->3 (99 is after the cut at 5).
    // Ranks, boot1: 50->0, 10->1, 8->2, 11->3, 12->4.
    // Means: 10 0.5, 50 1, 11 2, 8 2, 7 3, 12 4 (ties by block number).
    expect(learnProfile([boot0, boot1], { blockSize: 4096, cutAtUs: 5 })).toEqual({
      version: 1,
      blockSize: 4096,
      runs: 2,
      blocks: [10, 50, 8, 11, 7, 12],
      runCounts: [2, 2, 1, 2, 1, 1],
    });
  });

  it("learnProfile() with one cut per trace cuts each at its own moment", () => {
    const boot = [read(0, 1), read(10, 2), read(20, 3)];
    expect(learnProfile([boot, boot], { blockSize: 4096, cutAtUs: [15, undefined] }).runCounts).toEqual([2, 2, 1]);
  });

  it("learnProfileFromReads() takes each run's distinct blocks in order", () => {
    expect(learnProfileFromReads([[5, 6], [6]], 4096)).toEqual({ version: 1, blockSize: 4096, runs: 2, blocks: [5, 6], runCounts: [1, 2] });
  });

  it("learnProfile() of gboot0 + gboot1 cut at service ready (golden)", () => {
    const profile = learnProfile([bootTrace("gboot0"), bootTrace("gboot1")], {
      blockSize: 4096,
      cutAtUs: [SERVICE_READY_US.gboot0, SERVICE_READY_US.gboot1],
    });
    expect(profile.blocks).toHaveLength(25962);
    expect(profile.runCounts.filter((n) => n === 2)).toHaveLength(25593);
    expect(profile.blocks.slice(0, 4)).toEqual([0, 1, 2, 3]); // the firmware reads the disk's first blocks first
  });
});
