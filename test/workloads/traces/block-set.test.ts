import { describe, expect, it } from "vitest";
import { BlockSet } from "../../../src/workloads/traces/block-set.ts";

describe("BlockSet", () => {
  it("counts distinct blocks across shards, large numbers included", () => {
    const set = new BlockSet();
    const blocks = [0, 64, 128, 1, 0, 64, 2 ** 40, 2 ** 40 + 64, 2 ** 40];
    const fresh = blocks.map((b) => set.add(b));
    expect(fresh).toEqual([true, true, true, true, false, false, true, true, false]);
    expect(set.size).toBe(6);
    expect([set.has(128), set.has(192), set.has(2 ** 40 + 64)]).toEqual([true, false, true]);
  });
});
