import { describe, expect, it } from "vitest";
import { Markov } from "../../../src/policies/prefetch/markov.ts";
import { recordingSink } from "./sink.ts";

const read = (firstBlock: number, blockCount = 1) => ({ firstBlock, blockCount, time: 0 });

describe("markov", () => {
  it("markov.onDemandRead() fetches the learned successor of the current extent", () => {
    const { sink, take } = recordingSink();
    const m = new Markov();
    m.onDemandRead(read(1), sink);
    m.onDemandRead(read(5, 3), sink);
    expect(take()).toEqual([]);
    m.onDemandRead(read(1), sink);
    expect(take()).toEqual([[5, 3, "prestage"]]);
  });

  it("markov.onDemandRead() prefers the most frequent successor, older first on ties", () => {
    const { sink, take } = recordingSink();
    const m = new Markov({ predictions: 2 });
    m.train([read(1), read(2), read(1), read(3), read(1), read(3)]);
    m.onDemandRead(read(1), sink);
    expect(take()).toEqual([
      [3, 1, "prestage"],
      [2, 1, "prestage"],
    ]);
    const ties = new Markov({ predictions: 2 });
    ties.train([read(1), read(2), read(1), read(3)]);
    ties.onDemandRead(read(1), sink);
    expect(take()).toEqual([
      [2, 1, "prestage"],
      [3, 1, "prestage"],
    ]);
  });

  it("markov.train() with maxSuccessors 2 replaces the least frequent successor", () => {
    const { sink, take } = recordingSink();
    const m = new Markov({ maxSuccessors: 2, predictions: 2 });
    // 1 -> 2 twice, 1 -> 3 once, then 1 -> 4 replaces 3 (the least frequent).
    m.train([read(1), read(2), read(1), read(2), read(1), read(3), read(1), read(4), read(9)]);
    m.onDemandRead(read(1), sink);
    expect(take()).toEqual([
      [2, 1, "prestage"],
      [4, 1, "prestage"],
    ]);
  });

  it("markov.train() with maxEntries 2 forgets the least recently updated extent", () => {
    const { sink, take } = recordingSink();
    const m = new Markov({ maxEntries: 2 });
    m.train([read(1), read(2), read(3), read(4)]); // entries 1, 2, then 3 evicts 1
    expect(m.size).toBe(2);
    m.onDemandRead(read(1), sink);
    expect(take()).toEqual([]);
    m.onDemandRead(read(3), sink); // also learns 1 -> 3, evicting 2
    expect(take()).toEqual([[4, 1, "prestage"]]);
    m.onDemandRead(read(2), sink);
    expect(take()).toEqual([]);
  });
});
