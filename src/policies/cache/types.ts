import type { PolicyEntry } from "../registry.ts";

/** Cache keys are numbers: a block number, or a start LBN in libCacheSim's request semantics. */
export type CacheKey = number;

/**
 * What the framework tells a policy about the request being served. Policies must not read
 * clocks or random sources of their own; whatever they need arrives here or in their options.
 */
export interface AccessContext {
  key: CacheKey;
  /** Size the request counts for: 1 when the cache counts objects, bytes otherwise. */
  size: number;
  /** 0-based index of this request in the access stream (logical time). */
  index: number;
  /**
   * 0-based index of the next request to the same key, or Infinity if none. Only offline
   * policies (Belady) read it; the framework fills it when the trace provides the future.
   */
  nextAccessIndex: number;
}

/** A victim the policy removed to make room. */
export interface EvictedObject {
  key: CacheKey;
  size: number;
}

/**
 * Receives a victim that a policy drops outside `evict()`'s return value: its key and size (in
 * the cache's unit).
 *
 * @example
 * const listener: EvictionListener = (key, size) => console.log(key, size); // logs "7 4096"
 */
export type EvictionListener = (key: CacheKey, size: number) => void;

/**
 * The narrow interface every cache replacement policy implements (one policy per file). The
 * framework (`Cache.access`) owns the request flow: find → (miss) admit → evict until there is
 * room → insert. A policy keeps its own bookkeeping of resident objects and their sizes.
 */
export interface CachePolicy {
  /** Looks `ctx.key` up; on a hit updates the policy's state (recency, frequency...) and returns true. */
  find(ctx: AccessContext): boolean;
  /** Inserts `ctx.key` with `ctx.size`; only called after a miss and once there is room. */
  insert(ctx: AccessContext): void;
  /** Chooses a victim, removes it, and returns it. Only called when the cache is not empty. */
  evict(ctx: AccessContext): EvictedObject;
  /** Removes `key` if resident (invalidation, switch-over); returns whether it was. */
  remove(key: CacheKey): boolean;
  /**
   * Optional. `Cache` calls it once, when constructed, with a listener that counts a victim in
   * `stats.evictions` and passes it to `Cache.onEvict`. A policy that drops objects other than
   * the one `evict()` returns (in `insert`, on a hit, or several in one `evict`) calls the
   * listener with each of them as it drops them, never with the object `evict()` returns, so
   * the framework sees every victim exactly once and in the order they were dropped.
   */
  setEvictionListener?(listener: EvictionListener | undefined): void;
  /**
   * Optional fast path of the miss flow, equivalent to the framework's own loop: while
   * `occupied + ctx.size > capacity`, `evict(ctx)` and pass the victim to `onVictim` (if
   * given); then `insert(ctx)`. Returns how many victims it passed. One call per miss instead
   * of one per victim; `Cache` runs the loop itself for policies without it.
   */
  evictAndInsert?(ctx: AccessContext, capacity: number, onVictim: EvictionListener | undefined): number;
  /** Sum of the sizes of resident objects (same unit as `AccessContext.size`). */
  readonly occupied: number;
  /** Number of resident objects. */
  readonly objectCount: number;
}

/** Options every cache policy factory receives, plus its own declared parameters. */
export interface CachePolicyOptions {
  /** Capacity, in the cache's unit (objects or bytes). */
  capacity: number;
  [parameter: string]: unknown;
}

export type CachePolicyEntry = PolicyEntry<CachePolicy, CachePolicyOptions>;
