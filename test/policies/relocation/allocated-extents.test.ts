import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AllocatedExtents } from "../../../src/policies/relocation/allocated-extents.ts";
import { blocksOf } from "./blocks.ts";

const r = (firstBlock: number, blockCount: number) => ({ firstBlock, blockCount });

describe("allocated-extents", () => {
  it("allocatedExtents.order() yields the allocated extents merged, in disk order", () => {
    const allocated = [r(9, 2), r(1, 3), r(3, 2), r(14, 4)];
    expect([...new AllocatedExtents().order({ blockCount: 16, allocated })]).toEqual([r(1, 4), r(9, 2), r(14, 2)]);
  });

  it("allocatedExtents.order() with extentBlocks 2 splits each extent", () => {
    expect([...new AllocatedExtents({ extentBlocks: 2 }).order({ blockCount: 16, allocated: [r(8, 3), r(0, 1)] })]).toEqual([
      r(0, 1),
      r(8, 2),
      r(10, 1),
    ]);
  });

  it("allocatedExtents.order() without an allocation map throws", () => {
    expect(() => new AllocatedExtents().order({ blockCount: 16 })).toThrow("relocation: allocated-extents: an allocation map (context.allocated)");
  });

  it("allocatedExtents.order() covers exactly the allocated blocks, each once, ascending", () => {
    const extent = fc.record({ firstBlock: fc.integer({ min: 0, max: 120 }), blockCount: fc.integer({ min: 0, max: 12 }) });
    fc.assert(
      fc.property(fc.array(extent, { maxLength: 20 }), fc.integer({ min: 0, max: 8 }), (allocated, extentBlocks) => {
        const blockCount = 100;
        const copied = blocksOf(new AllocatedExtents({ extentBlocks }).order({ blockCount, allocated }));
        const expected = [...new Set(blocksOf(allocated))].filter((b) => b < blockCount).sort((a, b) => a - b);
        expect(copied).toEqual(expected);
      }),
      { seed: 5, numRuns: 200 },
    );
  });
});
