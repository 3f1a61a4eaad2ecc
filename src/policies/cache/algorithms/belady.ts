import type { PolicyDefinition } from "../../registry.ts";
import { HeapPolicy } from "./heap-policy.ts";
import { initialSlots } from "../structures/slots.ts";
import type { AccessContext, CachePolicyEntry } from "../types.ts";

/** Registry definition of Belady's OPT. */
export const definition: PolicyDefinition = {
  name: "belady",
  description:
    "Belady's OPT/MIN (offline, libCacheSim Belady): evicts the resident object whose next access is farthest in the future; needs nextAccessIndex from the trace.",
  parameters: {},
  inputs: {
    nextAccessIndex: {
      description: "each request's next access to the same key (the trace's next-access field, or computed by cachesim's backward pass)",
      required: true,
    },
  },
};

/**
 * Belady's OPT: a heap keyed by each resident object's next access index (from
 * `AccessContext.nextAccessIndex`, Infinity = never again); a hit or insert records the
 * request's next access; eviction takes the farthest. Among objects never accessed again
 * (equal priority) the one whose last access is oldest goes first. Ignores sizes, like
 * libCacheSim's Belady. O(log n) per access.
 *
 * @example
 * const cache = new Cache(2, new BeladyPolicy());
 * // keys 1 2 3 1 2, next accesses 3 4 ∞ ∞ ∞: inserting 3 evicts 2 (next at 4), then 1 hits
 * [[1, 3], [2, 4], [3, Infinity], [1, Infinity], [2, Infinity]]
 *   .map(([k, n]) => cache.access(k, 1, n)); // => [false, false, false, true, false]
 */
export class BeladyPolicy extends HeapPolicy {
  protected onHit(ctx: AccessContext, slot: number): void {
    this.heap.update(slot, -ctx.nextAccessIndex, ctx.index);
  }

  protected onInsert(ctx: AccessContext, slot: number): void {
    this.heap.push(slot, -ctx.nextAccessIndex, ctx.index);
  }
}

/**
 * Registry entry for Belady's OPT.
 *
 * @example
 * beladyEntry.create({ capacity: 100 }).objectCount; // => 0
 */
export const beladyEntry: CachePolicyEntry = {
  definition,
  create: (options) => new BeladyPolicy(initialSlots(options)),
};
