import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HotFirst } from "../../../src/policies/relocation/hot-first.ts";
import type { Profile } from "../../../src/policies/relocation/types.ts";
import { blocksOf } from "./blocks.ts";

const r = (firstBlock: number, blockCount: number) => ({ firstBlock, blockCount });
const profileOf = (blocks: number[]): Profile => ({ version: 1, blockSize: 4096, runs: 1, blocks, runCounts: blocks.map(() => 1) });

describe("hot-first", () => {
  it("hotFirst.order() yields the profile's runs in profile order, then the rest in disk order", () => {
    const order = new HotFirst().order({ blockCount: 12, profile: profileOf([5, 6, 7, 2, 10, 3]) });
    expect([...order]).toEqual([r(5, 3), r(2, 1), r(10, 1), r(3, 1), r(0, 2), r(4, 1), r(8, 2), r(11, 1)]);
  });

  it("hotFirst.order() with extentBlocks 2 splits hot runs and the rest", () => {
    const order = new HotFirst({ extentBlocks: 2 }).order({ blockCount: 8, profile: profileOf([1, 2, 3]) });
    expect([...order]).toEqual([r(1, 2), r(3, 1), r(0, 1), r(4, 2), r(6, 2)]);
  });

  it("hotFirst.order() skips profile blocks outside the disk and repeats", () => {
    const order = new HotFirst().order({ blockCount: 4, profile: profileOf([9, 2, 2, 3, -1]) });
    expect([...order]).toEqual([r(2, 2), r(0, 2)]);
  });

  it("hotFirst.order() without a profile throws", () => {
    expect(() => new HotFirst().order({ blockCount: 4 })).toThrow("relocation: hot-first: an operational profile (context.profile)");
  });

  it("hotFirst.order() is the profile, then its complement, each block exactly once", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }).chain((blockCount) =>
          fc.tuple(fc.constant(blockCount), fc.uniqueArray(fc.integer({ min: 0, max: blockCount - 1 }), { maxLength: blockCount })),
        ),
        fc.integer({ min: 0, max: 5 }),
        ([blockCount, hot], extentBlocks) => {
          const copied = blocksOf(new HotFirst({ extentBlocks }).order({ blockCount, profile: profileOf(hot) }));
          const hotSet = new Set(hot);
          const rest = Array.from({ length: blockCount }, (_, b) => b).filter((b) => !hotSet.has(b));
          expect(copied).toEqual([...hot, ...rest]);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });
});
