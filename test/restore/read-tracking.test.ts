import { describe, expect, it } from "vitest";
import { Cache } from "../../src/policies/cache/cache.ts";
import { LirsCache } from "../../src/policies/cache/algorithms/lirs.ts";
import { LruPolicy } from "../../src/policies/cache/algorithms/lru.ts";
import { ReadTracker, RelocationFirstPolicy } from "../../src/restore/read-tracking.ts";

describe("read-tracking", () => {
  it("readTracker.access() attributes demand hits to the inserting class", () => {
    const tracker = new ReadTracker(new Cache(3, new LruPolicy()));
    tracker.access(1, 1, "prestage");
    tracker.access(2, 1, "relocation");
    tracker.access(3, 1, "demand");
    expect([tracker.access(1, 1, "demand"), tracker.access(1, 1, "demand"), tracker.access(3, 1, "demand")]).toEqual([true, true, true]);
    expect(tracker.access(3, 1, "prestage")).toBe(true); // staging hit: class stays demand
    expect(tracker.classOf(3)).toBe("demand");
    expect(tracker.stats).toEqual({
      demandRequests: 4,
      demandHits: 3,
      hitsByClass: { demand: 1, prestage: 2, relocation: 0 },
      firstReadsByClass: { demand: 0, prestage: 1, relocation: 0 },
      insertedByClass: { demand: 1, prestage: 1, relocation: 1 },
      evictedUnreadByClass: { demand: 0, prestage: 0, relocation: 0 },
    });
  });

  it("readTracker counts pre-staged blocks evicted unread", () => {
    const cache = new Cache(2, new LruPolicy());
    const seen: number[] = [];
    cache.onEvict = (key) => seen.push(key);
    const tracker = new ReadTracker(cache);
    tracker.access(1, 1, "prestage");
    tracker.access(2, 1, "prestage");
    tracker.access(2, 1, "demand");
    tracker.access(3, 1, "demand"); // evicts 1, unread
    tracker.access(4, 1, "prestage"); // evicts 2, read
    tracker.remove(4); // removed unread
    expect(tracker.stats.evictedUnreadByClass).toEqual({ demand: 0, prestage: 2, relocation: 0 });
    expect(seen).toEqual([1, 2]);
    expect(tracker.classOf(1)).toBeUndefined();
  });

  it("relocationFirstPolicy.evict() takes relocated keys first, in marking order", () => {
    const policy = new RelocationFirstPolicy(new LruPolicy());
    const cache = new Cache(3, policy);
    const evicted: number[] = [];
    cache.onEvict = (key, size) => evicted.push(key, size);
    for (const key of [1, 2, 3]) cache.access(key, 1);
    expect(policy.markRelocated(3)).toBe(true);
    expect(policy.markRelocated(3)).toBe(false);
    policy.markRelocated(2);
    cache.access(4, 1);
    cache.access(5, 1);
    cache.access(6, 1); // no relocated key left: LRU takes 1
    expect(evicted).toEqual([3, 1, 2, 1, 1, 1]);
    expect(policy.relocatedCount).toBe(0);
  });

  it("relocationFirstPolicy forgets a mark when the key is re-inserted", () => {
    const policy = new RelocationFirstPolicy(new LruPolicy());
    const cache = new Cache(2, policy);
    policy.markRelocated(9); // not resident
    cache.access(9, 1);
    cache.access(8, 1);
    cache.access(7, 1);
    expect(cache.access(8, 1)).toBe(true); // LRU evicted 9, not a stale relocation mark on 8
    expect(policy.relocatedCount).toBe(0);
  });

  it("readTracker counts victims a policy drops outside evict() and hits on an object dropped by its own hit", () => {
    // LIRS, c=3 (Lhirs=1), libCacheSim variant: the demand hit on 2 (in Q only) demotes 1 into
    // Q, which drops 2 itself; 2 was pre-staged, so it leaves unread.
    const policy = new RelocationFirstPolicy(new LirsCache(3, { queueHitDemotesLir: true }));
    const cache = new Cache(3, policy);
    const seen: number[] = [];
    cache.onEvict = (key) => seen.push(key);
    const tracker = new ReadTracker(cache);
    tracker.access(1, 1, "demand");
    tracker.access(2, 1, "prestage");
    for (const key of [3, 4, 1, 3]) tracker.access(key, 1, "demand");
    policy.markRelocated(2);
    expect(tracker.access(2, 1, "demand")).toBe(true);
    expect(seen).toEqual([3, 4, 2]);
    expect(cache.stats.evictions).toBe(3);
    expect(policy.relocatedCount).toBe(0);
    expect(tracker.classOf(2)).toBeUndefined();
    expect(tracker.stats.evictedUnreadByClass).toEqual({ demand: 0, prestage: 1, relocation: 0 });
  });

  it("readTracker tracks keys past the dense range and non-integer keys like small ones", () => {
    const tracker = new ReadTracker(new Cache(4, new LruPolicy()));
    const keys = [3, 2 ** 24 + 5, 2 ** 40, 0.5];
    for (const key of keys) tracker.access(key, 1, "prestage");
    expect(keys.map((key) => tracker.classOf(key))).toEqual(["prestage", "prestage", "prestage", "prestage"]);
    tracker.access(2 ** 40, 1, "demand");
    tracker.access(7, 1, "relocation"); // evicts 3, unread
    expect([tracker.classOf(3), tracker.remove(0.5), tracker.classOf(0.5)]).toEqual([undefined, true, undefined]);
    expect(tracker.stats.firstReadsByClass.prestage).toBe(1);
    expect(tracker.stats.evictedUnreadByClass.prestage).toBe(2);
  });

  it("a readTracker over a relocationFirstPolicy keeps both states of a key apart (they share one byte per key)", () => {
    const policy = new RelocationFirstPolicy(new LruPolicy());
    const tracker = new ReadTracker(new Cache(3, policy));
    for (const key of [1, 2, 2 ** 30]) tracker.access(key, 1, "prestage");
    policy.markRelocated(2);
    policy.markRelocated(2 ** 30);
    expect([tracker.classOf(2), tracker.classOf(2 ** 30), policy.relocatedCount]).toEqual(["prestage", "prestage", 2]);
    expect(policy.claimKeyBytes()).toBeUndefined(); // the tracker claimed them: a second one keeps its own
    tracker.access(2, 1, "demand"); // read: class stays, mark stays
    tracker.access(4, 1, "relocation"); // evicts 2 (relocated first)
    expect([tracker.classOf(2), tracker.classOf(1), policy.relocatedCount]).toEqual([undefined, "prestage", 1]);
    expect(tracker.remove(2 ** 30)).toBe(true);
    expect([tracker.classOf(2 ** 30), policy.relocatedCount]).toEqual([undefined, 0]);
    expect(tracker.stats.evictedUnreadByClass.prestage).toBe(1);
  });
});
