import type { AccessContext, CacheKey, CachePolicy } from "./types.ts";

/** Counters the framework keeps for any policy. */
export interface CacheStats {
  requests: number;
  hits: number;
  misses: number;
  /** Sum of request sizes, and of the sizes of the misses (for byte miss ratios). */
  requestedSize: number;
  missedSize: number;
  evictions: number;
  /** Misses too large to fit in the whole cache: counted as misses and not inserted. */
  tooLarge: number;
}

/**
 * The request flow every policy shares, after libCacheSim's `cache_get_base`: find; on a miss,
 * an object larger than the whole cache is a miss and is not inserted; otherwise evict until the
 * object fits, then insert. Policies fill the hooks; this class owns the order. A policy may run
 * the evict-until-fit-then-insert step itself (`CachePolicy.evictAndInsert`, one call per miss:
 * the list policies do), reporting each victim back, so `stats` and `onEvict` are the same either
 * way. A policy that drops objects outside `evict()` (see `CachePolicy.setEvictionListener`) is
 * wired at construction, so `stats.evictions` and `onEvict` see every victim.
 *
 * @example
 * import { LruPolicy } from "./algorithms/lru.ts";
 * const cache = new Cache(10, new LruPolicy());
 * cache.access(1, 4); // => false // miss
 * cache.access(1, 4); // => true // hit
 */
export class Cache {
  readonly stats: CacheStats = { requests: 0, hits: 0, misses: 0, requestedSize: 0, missedSize: 0, evictions: 0, tooLarge: 0 };
  /** Called with every victim, in the order they leave; the restore pipeline uses it for read tracking. */
  onEvict: ((key: CacheKey, size: number) => void) | undefined;
  private readonly ctx: AccessContext = { key: 0, size: 0, index: 0, nextAccessIndex: Infinity };
  /** Whether the policy runs the miss flow itself (`evictAndInsert`): decided once, not per miss. */
  private readonly fused: boolean;

  constructor(
    /** Capacity, in the same unit as the sizes passed to `access` (objects or bytes). */
    readonly capacity: number,
    readonly policy: CachePolicy,
  ) {
    this.fused = policy.evictAndInsert !== undefined;
    // Reads `onEvict` at call time: it may be set (or chained) after construction.
    policy.setEvictionListener?.((key, size) => {
      this.stats.evictions++;
      this.onEvict?.(key, size);
    });
  }

  /**
   * Serves one request for `key` of `size`; returns true on a hit. `nextAccessIndex` is the
   * request index of the next access to `key` (Infinity if none), needed only by offline policies.
   */
  access(key: CacheKey, size: number, nextAccessIndex = Infinity): boolean {
    const ctx = this.ctx;
    const stats = this.stats;
    const policy = this.policy;
    ctx.key = key;
    ctx.size = size;
    ctx.index = stats.requests++;
    ctx.nextAccessIndex = nextAccessIndex;
    stats.requestedSize += size;
    if (policy.find(ctx)) {
      stats.hits++;
      return true;
    }
    stats.misses++;
    stats.missedSize += size;
    const capacity = this.capacity;
    if (size > capacity) {
      stats.tooLarge++;
      return false;
    }
    if (this.fused) {
      stats.evictions += policy.evictAndInsert!(ctx, capacity, this.onEvict);
      return false;
    }
    while (policy.occupied + size > capacity) {
      const victim = policy.evict(ctx);
      stats.evictions++;
      if (this.onEvict !== undefined) this.onEvict(victim.key, victim.size);
    }
    policy.insert(ctx);
    return false;
  }

  /** Drops `key` from the cache (invalidation, switch-over); returns whether it was resident. */
  remove(key: CacheKey): boolean {
    return this.policy.remove(key);
  }
}
