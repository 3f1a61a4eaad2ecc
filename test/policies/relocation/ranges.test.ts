import { describe, expect, it } from "vitest";
import { coalesce, complement, normalizeRanges, splitExtents } from "../../../src/policies/relocation/ranges.ts";

const r = (firstBlock: number, blockCount: number) => ({ firstBlock, blockCount });

describe("relocation ranges", () => {
  it("coalesce(blocks) joins runs of consecutive blocks in sequence order", () => {
    expect([...coalesce([4, 5, 6, 9, 3, 4, 10])]).toEqual([r(4, 3), r(9, 1), r(3, 2), r(10, 1)]);
  });

  it("coalesce([]) yields nothing", () => {
    expect([...coalesce([])]).toEqual([]);
  });

  it("coalesce(blocks) reads its input lazily", () => {
    function* endless() {
      for (let b = 0; ; b += 2) yield b;
    }
    const it = coalesce(endless())[Symbol.iterator]();
    expect([it.next().value, it.next().value]).toEqual([r(0, 1), r(2, 1)]);
  });

  it("splitExtents(ranges, n) cuts ranges into pieces of at most n blocks", () => {
    expect([...splitExtents([r(0, 5), r(10, 2), r(20, 0)], 2)]).toEqual([r(0, 2), r(2, 2), r(4, 1), r(10, 2)]);
  });

  it("splitExtents(ranges, 0) passes non-empty ranges through", () => {
    expect([...splitExtents([r(3, 7), r(9, 0)], 0)]).toEqual([r(3, 7)]);
  });

  it("normalizeRanges(ranges, blockCount) sorts, merges overlapping and adjacent ranges, and clips to the disk", () => {
    expect(normalizeRanges([r(6, 4), r(0, 2), r(1, 2), r(3, 1), r(-2, 1), r(12, 3)], 8)).toEqual([r(0, 4), r(6, 2)]);
  });

  it("complement(taken, blockCount) yields the gaps in disk order", () => {
    expect([...complement([r(0, 2), r(5, 1), r(7, 1)], 8)]).toEqual([r(2, 3), r(6, 1)]);
    expect([...complement([], 3)]).toEqual([r(0, 3)]);
  });
});
