import { PolicyRegistry } from "../registry.ts";
import { arcEntry } from "./algorithms/arc.ts";
import { beladyEntry } from "./algorithms/belady.ts";
import { clockEntry } from "./algorithms/clock.ts";
import { fifoEntry } from "./algorithms/fifo.ts";
import { lfuEntry } from "./algorithms/lfu.ts";
import { lirsEntry } from "./algorithms/lirs.ts";
import { lruEntry } from "./algorithms/lru.ts";
import { s3fifoEntry } from "./algorithms/s3fifo.ts";
import { sieveEntry } from "./algorithms/sieve.ts";
import { twoqEntry } from "./algorithms/twoq.ts";
import { CACHE_FAMILY_KEYS } from "./parameters.ts";
import type { CachePolicy, CachePolicyOptions } from "./types.ts";

/**
 * Every cache replacement policy, by name. Adding a policy = one file + one line here.
 *
 * @example
 * cachePolicies.names(); // => ["fifo", "lru", "clock", "sieve", "lfu", "belady", "arc", "2q", "lirs", "s3fifo"]
 */
export const cachePolicies = new PolicyRegistry<CachePolicy, CachePolicyOptions>("cache", [
  fifoEntry,
  lruEntry,
  clockEntry,
  sieveEntry,
  lfuEntry,
  beladyEntry,
  arcEntry,
  twoqEntry,
  lirsEntry,
  s3fifoEntry,
], CACHE_FAMILY_KEYS);

/**
 * Creates the policy registered as `name`; throws an InputError listing valid names if unknown.
 *
 * @example
 * createCachePolicy("lru", { capacity: 1024 }).objectCount; // => 0
 */
export function createCachePolicy(name: string, options: CachePolicyOptions): CachePolicy {
  return cachePolicies.create(name, options);
}

export { Cache } from "./cache.ts";
export type { CacheStats } from "./cache.ts";
export type { AccessContext, CacheKey, CachePolicy, CachePolicyEntry, CachePolicyOptions, EvictedObject } from "./types.ts";
