import type { PolicyDefinition } from "../../registry.ts";
import { ListPolicy } from "./list-policy.ts";
import { NIL, initialSlots } from "../structures/slots.ts";
import type { AccessContext, CachePolicyEntry, EvictedObject } from "../types.ts";

/** Registry definition of SIEVE. */
export const definition: PolicyDefinition = {
  name: "sieve",
  description:
    "SIEVE (Zhang et al., NSDI '24; libCacheSim Sieve): FIFO queue plus a visited bit and a hand that moves from old to new, clearing visited bits and evicting the first unvisited object; objects stay in place.",
  parameters: {},
};

/**
 * SIEVE: new objects enter at the head unvisited; a hit sets the visited bit. The hand starts
 * at the tail (oldest), moves towards the head clearing visited bits, wraps to the tail, and
 * evicts the first unvisited object; it then rests on that object's newer neighbour.
 *
 * @example
 * const cache = new Cache(2, new SievePolicy());
 * [1, 2, 1, 3, 1, 2].map((k) => cache.access(k, 1)); // => [false, false, true, false, true, false]
 */
export class SievePolicy extends ListPolicy {
  /** The hand: next slot to examine, or NIL to start from the tail. */
  private hand = NIL;

  find(ctx: AccessContext): boolean {
    const store = this.store;
    const slot = store.slotOf(ctx.key);
    if (slot === NIL) return false;
    store.meta[slot] = 1;
    return true;
  }

  override evict(_ctx: AccessContext): EvictedObject {
    const store = this.store;
    const meta = store.meta;
    const prev = store.prev;
    let slot = this.hand === NIL ? store.tail : this.hand;
    while (meta[slot] > 0) {
      meta[slot] = 0;
      slot = prev[slot] === NIL ? store.tail : prev[slot];
    }
    this.hand = prev[slot];
    store.unlink(slot);
    return store.release(slot);
  }

  protected override beforeRemove(slot: number): void {
    if (slot === this.hand) this.hand = this.store.prev[slot];
  }
}

/**
 * Registry entry for SIEVE.
 *
 * @example
 * sieveEntry.create({ capacity: 100 }).objectCount; // => 0
 */
export const sieveEntry: CachePolicyEntry = {
  definition,
  create: (options) => new SievePolicy(initialSlots(options)),
};
