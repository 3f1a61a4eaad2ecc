import { describe, expect, it } from "vitest";
import { ArcCache, arcEntry } from "../../../../src/policies/cache/algorithms/arc.ts";
import { goldenMisses, replay, units } from "../adaptive-harness.ts";
import type { Requests } from "../adaptive-harness.ts";

const run = (capacity: number, requests: Requests) => replay(new ArcCache(capacity), capacity, requests);

describe("ArcCache", () => {
  it("arc.find() moves a T1 hit to T2", () => {
    const { policy: arc, hits } = run(3, units([1, 2, 1]));
    expect(hits).toEqual([false, false, true]);
    expect(arc.sizes()).toEqual([1, 1, 0, 0]);
  });

  it("arc.evict() demotes to B1 and B2, and ghost hits move p both ways", () => {
    // c=2: 1 2 1(hit->T2) 3(evict 2->B1) 2(B1 hit, p=1, evict 1->B2) 1(B2 hit, p=0, evict 3->B1)
    // 3(B1 hit, p=1, T1 empty so evict T2's LRU 2->B2) 4(case IV B: REPLACE evicts T2's LRU 1)
    const { policy: arc, hits, evicted, cache } = run(2, units([1, 2, 1, 3, 2, 1, 3, 4]));
    expect(hits).toEqual([false, false, true, false, false, false, false, false]);
    expect(evicted).toEqual([2, 1, 3, 2, 1]);
    expect(arc.p).toBe(1);
    expect(arc.sizes()).toEqual([1, 1, 0, 2]);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 7, evictions: 5 });
  });

  it("arc.evict() counts lists and p in bytes when objects have sizes", () => {
    const { policy: arc, hits, evicted, cache } = run(10, [[1, 4], [2, 4], [1, 4], [3, 6], [2, 4], [5, 4], [9, 11]]);
    expect(hits).toEqual([false, false, true, false, false, false, false]);
    expect(evicted).toEqual([2, 3, 1]);
    expect(arc.p).toBe(1);
    expect(arc.sizes()).toEqual([4, 4, 6, 4]);
    expect(arc.occupied).toBe(8);
    expect(cache.stats.tooLarge).toBe(1);
  });

  it("arc.remove() drops a resident object and forgets a ghost", () => {
    const { policy: arc } = run(2, units([1, 2, 1, 3]));
    expect(arc.remove(1)).toBe(true);
    expect(arc.remove(2)).toBe(false); // a B1 ghost: forgotten, not resident
    expect(arc.remove(7)).toBe(false);
    expect(arc.sizes()).toEqual([1, 0, 0, 0]);
    expect(arc.objectCount).toBe(1);
  });

  it("arcEntry.create() builds an empty ARC and rejects a non-positive capacity", () => {
    expect(arcEntry.definition.name).toBe("arc");
    expect(arcEntry.create({ capacity: 4 }).occupied).toBe(0);
    expect(() => arcEntry.create({ capacity: 0 })).toThrow("cache: arc.capacity: a positive capacity, got 0");
  });

  it("ArcCache matches libCacheSim's ARC miss counts on cloudPhysicsIO (128 MiB..1 GiB)", () => {
    expect(goldenMisses((capacity) => new ArcCache(capacity))).toEqual({
      misses: [90252, 85861, 78168, 74297, 67381, 65685, 64439, 64772],
      missedBytes: [4068098560, 3821026816, 3525644800, 3296890368, 2868538880, 2771180032, 2699484672, 2712971264],
    });
  });
});
