import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LfuPolicy, lfuEntry } from "../../../src/policies/cache/lfu.ts";
import { run } from "./helpers.ts";

/** Naive O(n) LFU with LRU tie-break, the reference for the heap version. */
function naiveLfu(capacity: number, keys: readonly number[]): string {
  const resident = new Map<number, { count: number; last: number }>();
  return keys
    .map((key, i) => {
      const entry = resident.get(key);
      if (entry) {
        entry.count++;
        entry.last = i;
        return "H";
      }
      if (resident.size === capacity) {
        let victim = -1;
        let best = { count: Infinity, last: Infinity };
        for (const [k, e] of resident) if (e.count < best.count || (e.count === best.count && e.last < best.last)) [victim, best] = [k, e];
        resident.delete(victim);
      }
      resident.set(key, { count: 1, last: i });
      return "M";
    })
    .join("");
}

describe("lfu", () => {
  it("lfu.evict() removes the least frequently used block, least recent among ties", () => {
    const { trace, evicted } = run(new LfuPolicy(), 2, [1, 1, 2, 3, 2, 4, 1]);
    // 1 has count 2; 3 evicts 2 (count 1); 2 evicts 3 (count 1, older); 4 evicts 2 (count 1) — 1 stays.
    expect(trace).toBe("MHMMMMH");
    expect(evicted).toEqual([2, 3, 2]);
  });

  it("lfu matches a naive LFU on random traces", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 60 }), (capacity, keys) => {
        expect(run(new LfuPolicy(16), capacity, keys).trace).toBe(naiveLfu(capacity, keys));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("lfuEntry.create() builds an empty policy named lfu", () => {
    expect(lfuEntry.definition.name).toBe("lfu");
    expect(lfuEntry.create({ capacity: 4 }).objectCount).toBe(0);
  });
});
