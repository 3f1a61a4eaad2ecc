import type { PolicyDefinition } from "../../registry.ts";
import { positiveCapacity } from "../parameters.ts";
import { QueuePolicy } from "../structures/slot-lists.ts";
import type { AccessContext, CachePolicyEntry, CachePolicyOptions, EvictedObject } from "../types.ts";

// List ids in the slot pool. T1/T2 hold resident objects, B1/B2 their ghosts (key and size only).
const T1 = 0;
const T2 = 1;
const B1 = 2;
const B2 = 3;

/**
 * ARC (Megiddo & Modha, FAST'03) with libCacheSim's byte-size semantics (`ARC.c`), so that the
 * miss counts of libCacheSim's golden test are reproduced exactly:
 *
 * - all four lists and the target `p` are counted in the cache's unit (bytes or objects); `p`
 *   is real-valued and starts at 0;
 * - a hit in T1 moves the object to T2's head, a hit in T2 refreshes it;
 * - a ghost hit adapts `p` by `max(|B2|/|B1|, 1)` (B1 hit, capped at capacity) or
 *   `-max(|B1|/|B2|, 1)` (B2 hit, floored at 0), forgets the ghost, and inserts the object at
 *   T2's head; every eviction that request needs is a REPLACE;
 * - any other miss inserts at T1's head; each eviction it needs is the paper's case IV with
 *   sizes: if |T1|+|B1|+incoming > c, drop B1's LRU and REPLACE when B1 is not empty, else
 *   discard T1's LRU without a ghost; otherwise drop B2's LRU when |T1|+|T2|+|B1|+|B2| ≥ 2c
 *   (and B2 is not empty), then REPLACE;
 * - REPLACE demotes T1's LRU to B1 when |T1| > 0 and (|T1| > p, or |T1| = p and the request hit
 *   B2), or when T2 is empty; else T2's LRU to B2.
 *
 * The ghost hit is carried from `find` to `evict` and `insert` of the same request. With objects
 * of size 1 this is the paper's algorithm (ghosts within 2c entries), except that, as in
 * libCacheSim, a ghost-hit request never trims the ghost lists.
 *
 * @example
 * const arc = new ArcCache(2);
 * const cache = new Cache(2, arc);
 * [1, 2, 1, 3, 2].map((k) => cache.access(k, 1)); // => [false, false, true, false, false]
 * arc.p; // => 1 // 2 was a B1 ghost hit
 */
export class ArcCache extends QueuePolicy {
  /** Target size of T1 (the paper's p), in the cache's unit. */
  p = 0;
  /** The current request hit a ghost: 0 none, B1 or B2. */
  private ghostHit = 0;

  constructor(
    /** Capacity in the cache's unit (bytes, or 1 per object). */
    readonly capacity: number,
  ) {
    super(4);
    positiveCapacity("arc", capacity);
  }

  /** Sizes of T1, T2 (resident) and B1, B2 (ghosts), in the cache's unit. */
  sizes(): [number, number, number, number] {
    const b = this.lists.bytes;
    return [b[T1], b[T2], b[B1], b[B2]];
  }

  find(ctx: AccessContext): boolean {
    this.ghostHit = 0;
    const slot = this.lists.slotOf(ctx.key);
    if (slot < 0) return false;
    const lists = this.lists;
    const where = lists.listOf(slot);
    if (where === T1 || where === T2) {
      // Sizes are not updated on a hit (libCacheSim keeps the size of the first appearance).
      lists.moveTo(T2, slot);
      return true;
    }
    const b1 = lists.bytes[B1];
    const b2 = lists.bytes[B2];
    if (where === B1) this.p = Math.min(this.p + Math.max(b2 / b1, 1), this.capacity);
    else this.p = Math.max(this.p - Math.max(b1 / b2, 1), 0);
    this.ghostHit = where;
    this.forget(slot);
    return false;
  }

  insert(ctx: AccessContext): void {
    this.add(this.ghostHit === 0 ? T1 : T2, ctx.key, ctx.size);
    this.ghostHit = 0;
  }

  /** Returns the victim in an object reused by the next call. */
  evict(ctx: AccessContext): EvictedObject {
    if (this.ghostHit !== 0) return this.replace();
    const lists = this.lists;
    const c = this.capacity;
    const t1 = lists.bytes[T1];
    if (t1 + lists.bytes[B1] + ctx.size > c) {
      if (lists.count[B1] > 0) {
        this.dropGhostTail(B1);
        return this.replace();
      }
      // T1 alone (nearly) fills the cache: discard T1's LRU without a ghost.
      const victim = this.take(lists.tail[T1]);
      this.forget(lists.tail[T1]);
      return victim;
    }
    if (lists.count[B2] > 0 && t1 + lists.bytes[T2] + lists.bytes[B1] + lists.bytes[B2] >= 2 * c) this.dropGhostTail(B2);
    return this.replace();
  }

  /** The paper's REPLACE: demotes the LRU of T1 or T2 to the head of B1 or B2. */
  private replace(): EvictedObject {
    const lists = this.lists;
    const t1 = lists.bytes[T1];
    const fromT1 = (t1 > 0 && (t1 > this.p || (t1 === this.p && this.ghostHit === B2))) || lists.count[T2] === 0;
    const slot = lists.tail[fromT1 ? T1 : T2];
    lists.moveTo(fromT1 ? B1 : B2, slot);
    return this.take(slot);
  }

  private dropGhostTail(ghost: number): void {
    this.forget(this.lists.tail[ghost]);
  }
}

/** ARC's registry definition: no tunable parameter (p adapts by itself). */
export const arcDefinition: PolicyDefinition = {
  name: "arc",
  description:
    "Adaptive Replacement Cache (Megiddo & Modha, FAST'03): LRU lists T1 (seen once) and T2 (seen twice or more), " +
    "ghost lists B1 and B2 of the keys they evicted, and a target T1 size p that grows on a B1 hit by max(|B2|/|B1|, 1) " +
    "and shrinks on a B2 hit by max(|B1|/|B2|, 1), starting at 0. Lists and p are counted in the cache's unit " +
    "(bytes or objects). Byte semantics follow libCacheSim's ARC.c.",
  parameters: {},
};

/**
 * Creates an ARC policy of `options.capacity` (in the cache's unit).
 *
 * @example
 * createArc({ capacity: 4 }).objectCount; // => 0
 */
export function createArc(options: CachePolicyOptions): ArcCache {
  return new ArcCache(options.capacity);
}

/**
 * ARC's registry entry (definition plus factory).
 *
 * @example
 * arcEntry.definition.name; // => "arc"
 */
export const arcEntry: CachePolicyEntry = { definition: arcDefinition, create: createArc };
