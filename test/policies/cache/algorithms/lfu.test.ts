import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { Cache } from "../../../../src/policies/cache/cache.ts";
import { cachesim } from "../../../../src/policies/cache/cachesim/cachesim.ts";
import { LfuPolicy, lfuEntry } from "../../../../src/policies/cache/algorithms/lfu.ts";
import { readOracleGeneral } from "../../../../src/workloads/traces/oracle-general.ts";
import { run } from "../helpers.ts";

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

/** Naive LFU over sized objects with removals (op size 0 = remove); returns "H"/"M"/"R"/"-" per op and the victims. */
function naiveSizedLfu(capacity: number, ops: readonly [number, number][]): { trace: string; evicted: number[] } {
  const resident = new Map<number, { count: number; last: number; size: number }>();
  const evicted: number[] = [];
  let occupied = 0;
  const trace = ops
    .map(([key, size], i) => {
      const entry = resident.get(key);
      if (size === 0) {
        if (!entry) return "-";
        resident.delete(key);
        occupied -= entry.size;
        return "R";
      }
      if (entry) {
        entry.count++;
        entry.last = i;
        return "H";
      }
      if (size > capacity) return "M";
      while (occupied + size > capacity) {
        let victim = -1;
        let best = { count: Infinity, last: Infinity, size: 0 };
        for (const [k, e] of resident) if (e.count < best.count || (e.count === best.count && e.last < best.last)) [victim, best] = [k, e];
        resident.delete(victim);
        occupied -= best.size;
        evicted.push(victim);
      }
      resident.set(key, { count: 1, last: i, size });
      occupied += size;
      return "M";
    })
    .join("");
  return { trace, evicted };
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

  it("lfu matches a naive LFU with sized objects, removals and slot growth", () => {
    const op = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 5 }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.array(op, { maxLength: 200 }), (capacity, ops) => {
        const policy = new LfuPolicy(16);
        const cache = new Cache(capacity, policy);
        const evicted: number[] = [];
        cache.onEvict = (key) => evicted.push(key);
        const trace = ops
          .map(([key, size]) => (size === 0 ? (cache.remove(key) ? "R" : "-") : cache.access(key, size) ? "H" : "M"))
          .join("");
        expect({ trace, evicted }).toEqual(naiveSizedLfu(capacity, ops));
        expect(policy.keysInEvictionOrder().length).toBe(policy.objectCount);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it("lfu counts accesses since insertion", () => {
    const policy = new LfuPolicy();
    run(policy, 3, [1, 1, 1, 2, 2, 3]);
    expect([policy.countOf(1), policy.countOf(2), policy.countOf(3), policy.countOf(4)]).toEqual([3, 2, 1, 0]);
    expect(policy.keysInEvictionOrder()).toEqual([3, 2, 1]);
  });

  it("lfu misses on cloudPhysicsIO at 128 MiB (bytes) match a naive LFU: 91699", () => {
    const trace = fileURLToPath(new URL("../../../../traces/cloudPhysicsIO.oracleGeneral.bin", import.meta.url));
    const rows = cachesim(readOracleGeneral(trace), { policies: ["lfu"], sizes: [128 * 2 ** 20], unit: "bytes", mode: "libcachesim" });
    expect(rows[0].misses).toBe(91699);
  });
});
