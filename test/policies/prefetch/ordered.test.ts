import { describe, expect, it } from "vitest";
import { OrderedPrestager } from "../../../src/policies/prefetch/ordered.ts";
import { recordingSink } from "./sink.ts";

describe("OrderedPrestager", () => {
  it("ordered.onStart() and onDemandRead() keep the lead over the guest's position in the order", () => {
    const { sink, take } = recordingSink();
    const p = new OrderedPrestager([7, 8, 9, 2, 3, 20], 2);
    p.onStart(0, sink);
    expect(take()).toEqual([[7, 2, "prestage"]]);
    p.onDemandRead({ firstBlock: 7, blockCount: 1, time: 1 }, sink); // position 1
    expect(take()).toEqual([[9, 1, "prestage"]]);
    p.onDemandRead({ firstBlock: 100, blockCount: 1, time: 2 }, sink); // not in the order
    expect(take()).toEqual([]);
    // Reading out of order still counts: 2 and 3 read -> position 3, emit indices 3 and 4.
    p.onDemandRead({ firstBlock: 2, blockCount: 2, time: 3 }, sink);
    expect(take()).toEqual([[2, 2, "prestage"]]);
    p.onDemandRead({ firstBlock: 8, blockCount: 2, time: 4 }, sink);
    expect(take()).toEqual([[20, 1, "prestage"]]);
  });

  it("ordered prestagers over sparse or repeated blocks find each block's first position", () => {
    const { sink, take } = recordingSink();
    const p = new OrderedPrestager([2 ** 30, 5, 5, 6], 1);
    p.onStart(0, sink);
    expect(take()).toEqual([[2 ** 30, 1, "prestage"]]);
    p.onDemandRead({ firstBlock: 5, blockCount: 1, time: 1 }, sink); // index 1 (the first 5)
    expect(take()).toEqual([[5, 1, "prestage"]]);
    p.onDemandRead({ firstBlock: 6, blockCount: 1, time: 2 }, sink); // index 3: two read
    expect(take()).toEqual([[5, 1, "prestage"]]);
  });
});
