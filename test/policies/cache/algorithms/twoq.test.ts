import { describe, expect, it } from "vitest";
import { TwoQCache, twoqEntry } from "../../../../src/policies/cache/algorithms/twoq.ts";
import type { TwoQParameters } from "../../../../src/policies/cache/algorithms/twoq.ts";
import { replay, units } from "../adaptive-harness.ts";
import type { Requests } from "../adaptive-harness.ts";

const run = (capacity: number, parameters: Partial<TwoQParameters>, requests: Requests) =>
  replay(new TwoQCache(capacity, parameters), capacity, requests);

describe("TwoQCache", () => {
  it("twoq.evict() pages A1in out to A1out above Kin, else evicts Am's LRU", () => {
    // c=4: Kin=1, Kout=2.
    const { policy: q, hits, evicted, cache } = run(4, {}, units([1, 2, 3, 4, 5, 1, 3, 6, 7, 1, 4, 8, 9, 6, 10]));
    expect(hits).toEqual([false, false, false, false, false, false, true, false, false, true, false, false, false, false, false]);
    // 1, 4 and 6 come back from A1out into Am; A1out drops 2, 3, 5 when over Kout; A1in shrinks
    // to Kin, so the last miss evicts Am's LRU (1), which leaves no ghost.
    expect(evicted).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 1]);
    expect(q.queues()).toEqual({ in: [10, 9], main: [6, 4], out: [8, 7] });
    expect(cache.stats).toMatchObject({ hits: 2, misses: 13, evictions: 9 });
  });

  it("twoq.find() leaves an A1in hit in place and refreshes an Am hit", () => {
    const { policy: q, hits } = run(4, {}, units([1, 2, 3, 4, 5, 1, 2, 1, 4]));
    expect(hits).toEqual([false, false, false, false, false, false, false, true, true]);
    expect(q.queues()).toEqual({ in: [5, 4], main: [1, 2], out: [3] });
  });

  it("twoq.evict() counts Kin and Kout in bytes", () => {
    const { policy: q, hits, evicted } = run(100, {}, [[1, 30], [2, 30], [3, 30], [4, 20], [1, 30], [5, 40], [6, 10], [7, 10]]);
    expect(hits).toEqual([false, false, false, false, false, false, false, false]);
    expect(evicted).toEqual([1, 2, 3, 4]);
    expect(q.queues()).toEqual({ in: [7, 6, 5], main: [1], out: [4, 3] });
    expect(q.occupied).toBe(90);
  });

  it("twoq.remove() drops residents and forgets ghosts", () => {
    const { policy: q } = run(4, {}, units([1, 2, 3, 4, 5, 1]));
    expect(q.remove(1)).toBe(true);
    expect(q.remove(2)).toBe(false);
    expect(q.queues()).toEqual({ in: [5, 4, 3], main: [], out: [] });
    expect(q.objectCount).toBe(3);
  });

  it("twoqEntry.create() reads kin and kout and rejects bad ones", () => {
    const q = twoqEntry.create({ capacity: 200, kin: 0.3, kout: 1 }) as TwoQCache;
    expect([q.kin, q.kout]).toEqual([60, 200]);
    expect(() => twoqEntry.create({ capacity: 8, kin: 2 })).toThrow("cache: 2q.kin: a number >= 0 and <= 1, got 2");
  });
});
