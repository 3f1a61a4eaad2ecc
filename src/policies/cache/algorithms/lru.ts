import type { PolicyDefinition } from "../../registry.ts";
import { ListPolicy } from "./list-policy.ts";
import { NIL, initialSlots } from "../structures/slots.ts";
import type { AccessContext, CachePolicyEntry } from "../types.ts";

/** Registry definition of LRU. */
export const definition: PolicyDefinition = {
  name: "lru",
  description: "Least recently used: a hit moves the object to the head; the tail is evicted (libCacheSim LRU).",
  parameters: {},
};

/**
 * LRU replacement on an intrusive list: a hit moves the object to the head, eviction takes the
 * tail (the least recently used object).
 *
 * @example
 * const cache = new Cache(2, new LruPolicy());
 * [1, 2, 1, 3, 1].map((k) => cache.access(k, 1)); // => [false, false, true, false, true]
 */
export class LruPolicy extends ListPolicy {
  find(ctx: AccessContext): boolean {
    const slot = this.store.slotOf(ctx.key);
    if (slot === NIL) return false;
    this.store.moveToHead(slot);
    return true;
  }
}

/**
 * Registry entry for LRU.
 *
 * @example
 * lruEntry.create({ capacity: 100 }).objectCount; // => 0
 */
export const lruEntry: CachePolicyEntry = {
  definition,
  create: (options) => new LruPolicy(initialSlots(options)),
};
