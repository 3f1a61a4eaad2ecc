import { describe, expect, it } from "vitest";
import { profileAccuracyCoverage } from "../../../src/workloads/profile/accuracy.ts";
import { learnProfile } from "../../../src/workloads/profile/learn.ts";
import type { Profile } from "../../../src/workloads/profile/types.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { SERVICE_READY_US, bootTrace } from "./real-traces.ts";

const read = (timeUs: number, block: number): TraceRequest => ({ timeUs, op: "R", offset: block * 4096, length: 4096 });

describe("profileAccuracyCoverage", () => {
  it("profileAccuracyCoverage() compares the profile's blocks with another boot's, minRuns filtering", () => {
    const profile: Profile = { version: 1, blockSize: 4096, runs: 2, blocks: [1, 2, 3, 4], runCounts: [2, 1, 2, 2] };
    const boot = [read(0, 1), read(1, 2), read(2, 5), read(3, 6), read(4, 3), read(9, 4)];
    expect(profileAccuracyCoverage(profile, boot, { cutAtUs: 5 })).toEqual({
      profileBlocks: 4,
      bootBlocks: 5,
      commonBlocks: 3,
      accuracy: 0.75,
      coverage: 0.6,
    });
    expect(profileAccuracyCoverage(profile, boot, { cutAtUs: 5, minRuns: 2 })).toEqual({
      profileBlocks: 3,
      bootBlocks: 5,
      commonBlocks: 2,
      accuracy: 2 / 3,
      coverage: 0.4,
    });
  });

  it("profileAccuracyCoverage() of boot0's profile on boot1, both cut at service ready (golden)", () => {
    const profile = learnProfile([bootTrace("boot0")], { blockSize: 4096, cutAtUs: SERVICE_READY_US.boot0 });
    const result = profileAccuracyCoverage(profile, bootTrace("boot1"), { cutAtUs: SERVICE_READY_US.boot1 });
    expect(result).toEqual({ profileBlocks: 14148, bootBlocks: 14513, commonBlocks: 14140, accuracy: 14140 / 14148, coverage: 14140 / 14513 });
    expect(result.accuracy).toBeGreaterThan(0.99); // 0.99943
    expect(result.coverage).toBeGreaterThan(0.95); // 0.97430
  });

  it("profileAccuracyCoverage() of gboot0 + gboot1's profile on gboot4_gen2 (golden)", () => {
    const profile = learnProfile([bootTrace("gboot0"), bootTrace("gboot1")], {
      blockSize: 4096,
      cutAtUs: [SERVICE_READY_US.gboot0, SERVICE_READY_US.gboot1],
    });
    const all = profileAccuracyCoverage(profile, bootTrace("gboot4_gen2"), { cutAtUs: SERVICE_READY_US.gboot4_gen2 });
    expect(all).toEqual({ profileBlocks: 25962, bootBlocks: 26037, commonBlocks: 25957, accuracy: 25957 / 25962, coverage: 25957 / 26037 });
    expect(all.coverage).toBeGreaterThan(0.99); // 0.99693
    const both = profileAccuracyCoverage(profile, bootTrace("gboot4_gen2"), { cutAtUs: SERVICE_READY_US.gboot4_gen2, minRuns: 2 });
    expect(both).toEqual({ profileBlocks: 25593, bootBlocks: 26037, commonBlocks: 25593, accuracy: 1, coverage: 25593 / 26037 });
  });
});
