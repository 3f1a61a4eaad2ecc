import type { PolicyDefinition } from "../../registry.ts";
import { ListPolicy } from "./list-policy.ts";
import { NIL, initialSlots } from "../structures/slots.ts";
import type { AccessContext, CachePolicyEntry } from "../types.ts";

/** Registry definition of FIFO. */
export const definition: PolicyDefinition = {
  name: "fifo",
  description: "First in, first out: evicts the oldest insert; hits change nothing (libCacheSim FIFO).",
  parameters: {},
};

/**
 * FIFO replacement: new objects go to the head, the tail is evicted, hits do not reorder.
 *
 * @example
 * const cache = new Cache(2, new FifoPolicy());
 * [1, 2, 1, 3, 1].map((k) => cache.access(k, 1)); // => [false, false, true, false, false]
 */
export class FifoPolicy extends ListPolicy {
  find(ctx: AccessContext): boolean {
    return this.store.slotOf(ctx.key) !== NIL;
  }
}

/**
 * Registry entry for FIFO.
 *
 * @example
 * fifoEntry.create({ capacity: 100 }).objectCount; // => 0
 */
export const fifoEntry: CachePolicyEntry = {
  definition,
  create: (options) => new FifoPolicy(initialSlots(options)),
};
