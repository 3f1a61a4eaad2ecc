import type { ParameterValues, PolicyDefinition } from "../../registry.ts";
import { cacheParameters, positiveCapacity } from "../parameters.ts";
import { QueuePolicy } from "../structures/slot-lists.ts";
import type { AccessContext, CacheKey, CachePolicyEntry, CachePolicyOptions, EvictedObject } from "../types.ts";

// List ids: small FIFO, main FIFO, ghost FIFO (keys and sizes of objects evicted from S).
const S = 0;
const M = 1;
const G = 2;
/** Frequencies are 2-bit counters: an access past 3 is not counted. */
const MAX_FREQ = 3;

/** S3-FIFO's parameters (besides the capacity), typed from `s3fifoDefinition`: meanings, defaults and bounds live there only. */
export type S3FifoParameters = ParameterValues<typeof s3fifoDefinition>;

/**
 * S3-FIFO (Yang et al., SOSP'23) as in libCacheSim's `S3FIFO.c`: a small FIFO S (10% of the
 * capacity), a main FIFO M (the rest) and a ghost FIFO G of keys evicted from S (90% of the
 * capacity, counted in the cache's unit), with a 2-bit access frequency per object.
 *
 * - A hit in S or M increments the object's frequency (capped at 3); a miss that finds the key
 *   in G forgets the ghost and inserts the object into M, any other miss inserts into S — except
 *   that until the first eviction, once S is full, new objects go to M (libCacheSim's variant).
 *   Objects start with frequency 0.
 * - Eviction works on M when M is over its share or S is empty, else on S. From S, the oldest
 *   object moves to M's head (frequency reset to 0) if its frequency ≥ `moveToMainThreshold`
 *   (2: "accessed more than once", Algorithm 1's `freq > 1`), else it is evicted and its key
 *   enters G (G drops its oldest keys to stay within its size). From M, the oldest object is
 *   reinserted at M's head with frequency `min(freq, 3) − 1` while its frequency is ≥ 1, else
 *   it is evicted.
 * - An object larger than S is not inserted (it still counts as a miss). libCacheSim refuses it
 *   before evicting anything; our framework has already evicted to make room when `insert`
 *   refuses (no admission hook yet). No cloudPhysics object comes near 10% of 128 MiB.
 *
 * @example
 * const s3 = new S3FifoCache(10);
 * const cache = new Cache(10, s3);
 * [1, 1, 2].map((k) => cache.access(k, 1)); // => [false, true, false]
 */
export class S3FifoCache extends QueuePolicy {
  readonly smallCapacity: number;
  readonly mainCapacity: number;
  readonly ghostCapacity: number;
  readonly moveToMainThreshold: number;
  private hitOnGhost = false;
  private hasEvicted = false;

  constructor(
    /** Capacity in the cache's unit (bytes, or 1 per object). */
    readonly capacity: number,
    parameters: Partial<S3FifoParameters> = {},
  ) {
    super(3);
    positiveCapacity("s3fifo", capacity);
    // Defaults and bounds are the definition's (the one place they live); a bad value is an InputError.
    const { smallRatio, ghostRatio, moveToMainThreshold } = cacheParameters<S3FifoParameters>(s3fifoDefinition, parameters);
    this.moveToMainThreshold = moveToMainThreshold;
    // As libCacheSim: S gets ⌊c·ratio⌋ (at least 1 unit, so tiny object-counted caches work).
    this.smallCapacity = Math.max(1, Math.floor(capacity * smallRatio));
    this.mainCapacity = capacity - this.smallCapacity;
    this.ghostCapacity = Math.floor(capacity * ghostRatio);
  }

  /** Keys of S, M and G from newest to oldest, for tests and debugging. */
  queues(): { small: CacheKey[]; main: CacheKey[]; ghost: CacheKey[] } {
    return { small: this.keysOf(S), main: this.keysOf(M), ghost: this.keysOf(G) };
  }

