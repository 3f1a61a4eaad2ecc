/**
 * What-if pairs whose slowed boot ran through a pre-warmed cache: nbdkit's cache filter
 * (`cache=unsafe cache-on-read=true`) in front of a disk server slowed by nbdkit's delay filter,
 * the cache warmed beforehand by reading every extent an earlier boot read (its operational
 * profile). It is the live-mount set-up rtolab models (a media agent's cache, pre-staged from a
 * profile, in front of slow secondary storage), made of stock parts
 * (tools/record-boots/record-warm.sh).
 *
 * How such a request is served follows the filter's code (nbdkit 1.32, filters/cache), checked
 * against the slowed server's own log of a recorded boot (test/workloads/replay/warm-cache.test.ts):
 *
 * - the cache holds whole blocks (64 KiB: `cache-min-block-size`'s default);
 * - a read takes its unaligned head block, then its whole blocks, then its unaligned tail
 *   block; each of these parts that is not cached is read from the server, a run of uncached
 *   whole blocks in one call, and every block read is cached (`cache-on-read`);
 * - a write first reads a partial head or tail block it does not cover whole from the server if
 *   uncached (read-modify-write); whole blocks are not read. Then, by the filter's mode: with
 *   cache=unsafe the block stays in the cache; with cache=writeback (nbdkit's default) it stays
 *   dirty until a flush, which writes every dirty block to the server, one call per block in
 *   block order; with cache=writethrough each written block goes to the server at once;
 * - one lock serialises every read, write and (but with cache=unsafe) flush in the filter: a
 *   request waits for the one before it, so a hit queues behind a miss's server call;
 * - with cache=unsafe a flush returns at once, without the lock.
 *
 * Each server call pays the delay. A request's service is then its wait for the lock, its
 * server calls' delays, and its recorded latency (the disk work the base boot measured).
 */
import { Simulation } from "../../kernel/simulation.ts";
import type { TraceRequest } from "../traces/types.ts";
import { startGuestReplay } from "./driver.ts";
import type { ReplayPlan } from "./plan.ts";

const US = 1000;

/** nbdkit's cache filter modes (its `cache=`): where writes go and what a flush does. */
export type CacheMode = "unsafe" | "writeback" | "writethrough";

/** nbdkit's cache filter, pre-warmed from a profile, as a what-if pair's slowed boot had it. */
export interface WarmCache {
  /** The cache's block size, bytes (nbdkit's cache-min-block-size or the cache file system's block size, whichever is larger; 64 KiB by default). */
  blockBytes: number;
  /** The requests of the boot whose reads warmed the cache (its operational profile): every block a read touched is cached at the start. */
  profile: readonly TraceRequest[];
  /**
   * The filter's `cache=`, default "writeback" as nbdkit's: "writeback" keeps writes in the cache
   * until a flush writes every dirty block to the server; "writethrough" writes each written
   * block to the server at once; "unsafe" keeps them in the cache and ignores flushes.
   */
  mode?: CacheMode;
}

/** nbdkit's default cache block size, bytes. */
export const NBDKIT_CACHE_BLOCK_BYTES = 65536;

/** One call the cache filter makes to the server behind it: a read or a write of whole blocks. */
export interface ServerCall {
  op: "R" | "W";
  offset: number;
  length: number;
}

/**
 * The cache filter's block state, fed requests in the order they take its lock: which server
 * calls each makes, in order.
 *
 * @example
 * const cache = new CacheFilter({ blockBytes: 65536, profile: [{ timeUs: 0, op: "R", offset: 0, length: 4096 }], mode: "unsafe" });
 * cache.calls({ timeUs: 0, op: "R", offset: 4096, length: 4096 }) // => [] // block 0 was warmed
 * cache.calls({ timeUs: 0, op: "R", offset: 65536, length: 131072 }) // => [{ op: "R", offset: 65536, length: 131072 }] // blocks 1 and 2 in one call
 * cache.calls({ timeUs: 0, op: "W", offset: 262144, length: 4096 }) // => [{ op: "R", offset: 262144, length: 65536 }] // read-modify-write of block 4
 * cache.calls({ timeUs: 0, op: "W", offset: 327680, length: 65536 }) // => [] // a whole block is written without a read
 * const writeback = new CacheFilter({ blockBytes: 65536, profile: [], mode: "writeback" });
 * writeback.calls({ timeUs: 0, op: "W", offset: 65536, length: 65536 }) // => [] // dirty in the cache
 * writeback.calls({ timeUs: 0, op: "F", offset: 0, length: 0 }) // => [{ op: "W", offset: 65536, length: 65536 }] // the flush writes it back
 */
