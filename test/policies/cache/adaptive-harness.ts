import { fileURLToPath } from "node:url";
import { Cache } from "../../../src/policies/cache/cache.ts";
import type { CachePolicy } from "../../../src/policies/cache/types.ts";
import { loadOracleGeneral } from "../../../src/workloads/traces/oracle-general.ts";
import type { OracleGeneralColumns } from "../../../src/workloads/traces/oracle-general.ts";

const MiB = 1024 * 1024;

/** The cloudPhysics oracleGeneral trace shipped in `traces/`, resolved from this file. */
export const cloudPhysicsPath = fileURLToPath(new URL("../../../traces/cloudPhysicsIO.oracleGeneral.bin", import.meta.url));

let cached: OracleGeneralColumns | undefined;

/**
 * The cloudPhysics trace as columns (object id = start LBN, size in bytes), loaded once.
 *
 * @example
 * cloudPhysics().objectId.length; // => 113872
 */
export function cloudPhysics(): OracleGeneralColumns {
  cached ??= loadOracleGeneral(cloudPhysicsPath);
  return cached;
}

/**
 * Misses and missed bytes of `create(capacity)` on the cloudPhysics trace at the byte capacities
 * of libCacheSim's golden tests (128 MiB to 1 GiB in steps of 128 MiB), one object per request
 * keyed by object id, sizes respected.
 *
 * @example
 * goldenMisses((c) => new ArcCache(c)).misses[0]; // => 90252
 */
export function goldenMisses(create: (capacity: number) => CachePolicy): { misses: number[]; missedBytes: number[] } {
  const { objectId, size } = cloudPhysics();
  const misses: number[] = [];
  const missedBytes: number[] = [];
  for (let step = 1; step <= 8; step++) {
    const capacity = step * 128 * MiB;
    const cache = new Cache(capacity, create(capacity));
    for (let i = 0; i < objectId.length; i++) cache.access(objectId[i], size[i]);
    misses.push(cache.stats.misses);
    missedBytes.push(cache.stats.missedSize);
  }
  return { misses, missedBytes };
}

/** Requests as `[key, size]` pairs. */
export type Requests = readonly (readonly [number, number])[];

/**
 * `[key, 1]` for each key: requests for an object-counted cache.
 *
 * @example
 * units([1, 2]); // => [[1, 1], [2, 1]]
 */
export function units(keys: readonly number[]): Requests {
  return keys.map((key) => [key, 1] as const);
}

/**
 * Replays `requests` through a {@link Cache} of `capacity` around `policy`; returns the policy,
 * the cache, whether each request hit, and the keys the framework evicted, in order.
 *
 * @example
 * replay(new ArcCache(2), 2, units([1, 1])).hits; // => [false, true]
 */
export function replay<P extends CachePolicy>(policy: P, capacity: number, requests: Requests) {
  const cache = new Cache(capacity, policy);
  const evicted: number[] = [];
  cache.onEvict = (key) => evicted.push(key);
  const hits = requests.map(([key, size]) => cache.access(key, size));
  return { policy, cache, hits, evicted };
}