  find(ctx: AccessContext): boolean {
    this.hitOnGhost = false;
    const slot = this.lists.slotOf(ctx.key);
    if (slot < 0) return false;
    const lists = this.lists;
    if (lists.listOf(slot) === G) {
      this.hitOnGhost = true;
      this.forget(slot);
      return false;
    }
    const freq = lists.flagsOf(slot);
    if (freq < MAX_FREQ) lists.setFlags(slot, freq + 1);
    return true;
  }

  insert(ctx: AccessContext): void {
    let queue = M;
    if (!this.hitOnGhost) {
      if (ctx.size > this.smallCapacity) return;
      if (this.hasEvicted || this.lists.bytes[S] < this.smallCapacity) queue = S;
    }
    this.hitOnGhost = false;
    this.add(queue, ctx.key, ctx.size);
  }

  /** Returns the victim in an object reused by the next call. */
  evict(): EvictedObject {
    this.hasEvicted = true;
    const lists = this.lists;
    for (;;) {
      if (lists.bytes[M] > this.mainCapacity || lists.count[S] === 0) return this.evictMain();
      if (this.evictSmall()) return this.victim;
      // Every object of S had been accessed enough and moved to M: now evict from M.
    }
  }

  /** Moves S's oldest objects to M until one is evicted (true) or S is empty (false). */
  private evictSmall(): boolean {
    const lists = this.lists;
    while (lists.count[S] > 0) {
      const slot = lists.tail[S];
      if (lists.flagsOf(slot) >= this.moveToMainThreshold) {
        lists.setFlags(slot, 0);
        lists.moveTo(M, slot);
        continue;
      }
      this.take(slot);
      if (lists.sizeOf(slot) <= this.ghostCapacity) {
        while (lists.bytes[G] + lists.sizeOf(slot) > this.ghostCapacity) this.forget(lists.tail[G]);
        lists.moveTo(G, slot);
      } else {
        this.forget(slot);
      }
      return true;
    }
    return false;
  }

  /** Reinserts M's oldest objects while they were accessed, evicts the first that was not. */
  private evictMain(): EvictedObject {
    const lists = this.lists;
    for (;;) {
      const slot = lists.tail[M];
      const freq = lists.flagsOf(slot);
      if (freq === 0) {
        const victim = this.take(slot);
        this.forget(slot);
        return victim;
      }
      lists.setFlags(slot, freq - 1);
      lists.moveTo(M, slot);
    }
  }
}

/** S3-FIFO's registry definition. */
export const s3fifoDefinition = {
  name: "s3fifo",
  description:
    "S3-FIFO (Yang et al., SOSP'23): small FIFO S, main FIFO M with 2-bit frequencies and reinsertion, ghost FIFO G " +
    "of keys evicted from S; a ghost hit is admitted straight to M. Follows libCacheSim's S3FIFO.c.",
  parameters: {
    smallRatio: { type: "number", description: "Share of the capacity for the small FIFO S", default: 0.1, minimum: 0, maximum: 1, exclusiveMinimum: true, exclusiveMaximum: true },
    ghostRatio: {
      type: "number",
      description: "Size of the ghost FIFO G as a share of the capacity, in the cache's unit (bytes or objects)",
      default: 0.9,
      minimum: 0,
    },
    moveToMainThreshold: {
      type: "integer",
      description: "Frequency at which an object leaving S moves to M instead of G (2 = accessed more than once)",
      default: 2,
      minimum: 1,
      maximum: 3,
    },
  },
} as const satisfies PolicyDefinition;

/**
 * Creates an S3-FIFO policy from registry options.
 *
 * @example
 * createS3Fifo({ capacity: 100, smallRatio: 0.2 }).smallCapacity; // => 20
 */
export function createS3Fifo(options: CachePolicyOptions): S3FifoCache {
  const { capacity, ...parameters } = options;
  return new S3FifoCache(capacity, parameters);
}

/**
 * S3-FIFO's registry entry (definition plus factory).
 *
 * @example
 * s3fifoEntry.definition.name; // => "s3fifo"
 */
export const s3fifoEntry: CachePolicyEntry = { definition: s3fifoDefinition, create: createS3Fifo };
