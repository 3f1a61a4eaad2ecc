import { fileURLToPath } from "node:url";
import { Cache } from "../src/policies/cache/cache.ts";
import { cachePolicies, createCachePolicy } from "../src/policies/cache/index.ts";
import { loadOracleGeneral } from "../src/workloads/traces/oracle-general.ts";
import type { OracleGeneralColumns } from "../src/workloads/traces/oracle-general.ts";

/** What {@link runCacheBench} measures. */
export interface CacheBenchResult {
  trace: string;
  /** Requests replayed per measured run. */
  requests: number;
  /** Cache capacity of the speed runs, bytes. */
  capacityBytes: number;
  /** Best-of-runs throughput per policy, requests per second. */
  requestsPerSecond: Record<string, number>;
  /** The same for a minimal `Map`-based LRU, and LRU's speed relative to it. */
  mapLruRequestsPerSecond: number;
  lruOverMapLru: number;
  /** Policies that fall below the 3 M requests/s floor, and whether LRU reaches 10 M/s. */
  belowFloor: string[];
  lruMeetsTarget: boolean;
  /** Bytes per cached object: computed from the typed arrays, and measured as heap growth. */
  bytesPerObjectComputed: number;
  bytesPerObjectHeap: number;
  /** Policies asked for but not registered (ARC / S3-FIFO before they land). */
  missing: string[];
}

const TRACE = new URL("../traces/cloudPhysicsIO.oracleGeneral.bin", import.meta.url);

/**
 * A minimal LRU on a `Map` (insertion order = recency), the baseline the bench compares with.
 *
 * @example
 * mapLruMisses(keys, sizes, 1 << 20); // => misses of an LRU of 1 MiB
 */
export function mapLruMisses(keys: Float64Array, sizes: Float64Array, capacity: number): number {
  const map = new Map<number, number>();
  let occupied = 0;
  let misses = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const size = map.get(key);
    if (size !== undefined) {
      map.delete(key);
      map.set(key, size);
      continue;
    }
    misses++;
    const s = sizes[i];
    if (s > capacity) continue;
    while (occupied + s > capacity) {
      const oldest = map.keys().next().value as number;
      occupied -= map.get(oldest) as number;
      map.delete(oldest);
    }
    map.set(key, s);
    occupied += s;
  }
  return misses;
}

function replay(trace: OracleGeneralColumns, name: string, capacity: number): number {
  const cache = new Cache(capacity, createCachePolicy(name, { capacity }));
  const { objectId, size, nextIndex } = trace;
  for (let i = 0; i < objectId.length; i++) cache.access(objectId[i], size[i], nextIndex[i]);
  return cache.stats.misses;
}

function bestRate(runs: number, requests: number, body: () => void): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    body();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return requests / best;
}

/** Heap growth per object when `objects` distinct unit-size keys fill an LRU. */
function heapBytesPerObject(objects: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const cache = new Cache(objects, createCachePolicy("lru", { capacity: objects }));
  for (let k = 0; k < objects; k++) cache.access(k * 7919, 1);
  gc?.();
  const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  if (cache.policy.objectCount !== objects) throw new Error("heap probe did not fill the cache");
  return (after - before) / objects;
}

/**
 * Measures cache policy speed on the real CloudPhysics trace (keys and sizes loaded into typed
 * arrays first, so only the policy is timed): best of `runs` replays at 256 MiB for every
 * registered policy (LRU, ARC and S3-FIFO are the ones the targets name; absent ones are listed in `missing`),
 * a `Map`-based LRU baseline in the same process, and memory per cached object.
 *
 * @example
 * const result = runCacheBench();
 * result.requestsPerSecond.lru; // => e.g. 1.2e7
 */
export function runCacheBench(runs = 7): CacheBenchResult {
  const trace = loadOracleGeneral(fileURLToPath(TRACE));
  const requests = trace.objectId.length;
  const capacity = 256 * 2 ** 20;
  // The floor applies to every policy, so every registered one is measured.
  const wanted = ["lru", "arc", "s3fifo"];
  const missing = wanted.filter((name) => !cachePolicies.has(name));
  const names = cachePolicies.names();
  const requestsPerSecond: Record<string, number> = {};
  for (const name of names) requestsPerSecond[name] = bestRate(runs, requests, () => replay(trace, name, capacity));
  const mapLru = bestRate(runs, requests, () => mapLruMisses(trace.objectId, trace.size, capacity));
  const probe = createCachePolicy("lru", { capacity: 1 }) as { store?: { bytes: number; capacity: number } };
  const computed = probe.store ? probe.store.bytes / probe.store.capacity : NaN;
  return {
    trace: "cloudPhysicsIO.oracleGeneral.bin",
    requests,
    capacityBytes: capacity,
    requestsPerSecond,
    mapLruRequestsPerSecond: mapLru,
    lruOverMapLru: requestsPerSecond.lru / mapLru,
    belowFloor: names.filter((name) => requestsPerSecond[name] < 3e6),
    lruMeetsTarget: requestsPerSecond.lru >= 1e7,
    bytesPerObjectComputed: computed,
    bytesPerObjectHeap: heapBytesPerObject(1 << 20),
    missing,
  };
}