export class CacheFilter {
  private readonly cached = new Set<number>();
  private readonly dirty = new Set<number>();
  private readonly block: number;
  private readonly mode: CacheMode;
  /** Whether a flush goes past the cache (every mode but unsafe): it then takes the lock. */
  readonly flushesReachServer: boolean;

  constructor(cache: WarmCache) {
    this.block = cache.blockBytes;
    this.mode = cache.mode ?? "writeback";
    this.flushesReachServer = this.mode !== "unsafe";
    for (const r of cache.profile) if (r.op === "R" && r.length > 0) this.calls(r);
  }

  /**
   * The server calls `request` makes, in order, updating the cache as the filter does: a read
   * reads its uncached parts and caches them; a write reads a partial block it does not cover if
   * uncached, then caches the block, writing it to the server at once in writethrough mode or
   * marking it dirty in writeback mode; a flush in writeback mode writes every dirty block, in
   * block order. (nbdkit also writes through a write flagged FUA in writeback mode; the boots
   * recorded here issued none.)
   */
  calls(request: TraceRequest): ServerCall[] {
    if (request.op === "F") return this.flush();
    if (request.length <= 0) return [];
    const B = this.block;
    const out: ServerCall[] = [];
    const write = request.op === "W";
    let offset = request.offset;
    const end = request.offset + request.length;
    const written = (blockNumber: number): void => {
      if (!write) return;
      if (this.mode === "writethrough") out.push({ op: "W", offset: blockNumber * B, length: B });
      if (this.mode === "writeback") this.dirty.add(blockNumber);
    };
    const partial = (blockNumber: number): void => {
      if (!this.cached.has(blockNumber)) out.push({ op: "R", offset: blockNumber * B, length: B });
      this.cached.add(blockNumber);
      written(blockNumber);
    };
    if (offset % B !== 0) {
      partial(Math.floor(offset / B));
      offset = Math.min(end, (Math.floor(offset / B) + 1) * B);
    }
    const wholeEnd = offset + Math.floor((end - offset) / B) * B;
    let run = -1;
    for (let b = offset / B; b < wholeEnd / B; b++) {
      const missing = !write && !this.cached.has(b);
      if (missing && run < 0) run = b;
      if (!missing && run >= 0) {
        out.push({ op: "R", offset: run * B, length: (b - run) * B });
        run = -1;
      }
      this.cached.add(b);
      written(b);
    }
    if (run >= 0) out.push({ op: "R", offset: run * B, length: wholeEnd - run * B });
    if (wholeEnd < end) partial(wholeEnd / B);
    return out;
  }

  /** A flush's server writes: every dirty block, in block order (writeback mode; none otherwise). */
  private flush(): ServerCall[] {
    const blocks = [...this.dirty].sort((a, b) => a - b);
    this.dirty.clear();
    return blocks.map((b) => ({ op: "W", offset: b * this.block, length: this.block }));
  }
}

/**
 * The lock of the cache filter in front of a server slowed by `delayUs` per call: each read or
 * write takes it in the order offered, holds it for its server calls (`delayUs` each), and
 * adds what it holds and waits to its service. A flush passes at once with cache=unsafe.
 *
 * @example
 * const lock = new CacheLock(new CacheFilter({ blockBytes: 65536, profile: [], mode: "unsafe" }), 20000);
 * lock.offer({ timeUs: 0, op: "R", offset: 0, length: 4096 }, 0) // => 20000 // a miss: one call
 * lock.offer({ timeUs: 0, op: "R", offset: 0, length: 4096 }, 5000) // => 15000 // a hit, queued behind it until 20 ms
 * lock.offer({ timeUs: 0, op: "F", offset: 0, length: 0 }, 5000) // => 0
 */
