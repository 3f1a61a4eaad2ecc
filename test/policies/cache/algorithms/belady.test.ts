import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BeladyPolicy } from "../../../../src/policies/cache/algorithms/belady.ts";
import { cachePolicies } from "../../../../src/policies/cache/index.ts";
import { nextAccesses, run } from "../helpers.ts";

describe("belady", () => {
  it("belady.evict() removes the block whose next access is farthest", () => {
    const keys = [1, 2, 3, 1, 2, 4, 1, 3];
    const { trace, evicted } = run(new BeladyPolicy(), 2, keys, nextAccesses(keys));
    // 3: next of 1 is 3, of 2 is 4 → evict 2. 1 hits. 2: evict 3 (next 7 > 1's 6)… then 4 evicts 2 (never again).
    expect(trace).toBe("MMMHMMHM");
    expect(evicted).toEqual([2, 3, 2, 4]);
  });

  it("belady.find() updates the hit block's next access", () => {
    const keys = [1, 2, 1, 3, 2];
    // after the hit, 1 is never used again, so 3 evicts 1 and 2 hits.
    expect(run(new BeladyPolicy(), 2, keys, nextAccesses(keys)).trace).toBe("MMHMH");
  });

  it("belady never misses more than any online policy on random traces", () => {
    const online = cachePolicies.names().filter((name) => name !== "belady");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 50 }), (capacity, keys) => {
        const next = nextAccesses(keys);
        const opt = run(new BeladyPolicy(16), capacity, keys, next).cache.stats.misses;
        for (const name of online) {
          const misses = run(cachePolicies.get(name).create({ capacity }), capacity, keys, next).cache.stats.misses;
          expect(opt).toBeLessThanOrEqual(misses);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
