import type { TraceFormat, TraceRequest } from "../../../workloads/traces/types.ts";
import { Cache } from "../cache.ts";
import { cachePolicies, createCachePolicy } from "../index.ts";
import { KeyIndex } from "../structures/key-index.ts";
import { growFloat } from "../structures/slots.ts";
import { type AccessChunk, type CachesimMode, accessChunks, fileAccessChunks } from "./access-chunks.ts";
import { withFuture } from "./future.ts";

export type { CachesimMode } from "./access-chunks.ts";

/** What a cache's capacity counts: objects (each access has size 1) or bytes. */
export type CacheUnit = "objects" | "bytes";

/** Requests turned into cache accesses, all in memory (small traces, examples, tests). */
export type AccessStream = Omit<AccessChunk, "futureKnown">;

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
  /**
   * Where Belady's next accesses come from: `trace` (default) uses the trace's own field when
   * every request has it (oracleGeneral) and computes them otherwise; `compute` always computes
   * them (backward pass over a temporary file).
   */
  future?: "trace" | "compute";
}

/**
 * Turns requests into an in-memory {@link AccessStream} under `mode` (see {@link CachesimMode}).
 * Its memory grows with the trace (24 bytes per access): for small traces and tests;
 * {@link cachesim} streams instead. In `libcachesim` mode, when every request carries the file's
 * `nextAccessIndex` (oracleGeneral, 1-based, −1 none) it is used as is, like libCacheSim;
 * otherwise next accesses are computed.
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
  let known = true;
  for (const chunk of accessChunks(requests, mode, blockBytes)) {
    if (n + chunk.length > keys.length) {
      const grown = Math.max(keys.length * 2, n + chunk.length);
      keys = growFloat(keys, grown);
      bytes = growFloat(bytes, grown);
      next = growFloat(next, grown);
    }
    keys.set(chunk.keys.subarray(0, chunk.length), n);
    bytes.set(chunk.bytes.subarray(0, chunk.length), n);
    next.set(chunk.next.subarray(0, chunk.length), n);
    n += chunk.length;
    known &&= chunk.futureKnown;
  }
  const stream: AccessStream = { keys: keys.subarray(0, n), bytes: bytes.subarray(0, n), next: next.subarray(0, n), length: n };
  if (!known) fillNextAccess(stream);
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
 * One policy at one capacity, fed chunk by chunk (framework flow of libCacheSim's
 * `cache_get_base`: no per-object metadata, sizes fixed at insertion, too-large objects miss
 * and are not inserted). Holds only the cache's state.
 *
 * @example
 * const run = new CacheRun("lru", 1, "objects");
 * run.replay({ keys: Float64Array.of(1, 1), bytes: Float64Array.of(8, 8), next: Float64Array.of(1, Infinity), length: 2 });
 * run.row().misses; // => 1
 */
export class CacheRun {
  private readonly cache: Cache;
  private requestedBytes = 0;
  private missedBytes = 0;

  constructor(
    readonly policy: string,
    readonly size: number,
    readonly unit: CacheUnit,
    options: Readonly<Record<string, unknown>> = {},
  ) {
    this.cache = new Cache(size, createCachePolicy(policy, { ...options, capacity: size }));
  }

  /** Serves the chunk's accesses in order. */
  replay(chunk: AccessStream): void {
    const cache = this.cache;
    const { keys, bytes, next, length } = chunk;
    if (this.unit === "bytes") {
      // Accesses are sized in bytes, so the cache's own size counters are the byte totals.
      for (let i = 0; i < length; i++) cache.access(keys[i], bytes[i], next[i]);
      return;
    }
    let requested = 0;
    let missed = 0;
    for (let i = 0; i < length; i++) {
      const b = bytes[i];
      requested += b;
      if (!cache.access(keys[i], 1, next[i])) missed += b;
    }
    this.requestedBytes += requested;
    this.missedBytes += missed;
  }

  /** The result so far. */
  row(): CachesimRow {
    const { requests, misses, requestedSize, missedSize } = this.cache.stats;
    const requestedBytes = this.unit === "bytes" ? requestedSize : this.requestedBytes;
    const missedBytes = this.unit === "bytes" ? missedSize : this.missedBytes;
    return {
      policy: this.policy,
      size: this.size,
      unit: this.unit,
      requests,
      misses,
      missRatio: requests === 0 ? 0 : misses / requests,
      byteMissRatio: requestedBytes === 0 ? 0 : missedBytes / requestedBytes,
    };
  }
}

