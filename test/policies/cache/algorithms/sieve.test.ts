import { describe, expect, it } from "vitest";
import { SievePolicy, sieveEntry } from "../../../../src/policies/cache/algorithms/sieve.ts";
import { run } from "../helpers.ts";

describe("sieve", () => {
  it("sieve.evict() skips visited blocks without moving them and keeps its hand", () => {
    // 1 2 3; hit 1; 4: hand at 1 (visited → clear), 2 evicted, hand rests on 3.
    // 5: hand at 3 → evicted (starting again from the tail would have taken 1). 1 still hits.
    const policy = new SievePolicy();
    const { trace, evicted } = run(policy, 3, [1, 2, 3, 1, 4, 5, 1]);
    expect(trace).toBe("MMMHMMH");
    expect(evicted).toEqual([2, 3]);
    expect(policy.keys()).toEqual([5, 4, 1]);
  });

  it("sieve.evict() wraps the hand to the tail when all are visited", () => {
    const { evicted } = run(new SievePolicy(), 2, [1, 2, 1, 2, 3, 4]);
    expect(evicted).toEqual([1, 2]);
  });

  it("sieve.remove() of the hand's block moves the hand to its newer neighbour", () => {
    const policy = new SievePolicy();
    const { cache, evicted } = run(policy, 3, [1, 2, 3, 1, 4]);
    expect(evicted).toEqual([2]);
    cache.remove(3); // the hand rested on 3
    cache.access(5, 1);
    cache.access(6, 1);
    expect(evicted).toEqual([2, 4]);
  });

  it("sieveEntry.create() builds an empty policy named sieve", () => {
    expect(sieveEntry.create({ capacity: 4 }).objectCount).toBe(0);
  });
});
