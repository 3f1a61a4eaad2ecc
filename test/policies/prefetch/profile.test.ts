import { describe, expect, it } from "vitest";
import { ProfilePrefetch } from "../../../src/policies/prefetch/profile.ts";
import type { Profile } from "../../../src/workloads/profile/types.ts";
import { recordingSink } from "./sink.ts";

const profile: Profile = { version: 1, blockSize: 4096, runs: 2, blocks: [5, 6, 9, 10, 11, 1], runCounts: [2, 1, 2, 2, 2, 1] };

describe("profile", () => {
  it("profile.onStart() pre-stages the first lead blocks of the profile order", () => {
    const { calls, sink } = recordingSink();
    new ProfilePrefetch({ profile, lead: 4 }).onStart(0, sink);
    expect(calls).toEqual([
      [5, 2, "prestage"],
      [9, 2, "prestage"],
    ]);
  });

  it("profile.onDemandRead() runs lead blocks ahead of the guest, skipping blocks below minRuns", () => {
    const { sink, take } = recordingSink();
    const p = new ProfilePrefetch({ profile, lead: 2, minRuns: 2 });
    p.onStart(0, sink);
    expect(take()).toEqual([
      [5, 1, "prestage"],
      [9, 1, "prestage"],
    ]);
    p.onDemandRead({ firstBlock: 5, blockCount: 2, time: 1 }, sink); // 6 is not in the filtered order
    expect(take()).toEqual([[10, 1, "prestage"]]);
    p.onDemandRead({ firstBlock: 9, blockCount: 1, time: 2 }, sink);
    expect(take()).toEqual([[11, 1, "prestage"]]);
    p.onDemandRead({ firstBlock: 10, blockCount: 2, time: 3 }, sink);
    expect(take()).toEqual([]);
  });

  it("new ProfilePrefetch() without a profile throws an InputError naming the option", () => {
    expect(() => new ProfilePrefetch({})).toThrow('prefetch: profile.profile: an operational profile to replay (option "profile")');
  });
});