export class CacheLock {
  private freeAtUs = 0;

  constructor(private readonly filter: CacheFilter, private readonly delayUs: number) {}

  /**
   * Offers `request` at `nowUs`: the µs it waits for the lock plus the µs of its server calls.
   * A flush in unsafe mode passes at once; in the other modes it takes the lock like a write.
   */
  offer(request: TraceRequest, nowUs: number): number {
    if (request.op === "F" && !this.filter.flushesReachServer) return 0;
    const start = Math.max(nowUs, this.freeAtUs);
    this.freeAtUs = start + this.filter.calls(request).length * this.delayUs;
    return this.freeAtUs - nowUs;
  }
}

/**
 * What the warm cache and the slowed server added to each request of a recording made through
 * them, µs: the recording's requests offered to the lock at their recorded issue times, open
 * loop (the faster direction takes it from each recorded latency).
 *
 * @example
 * const r = (timeUs: number, offset: number): TraceRequest => ({ timeUs, op: "R", offset, length: 4096, latencyUs: 0 });
 * // block 0 warmed; block 1 misses at 0 and holds the lock 20 ms; block 0 is a hit but waits until 20 ms
 * [...cacheWaitsUs([r(0, 65536), r(1000, 0)], { blockBytes: 65536, profile: [r(0, 0)] }, 20000)] // => [20000, 19000]
 */
export function cacheWaitsUs(requests: readonly TraceRequest[], cache: WarmCache, delayUs: number): Float64Array {
  const lock = new CacheLock(new CacheFilter(cache), delayUs);
  const waits = new Float64Array(requests.length);
  requests.forEach((r, i) => (waits[i] = lock.offer(r, r.timeUs)));
  return waits;
}

/**
 * The service time of each request of `plan` replayed closed-loop through `cache` in front of a
 * server slowed by `delayUs` per call, µs: what a kernel run of the replay up to `stopAtUs`
 * (trace time) delivered. A read or write takes its wait for the lock and its server calls, then
 * its recorded latency; a flush completes at once in unsafe mode, and in the others takes the
 * lock, its writes of dirty blocks (writeback) and its recorded latency. Requests past the cut, never
 * issued, keep their recorded latency: they cannot gate a milestone before the cut.
 *
 * @example
 * const plan = inferReplayPlan([
 *   { timeUs: 0, op: "R", offset: 0, length: 4096, latencyUs: 10 },
 *   { timeUs: 20, op: "R", offset: 65536, length: 4096, latencyUs: 10 },
 * ]);
 * const serviceUs = warmCacheServiceUs(plan, { blockBytes: 65536, profile: plan.requests.slice(0, 1) }, 20000, 20);
 * [serviceUs(0), serviceUs(1)] // => [10, 20010] // the first was pre-staged, the second misses
 */
export function warmCacheServiceUs(plan: ReplayPlan, cache: WarmCache, delayUs: number, stopAtUs: number): (index: number) => number {
  const sim = new Simulation();
  const filter = new CacheFilter(cache);
  const lock = new CacheLock(filter, delayUs);
  const requests = plan.requests;
  const submit = (i: number, done: () => void): void => {
    const r = requests[i];
    const serviceUs = r.op === "F" && !filter.flushesReachServer ? 0 : lock.offer(r, sim.now / US) + (r.latencyUs ?? 0);
    sim.schedule(Math.round(serviceUs * US), "replay.cache-serve", done);
  };
  const replay = startGuestReplay(sim, { plan, submit, stopAtUs, name: "whatif" });
  sim.run();
  return (i) => {
    const issued = replay.issueNs(i);
    const completed = replay.completionNs(i);
    return issued !== undefined && completed !== undefined ? (completed - issued) / US : requests[i].latencyUs ?? 0;
  };
}
