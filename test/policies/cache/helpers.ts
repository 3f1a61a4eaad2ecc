import { Cache } from "../../../src/policies/cache/cache.ts";
import type { CachePolicy } from "../../../src/policies/cache/types.ts";

/** Replays unit-size `keys` through `policy` at `capacity` objects; returns "H"/"M" per access and the victims. */
export function run(policy: CachePolicy, capacity: number, keys: readonly number[], next?: readonly number[]): { trace: string; evicted: number[]; cache: Cache } {
  const cache = new Cache(capacity, policy);
  const evicted: number[] = [];
  cache.onEvict = (key) => evicted.push(key);
  const trace = keys.map((key, i) => (cache.access(key, 1, next ? next[i] : Infinity) ? "H" : "M")).join("");
  return { trace, evicted, cache };
}

/** Next-access indices of `keys` (Infinity if none). */
export function nextAccesses(keys: readonly number[]): number[] {
  return keys.map((key, i) => {
    const j = keys.indexOf(key, i + 1);
    return j < 0 ? Infinity : j;
  });
}
