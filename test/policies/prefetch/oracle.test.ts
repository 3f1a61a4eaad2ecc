import { describe, expect, it } from "vitest";
import { evaluatePrefetch } from "../../../src/policies/prefetch/evaluate.ts";
import { prefetchPolicies } from "../../../src/policies/prefetch/index.ts";
import { OraclePrefetch } from "../../../src/policies/prefetch/oracle.ts";
import type { Profile } from "../../../src/workloads/profile/types.ts";
import { blockReads, recordingSink } from "./sink.ts";

describe("oracle", () => {
  it("oracle.onStart() and onDemandRead() fetch the future's distinct blocks in order at the lead", () => {
    const { sink, take } = recordingSink();
    const future = [
      { firstBlock: 3, blockCount: 2 },
      { firstBlock: 0, blockCount: 1 },
      { firstBlock: 3, blockCount: 1 },
      { firstBlock: 8, blockCount: 2 },
    ];
    const p = new OraclePrefetch({ future, lead: 2 });
    p.onStart(0, sink);
    expect(take()).toEqual([[3, 2, "prestage"]]);
    p.onDemandRead({ ...future[0], time: 0 }, sink);
    expect(take()).toEqual([
      [0, 1, "prestage"],
      [8, 1, "prestage"],
    ]);
    p.onDemandRead({ ...future[1], time: 1 }, sink);
    expect(take()).toEqual([[9, 1, "prestage"]]);
  });

  it("oracle coverage is at least every other policy's on the same stream", () => {
    // Sequential runs, a jump, a repeat, and a pattern that recurs (for markov).
    const reads = blockReads([0, 1, 2, 3, 50, 51, 52, 7, 20, 7, 20, 7, 20, 100, 101, 102, 103, 104, 105, 106, 107]);
    const profile: Profile = { version: 1, blockSize: 4096, runs: 1, blocks: [0, 1, 2, 3, 50, 51], runCounts: [1, 1, 1, 1, 1, 1] };
    const inputs = { profile, future: reads, relocationOrder: [{ firstBlock: 0, blockCount: 200 }], window: 16 };
    const model = { blockSize: 4096, fetchDelay: 1, capacityBlocks: 64, relocationBlocksPerStep: 2 };
    const coverage = Object.fromEntries(
      prefetchPolicies.names().map((name) => [name, evaluatePrefetch(reads, prefetchPolicies.get(name).create(inputs), model).coverage]),
    );
    expect(coverage.oracle).toBe(1);
    for (const name of prefetchPolicies.names()) expect(coverage.oracle).toBeGreaterThanOrEqual(coverage[name]);
    expect(coverage).toEqual({
      none: 0,
      obl: 12 / 17, // misses 0, 50, 7, 20, 100
      readahead: 11 / 17, // 1-3 and 7 (windows [0,4), [4,12)); 52 after the sequential miss at 51; 102-107
      profile: 6 / 17,
      markov: 0, // learned pairs recur (7 -> 20) only after their blocks were read
      "relocation-aware": 6 / 17, // 0-3, 7, 20: within 16 blocks of a cursor moving 2 per step
      oracle: 1,
    });
  });
});
