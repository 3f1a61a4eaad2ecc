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
