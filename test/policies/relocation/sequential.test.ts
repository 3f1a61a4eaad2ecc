import { describe, expect, it } from "vitest";
import { Sequential } from "../../../src/policies/relocation/sequential.ts";

const r = (firstBlock: number, blockCount: number) => ({ firstBlock, blockCount });

describe("sequential", () => {
  it("sequential.order() is the whole disk as one range by default", () => {
    const scheme = new Sequential();
    expect([...scheme.order({ blockCount: 10 })]).toEqual([r(0, 10)]);
    expect(scheme.copyOnRead).toBe(false);
  });

  it("sequential.order() with extentBlocks 4 cuts the disk into extents, the last one short", () => {
    expect([...new Sequential({ extentBlocks: 4 }).order({ blockCount: 10 })]).toEqual([r(0, 4), r(4, 4), r(8, 2)]);
  });

  it("sequential.order() of an empty disk yields nothing", () => {
    expect([...new Sequential({ extentBlocks: 4 }).order({ blockCount: 0 })]).toEqual([]);
  });

  it("sequential.order() of a 64 GiB disk in 4 KiB blocks is lazy", () => {
    const blockCount = (64 * 2 ** 30) / 4096;
    const order = new Sequential({ extentBlocks: 1 }).order({ blockCount })[Symbol.iterator]();
    expect([order.next().value, order.next().value]).toEqual([r(0, 1), r(1, 1)]);
    expect([...new Sequential({ extentBlocks: 2 ** 20 }).order({ blockCount })].length).toBe(16);
  });

  it("new Sequential() rejects a fractional extentBlocks naming the parameter", () => {
    expect(() => new Sequential({ extentBlocks: 1.5 })).toThrow("relocation: sequential.extentBlocks: an integer >= 0, got 1.5");
  });
});
