import { describe, expect, it } from "vitest";
import { Cache } from "../../../src/policies/cache/cache.ts";
import { createCachePolicy } from "../../../src/policies/cache/index.ts";

describe("cache", () => {
  it("cache.access() counts hits, misses, sizes, evictions and too-large objects", () => {
    const cache = new Cache(10, createCachePolicy("lru", { capacity: 10 }));
    const hits = [cache.access(1, 4), cache.access(1, 4), cache.access(2, 8), cache.access(3, 20)];
    expect(hits).toEqual([false, true, false, false]);
    expect(cache.stats).toEqual({ requests: 4, hits: 1, misses: 3, requestedSize: 36, missedSize: 32, evictions: 1, tooLarge: 1 });
  });

  it("cache.remove() drops a resident key", () => {
    const cache = new Cache(2, createCachePolicy("fifo", { capacity: 2 }));
    cache.access(1, 1);
    expect([cache.remove(1), cache.remove(1), cache.access(1, 1)]).toEqual([true, false, false]);
  });

  it("createCachePolicy() rejects an unknown name, listing the valid ones", () => {
    expect(() => createCachePolicy("mru", { capacity: 1 })).toThrow(/unknown cache policy "mru"; expected one of fifo, lru, clock, sieve, lfu, belady/);
  });
});
