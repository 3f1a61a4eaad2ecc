import type { TraceRequest } from "../../../workloads/traces/types.ts";
import { Cache } from "../cache.ts";
import { createCachePolicy } from "../index.ts";
import { KeyIndex } from "../structures/key-index.ts";
import { growFloat } from "../structures/slots.ts";

/** What a cache's capacity counts: objects (each access has size 1) or bytes. */
export type CacheUnit = "objects" | "bytes";

/**
 * How requests become cache accesses.
 * - `libcachesim`: one access per request, keyed by its `offset` (for oracleGeneral the object
 *   id, for vscsi/CSV the byte offset: either way one key per start LBN), sized by its `length`;
 *   this is libCacheSim's request semantics and reproduces its published miss counts.
 * - `block`: each request is split into the `blockBytes` blocks it touches (key = block number,
 *   size = blockBytes), one access each, in order: what a media agent's block cache sees.
 * Both modes skip flushes (`op` "F") and count reads and writes alike, as libCacheSim does.
 */
export type CachesimMode = "libcachesim" | "block";

/** Requests turned into cache accesses, in typed arrays. */
export interface AccessStream {
  keys: Float64Array;
  /** Bytes of each access. */
  bytes: Float64Array;
  /** 0-based index of the next access to the same key, Infinity if none (for Belady). */
  next: Float64Array;
  length: number;
}

/** One line of `rtolab cachesim` output. */
export interface CachesimRow {
  policy: string;
  /** Capacity in `unit`. */
  size: number;
  unit: CacheUnit;
  requests: number;
  misses: number;
  missRatio: number;
  /** Missed bytes / requested bytes (both modes, both units). */
  byteMissRatio: number;
}

/** Options of {@link cachesim}. */
export interface CachesimOptions {
  policies: readonly string[];
  /** Capacities in `unit`. */
  sizes: readonly number[];
  unit: CacheUnit;
  mode: CachesimMode;
  /** Block size for `block` mode, bytes (default 4096). */
  blockBytes?: number;
  /** Extra parameters per policy name, e.g. `{ clock: { nBitCounter: 2 } }`. */
  policyOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * Turns requests into an {@link AccessStream} under `mode` (see {@link CachesimMode}). In
 * `libcachesim` mode, when every request carries the file's `nextAccessIndex` (oracleGeneral,
 * 1-based, −1 none) it is used as is, like libCacheSim; otherwise next accesses are computed.
 *
 * @example
 * buildAccessStream([{ timeUs: 0, op: "R", offset: 0, length: 8192 }], "block", 4096).keys;
 * // => Float64Array.of(0, 1)
 */
export function buildAccessStream(requests: Iterable<TraceRequest>, mode: CachesimMode, blockBytes = 4096): AccessStream {
  let keys: Float64Array = new Float64Array(1 << 16);
  let bytes: Float64Array = new Float64Array(1 << 16);
  let next: Float64Array = new Float64Array(1 << 16);
  let n = 0;
  let fileNext = mode === "libcachesim";
  const push = (key: number, size: number, nextIndex: number): void => {
    if (n === keys.length) {
      keys = growFloat(keys, n * 2);
      bytes = growFloat(bytes, n * 2);
      next = growFloat(next, n * 2);
    }
    keys[n] = key;
    bytes[n] = size;
    next[n++] = nextIndex;
  };
  for (const request of requests) {
    if (request.op === "F") continue;
    if (mode === "libcachesim") {
      const file = request.nextAccessIndex;
      if (file === undefined) fileNext = false;
      push(request.offset, request.length, file === undefined || file < 0 ? Infinity : file - 1);
    } else if (request.length > 0) {
      const last = Math.floor((request.offset + request.length - 1) / blockBytes);
      for (let block = Math.floor(request.offset / blockBytes); block <= last; block++) push(block, blockBytes, Infinity);
    }
  }
  const stream: AccessStream = { keys: keys.subarray(0, n), bytes: bytes.subarray(0, n), next: next.subarray(0, n), length: n };
  if (!fileNext) fillNextAccess(stream);
  return stream;
}

/**
 * Fills `stream.next` by a backward pass: the index of the next access to the same key.
 *
 * @example
 * const s = { keys: Float64Array.of(1, 2, 1), bytes: new Float64Array(3), next: new Float64Array(3), length: 3 };
 * fillNextAccess(s); s.next; // => Float64Array.of(2, Infinity, Infinity)
 */
export function fillNextAccess(stream: AccessStream): void {
  const seen = new KeyIndex(1024);
  for (let i = stream.length - 1; i >= 0; i--) {
    const at = seen.get(stream.keys[i]);
    stream.next[i] = at < 0 ? Infinity : at;
    seen.set(stream.keys[i], i);
  }
}

/**
 * Replays `stream` through one policy at one capacity (framework flow of libCacheSim's
 * `cache_get_base`: no per-object metadata, sizes fixed at insertion, too-large objects miss
 * and are not inserted).
 *
 * @example
 * const stream = buildAccessStream(openTrace("traces/cloudPhysicsIO.oracleGeneral.bin", "oracleGeneral"), "libcachesim");
 * simulate(stream, "lru", 128 * 2 ** 20, "bytes").misses; // => 93374 // on cloudPhysicsIO
 */
export function simulate(
  stream: AccessStream,
  policy: string,
  size: number,
  unit: CacheUnit,
  options: Readonly<Record<string, unknown>> = {},
): CachesimRow {
  const cache = new Cache(size, createCachePolicy(policy, { ...options, capacity: size }));
  const { keys, bytes, next, length } = stream;
  let requestedBytes = 0;
  let missedBytes = 0;
  if (unit === "bytes") {
    // Accesses are sized in bytes, so the cache's own size counters are the byte totals.
    for (let i = 0; i < length; i++) cache.access(keys[i], bytes[i], next[i]);
    requestedBytes = cache.stats.requestedSize;
    missedBytes = cache.stats.missedSize;
  } else {
    for (let i = 0; i < length; i++) {
      const b = bytes[i];
      requestedBytes += b;
      if (!cache.access(keys[i], 1, next[i])) missedBytes += b;
    }
  }
  const { requests, misses } = cache.stats;
  return {
    policy,
    size,
    unit,
    requests,
    misses,
    missRatio: requests === 0 ? 0 : misses / requests,
    byteMissRatio: requestedBytes === 0 ? 0 : missedBytes / requestedBytes,
  };
}

/**
 * The library behind `rtolab cachesim`: every policy at every size over the same requests,
 * one row each (policies outer, sizes inner). Unknown policy names throw an InputError that
 * lists the valid ones.
 *
 * @example
 * cachesim(openTrace("traces/cloudPhysicsIO.oracleGeneral.bin", "oracleGeneral"), { policies: ["lru"], sizes: [128 * 2 ** 20], unit: "bytes", mode: "libcachesim" })[0].misses;
 * // => 93374
 */
export function cachesim(requests: Iterable<TraceRequest>, options: CachesimOptions): CachesimRow[] {
  for (const policy of options.policies) createCachePolicy(policy, { capacity: 1 });
  const stream = buildAccessStream(requests, options.mode, options.blockBytes ?? 4096);
  const rows: CachesimRow[] = [];
  for (const policy of options.policies) {
    for (const size of options.sizes) rows.push(simulate(stream, policy, size, options.unit, options.policyOptions?.[policy]));
  }
  return rows;
}
