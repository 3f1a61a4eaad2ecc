import { describe, expect, it } from "vitest";
import { CopyOnRead } from "../../../src/policies/relocation/copy-on-read.ts";

describe("copy-on-read", () => {
  it("copyOnRead.order() is sequential with copyOnRead true", () => {
    const scheme = new CopyOnRead({ extentBlocks: 3 });
    expect(scheme.copyOnRead).toBe(true);
    expect([...scheme.order({ blockCount: 5 })]).toEqual([
      { firstBlock: 0, blockCount: 3 },
      { firstBlock: 3, blockCount: 2 },
    ]);
  });

  it("new CopyOnRead() names itself in parameter errors", () => {
    expect(() => new CopyOnRead({ extentBlocks: -1 })).toThrow("relocation: copy-on-read.extentBlocks: an integer >= 0, got -1");
  });
});
