import { describe, expect, it } from "vitest";
import { Cache } from "../../../src/policies/cache/cache.ts";
import { createCachePolicy } from "../../../src/policies/cache/index.ts";
import type { AccessContext, CachePolicy, EvictedObject, EvictionListener } from "../../../src/policies/cache/types.ts";

/** A FIFO of unit objects that drops the two oldest per `evict` (the older through the listener). */
class PairFifo implements CachePolicy {
  readonly keys: number[] = [];
  listener: EvictionListener | undefined;
  find(ctx: AccessContext): boolean {
    return this.keys.includes(ctx.key);
  }
  insert(ctx: AccessContext): void {
    this.keys.push(ctx.key);
  }
  evict(): EvictedObject {
    if (this.keys.length > 1) this.listener?.(this.keys.shift() as number, 1);
    return { key: this.keys.shift() as number, size: 1 };
  }
  remove(): boolean {
    return false;
  }
  setEvictionListener(listener: EvictionListener | undefined): void {
    this.listener = listener;
  }
  get occupied(): number {
    return this.keys.length;
  }
  get objectCount(): number {
    return this.keys.length;
  }
}

describe("cache", () => {
  it("cache.access() counts hits, misses, sizes, evictions and too-large objects", () => {
    const cache = new Cache(10, createCachePolicy("lru", { capacity: 10 }));
    const hits = [cache.access(1, 4), cache.access(1, 4), cache.access(2, 8), cache.access(3, 20)];
    expect(hits).toEqual([false, true, false, false]);
    expect(cache.stats).toEqual({ requests: 4, hits: 1, misses: 3, requestedSize: 36, missedSize: 32, evictions: 1, tooLarge: 1 });
  });

  it("cache.onEvict and stats.evictions see victims a policy reports through setEvictionListener", () => {
    const cache = new Cache(3, new PairFifo());
    const seen: number[] = [];
    cache.onEvict = (key) => seen.push(key); // set after construction: still reached
    for (const key of [1, 2, 3, 4, 5, 6]) cache.access(key, 1);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(cache.stats.evictions).toBe(4);
  });

  it("cache.access() gives the same stats and victims through a policy's evictAndInsert as through evict/insert", () => {
    // Sized objects so that one miss can need several victims; a hidden evictAndInsert forces the framework's loop.
    const keys = Array.from({ length: 400 }, (_, i) => (i * 7919) % 53);
    for (const name of ["fifo", "lru", "clock", "sieve"]) {
      const runs = [false, true].map((fused) => {
        const policy = createCachePolicy(name, { capacity: 40 });
        const plain: CachePolicy = fused ? policy : Object.assign(Object.create(policy) as CachePolicy, { evictAndInsert: undefined });
        const cache = new Cache(40, plain);
        const victims: number[] = [];
        cache.onEvict = (key, size) => victims.push(key, size);
        const hits = keys.map((key) => cache.access(key, 1 + (key % 9)));
        return { hits, victims, stats: cache.stats };
      });
      expect(runs[1], name).toEqual(runs[0]);
      expect(runs[1].stats.evictions, name).toBeGreaterThan(100);
    }
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
