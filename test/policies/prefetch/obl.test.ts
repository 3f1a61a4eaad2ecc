import { describe, expect, it } from "vitest";
import { Obl } from "../../../src/policies/prefetch/obl.ts";
import { recordingSink } from "./sink.ts";

describe("obl", () => {
  it("obl.onDemandRead() fetches the block after each read", () => {
    const { calls, sink } = recordingSink();
    const p = new Obl();
    p.onDemandRead({ firstBlock: 10, blockCount: 1, time: 0 }, sink);
    p.onDemandRead({ firstBlock: 40, blockCount: 3, time: 1 }, sink);
    expect(calls).toEqual([
      [11, 1, "prestage"],
      [43, 1, "prestage"],
    ]);
  });

  it("obl.onDemandRead() with degree 4 fetches the next four blocks", () => {
    const { calls, sink } = recordingSink();
    new Obl({ degree: 4 }).onDemandRead({ firstBlock: 0, blockCount: 2, time: 0 }, sink);
    expect(calls).toEqual([[2, 4, "prestage"]]);
  });

  it("new Obl() rejects a degree of 0 naming the parameter", () => {
    expect(() => new Obl({ degree: 0 })).toThrow("prefetch: obl.degree: an integer >= 1, got 0");
  });
});
