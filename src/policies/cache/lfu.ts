import type { PolicyDefinition } from "../registry.ts";
import { HeapPolicy } from "./heap-policy.ts";
import { initialSlots } from "./slots.ts";
import type { AccessContext, CachePolicyEntry } from "./types.ts";

/** Registry definition of LFU. */
export const definition: PolicyDefinition = {
  name: "lfu",
  description:
    "Least frequently used: evicts the resident object with the fewest accesses since it was inserted; ties go to the least recently used.",
  parameters: {},
};

/**
 * LFU with an LRU tie-break: each resident object counts its accesses since insertion (1 on
 * insert, +1 per hit; the count is lost on eviction). Eviction takes the smallest count, and
 * among equal counts the object whose last access is oldest. O(log n) per access (heap).
 *
 * @example
 * const cache = new Cache(2, new LfuPolicy());
 * [1, 1, 2, 3, 1, 2].map((k) => cache.access(k, 1)); // => [false, true, false, false, true, false]
 */
export class LfuPolicy extends HeapPolicy {
  protected onHit(ctx: AccessContext, slot: number): void {
    const count = this.store.meta[slot] + 1;
    this.store.meta[slot] = count;
    this.heap.update(slot, count, ctx.index);
  }

  protected onInsert(ctx: AccessContext, slot: number): void {
    this.store.meta[slot] = 1;
    this.heap.push(slot, 1, ctx.index);
  }
}

/**
 * Registry entry for LFU.
 *
 * @example
 * lfuEntry.create({ capacity: 100 }).objectCount; // => 0
 */
export const lfuEntry: CachePolicyEntry = {
  definition,
  create: (options) => new LfuPolicy(initialSlots(options)),
};
