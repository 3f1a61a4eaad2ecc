import { describe, expect, it } from "vitest";
import { Cache } from "../../../../src/policies/cache/cache.ts";
import { LruPolicy, lruEntry } from "../../../../src/policies/cache/algorithms/lru.ts";
import { run } from "../helpers.ts";

describe("lru", () => {
  it("lru.evict() removes the least recently used block", () => {
    const { trace, evicted } = run(new LruPolicy(), 3, [1, 2, 3, 1, 4, 1, 2, 5]);
    expect(trace).toBe("MMMHMHMM");
    expect(evicted).toEqual([2, 3, 4]);
  });

  it("lru.find() moves a hit to the head", () => {
    const policy = new LruPolicy();
    run(policy, 3, [1, 2, 3, 1]);
    expect(policy.keys()).toEqual([1, 3, 2]);
  });

  it("lru with sizes evicts until the new object fits", () => {
    const policy = new LruPolicy(16);
    const cache = new Cache(10, policy);
    const evicted: number[] = [];
    cache.onEvict = (key, size) => evicted.push(key, size);
    expect([cache.access(1, 4), cache.access(2, 4), cache.access(3, 6), cache.access(4, 11)]).toEqual([false, false, false, false]);
    expect(evicted).toEqual([1, 4]);
    expect(cache.stats.tooLarge).toBe(1);
    expect(policy.occupied).toBe(10);
  });

  it("lru grows its slot arrays past the initial size", () => {
    const policy = new LruPolicy(16);
    const { trace } = run(policy, 100, Array.from({ length: 200 }, (_, i) => i % 100));
    expect(trace).toBe("M".repeat(100) + "H".repeat(100));
    expect(policy.objectCount).toBe(100);
  });

  it("lruEntry.create() builds an empty policy named lru", () => {
    expect(lruEntry.definition.name).toBe("lru");
    expect(lruEntry.create({ capacity: 4 }).objectCount).toBe(0);
  });
});