/**
 * Replays an in-memory `stream` through one policy at one capacity (see {@link CacheRun}).
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
  const run = new CacheRun(policy, size, unit, options);
  run.replay(stream);
  return run.row();
}

/** One (policy, size) of a cachesim run: the unit of work a thread takes. */
export interface CachesimJob {
  policy: string;
  /** Capacity in the run's unit. */
  size: number;
}

/**
 * The (policy, size) jobs of `options` in row order: policies outer, sizes inner.
 *
 * @example
 * cachesimJobs({ policies: ["lru", "arc"], sizes: [10, 20] }).map((j) => `${j.policy}@${j.size}`);
 * // => ["lru@10", "lru@20", "arc@10", "arc@20"]
 */
export function cachesimJobs(options: Pick<CachesimOptions, "policies" | "sizes">): CachesimJob[] {
  return options.policies.flatMap((policy) => options.sizes.map((size) => ({ policy, size })));
}

/**
 * Every policy at every size over one stream of access chunks, in one pass: each chunk is
 * replayed through every (policy, size) before the next is read. Rows: policies outer, sizes
 * inner. When a policy needs the future (Belady) and the chunks do not all carry the trace's
 * next field, or `options.future` is `compute`, the chunks go through `withFuture`
 * (temporary file, backward pass) first. Memory: the caches and one chunk.
 *
 * @example
 * import { oracleGeneralAccessChunks } from "./access-chunks.ts";
 * cachesimChunks(oracleGeneralAccessChunks("traces/cloudPhysicsIO.oracleGeneral.bin"), { policies: ["belady"], sizes: [128 * 2 ** 20], unit: "bytes", mode: "libcachesim", future: "compute" })[0].misses;
 * // => 79256
 */
export function cachesimChunks(chunks: Iterable<AccessChunk>, options: CachesimOptions, jobs: readonly CachesimJob[] = cachesimJobs(options)): CachesimRow[] {
  for (const policy of options.policies) createCachePolicy(policy, { capacity: 1 });
  const runs = jobs.map((job) => new CacheRun(job.policy, job.size, options.unit, options.policyOptions?.[job.policy]));
  const needsFuture = jobs.some((job) => cachePolicies.needsInput(job.policy, "nextAccessIndex"));
  let source: Iterable<AccessChunk> = chunks;
  if (needsFuture) source = withFuture(options.future === "compute" ? forgetFuture(chunks) : chunks);
  for (const chunk of source) {
    for (const run of runs) run.replay(chunk);
  }
  return runs.map((run) => run.row());
}

/** The chunks, marked as not carrying the trace's next field (so it is computed). */
function* forgetFuture(chunks: Iterable<AccessChunk>): Generator<AccessChunk> {
  for (const chunk of chunks) {
    chunk.futureKnown = false;
    yield chunk;
  }
}

/**
 * The library behind `rtolab cachesim`: every policy at every size over the same requests,
 * streamed once (see {@link cachesimChunks}). Unknown policy names throw an InputError that
 * lists the valid ones.
 *
 * @example
 * cachesim(openTrace("traces/cloudPhysicsIO.oracleGeneral.bin", "oracleGeneral"), { policies: ["lru"], sizes: [128 * 2 ** 20], unit: "bytes", mode: "libcachesim" })[0].misses;
 * // => 93374
 */
export function cachesim(requests: Iterable<TraceRequest>, options: CachesimOptions, jobs: readonly CachesimJob[] = cachesimJobs(options)): CachesimRow[] {
  for (const policy of options.policies) createCachePolicy(policy, { capacity: 1 });
  return cachesimChunks(accessChunks(requests, options.mode, options.blockBytes ?? 4096), options, jobs);
}

/**
 * {@link cachesim} on a trace file: oracleGeneral files in `libcachesim` mode are decoded
 * straight into access columns (no request objects); other formats go through their reader.
 * `jobs` (default: every policy at every size) picks the rows to compute, in their order: a
 * worker thread computes a share of them (lab/cachesim-pool.ts).
 *
 * @example
 * cachesimFile("traces/cloudPhysicsIO.oracleGeneral.bin", "oracleGeneral", { policies: ["lru", "belady"], sizes: [128 * 2 ** 20], unit: "bytes", mode: "libcachesim" }).map((r) => r.misses);
 * // => [93374, 79256]
 */
export function cachesimFile(path: string, format: TraceFormat, options: CachesimOptions, jobs: readonly CachesimJob[] = cachesimJobs(options)): CachesimRow[] {
  for (const policy of options.policies) createCachePolicy(policy, { capacity: 1 });
  return cachesimChunks(fileAccessChunks(path, format, options.mode, options.blockBytes ?? 4096), options, jobs);
}
