import type { PolicyDefinition } from "../../registry.ts";
import { cacheParameters, positiveCapacity } from "../parameters.ts";
import { QueuePolicy } from "../structures/slot-lists.ts";
import type { AccessContext, CacheKey, CachePolicyEntry, CachePolicyOptions, EvictedObject } from "../types.ts";

// List ids: A1in (FIFO of objects seen once), Am (LRU of objects seen again), A1out (ghost FIFO).
const A1IN = 0;
const AM = 1;
const A1OUT = 2;

/** 2Q's parameters (besides the capacity); meanings, defaults (the paper's) and bounds: `twoqDefinition`. */
export interface TwoQParameters {
  kin: number;
  kout: number;
}

/**
 * Full 2Q (Johnson & Shasha, VLDB'94, "full version"): a FIFO A1in of objects seen once, an LRU
 * Am of objects re-referenced after leaving A1in, and a ghost FIFO A1out of the keys A1in evicted.
 *
 * - A hit in Am moves the object to Am's head; a hit in A1in changes nothing (correlated
 *   references are not counted).
 * - A miss whose key is in A1out forgets the ghost and inserts the object at Am's head; any
 *   other miss inserts at A1in's head.
 * - To make room (the paper's `reclaimfor`): when A1in holds more than Kin = kin·capacity, its
 *   oldest object is evicted and its key enters A1out, which then drops its oldest keys while it
 *   holds more than Kout = kout·capacity; otherwise Am's LRU object is evicted without a ghost
 *   (A1in's oldest when Am is empty).
 *
 * Sizes, Kin and Kout are in the cache's unit (bytes or objects), so byte-sized objects count by
 * their size, as in libCacheSim.
 *
 * @example
 * const q = new TwoQCache(4);
 * const cache = new Cache(4, q);
 * [1, 2, 3, 4, 5, 1].map((k) => cache.access(k, 1)); // => [false, false, false, false, false, false]
 * q.queues().main; // => [1] // 1 came back from A1out
 */
export class TwoQCache extends QueuePolicy {
  /** Kin and Kout in the cache's unit. */
  readonly kin: number;
  readonly kout: number;
  private ghostHit = false;

  constructor(
    /** Capacity in the cache's unit (bytes, or 1 per object). */
    readonly capacity: number,
    parameters: Partial<TwoQParameters> = {},
  ) {
    super(3);
    positiveCapacity("2q", capacity);
    const { kin, kout } = cacheParameters<TwoQParameters>(twoqDefinition, parameters);
    this.kin = kin * capacity;
    this.kout = kout * capacity;
  }

  /** Keys of A1in, Am and A1out from newest to oldest, for tests and debugging. */
  queues(): { in: CacheKey[]; main: CacheKey[]; out: CacheKey[] } {
    return { in: this.keysOf(A1IN), main: this.keysOf(AM), out: this.keysOf(A1OUT) };
  }

  find(ctx: AccessContext): boolean {
    this.ghostHit = false;
    const slot = this.lists.slotOf(ctx.key);
    if (slot < 0) return false;
    const where = this.lists.listOf(slot);
    if (where === AM) {
      this.lists.moveTo(AM, slot);
      return true;
    }
    if (where === A1IN) return true;
    this.ghostHit = true;
    this.forget(slot);
    return false;
  }

  insert(ctx: AccessContext): void {
    this.add(this.ghostHit ? AM : A1IN, ctx.key, ctx.size);
    this.ghostHit = false;
  }

  /** Returns the victim in an object reused by the next call. */
  evict(): EvictedObject {
    const lists = this.lists;
    if (lists.bytes[A1IN] > this.kin || lists.count[AM] === 0) {
      const slot = lists.tail[A1IN];
      lists.moveTo(A1OUT, slot);
      const victim = this.take(slot);
      while (lists.bytes[A1OUT] > this.kout) this.forget(lists.tail[A1OUT]);
      return victim;
    }
    const victim = this.take(lists.tail[AM]);
    this.forget(lists.tail[AM]);
    return victim;
  }

}

/** 2Q's registry definition. */
export const twoqDefinition: PolicyDefinition = {
  name: "2q",
  description:
    "Full 2Q (Johnson & Shasha, VLDB'94): FIFO A1in for first references, LRU Am for re-references, ghost FIFO A1out " +
    "of keys evicted from A1in; A1in gives up victims while above Kin, else Am does.",
  parameters: {
    kin: { type: "number", description: "Kin: A1in's share of the capacity before Am evicts instead", default: 0.25, minimum: 0, maximum: 1 },
    kout: {
      type: "number",
      description: "Kout: A1out's size as a share of the capacity, in the cache's unit (bytes or objects)",
      default: 0.5,
      minimum: 0,
    },
  },
};

/**
 * Creates a 2Q policy from registry options.
 *
 * @example
 * createTwoQ({ capacity: 100 }).kout; // => 50
 */
export function createTwoQ(options: CachePolicyOptions): TwoQCache {
  const { capacity, ...parameters } = options;
  return new TwoQCache(capacity, parameters);
}

/**
 * 2Q's registry entry (definition plus factory).
 *
 * @example
 * twoqEntry.definition.name; // => "2q"
 */
export const twoqEntry: CachePolicyEntry = { definition: twoqDefinition, create: createTwoQ };
