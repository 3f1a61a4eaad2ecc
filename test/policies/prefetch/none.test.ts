import { describe, expect, it } from "vitest";
import { NoPrefetch, noneEntry } from "../../../src/policies/prefetch/none.ts";
import { recordingSink } from "./sink.ts";

describe("none", () => {
  it("none.onDemandRead() fetches nothing", () => {
    const { calls, sink } = recordingSink();
    const p = noneEntry.create({});
    expect(p).toBeInstanceOf(NoPrefetch);
    for (let b = 0; b < 5; b++) p.onDemandRead({ firstBlock: b, blockCount: 1, time: b }, sink);
    expect(calls).toEqual([]);
  });
});
