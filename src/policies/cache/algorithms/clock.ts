import { numberParameter, type PolicyDefinition } from "../../registry.ts";
import { ListPolicy } from "./list-policy.ts";
import { NIL, initialSlots } from "../structures/slots.ts";
import type { AccessContext, CachePolicyEntry, EvictedObject } from "../types.ts";

/** Registry definition of CLOCK. */
export const definition: PolicyDefinition = {
  name: "clock",
  description:
    "CLOCK (FIFO with reinsertion, libCacheSim Clock): a hit increments an n-bit counter; eviction scans from the oldest, decrementing and reinserting at the head objects with a non-zero counter.",
  parameters: {
    nBitCounter: { type: "integer", description: "Bits of the per-object access counter (1 = second chance).", default: 1, minimum: 1, maximum: 16 },
  },
};

/**
 * CLOCK as libCacheSim implements it: the hand is the queue tail. A hit raises the object's
 * counter up to 2^bits − 1 (it does not move). To evict, while the tail's counter is ≥ 1 the
 * counter is decremented and the object moved to the head; the first tail with counter 0 is
 * evicted. New objects enter at the head with counter 0.
 *
 * @example
 * const cache = new Cache(2, new ClockPolicy());
 * [1, 2, 1, 3, 1].map((k) => cache.access(k, 1)); // => [false, false, true, false, true]
 */
export class ClockPolicy extends ListPolicy {
  readonly maxFreq: number;

  constructor(nBitCounter = 1, initialSlotCount = 1024) {
    super(initialSlotCount);
    this.maxFreq = 2 ** nBitCounter - 1;
  }

  find(ctx: AccessContext): boolean {
    const store = this.store;
    const slot = store.slotOf(ctx.key);
    if (slot === NIL) return false;
    if (store.meta[slot] < this.maxFreq) store.meta[slot]++;
    return true;
  }

  override evict(_ctx: AccessContext): EvictedObject {
    const store = this.store;
    const meta = store.meta;
    let slot = store.tail;
    while (meta[slot] >= 1) {
      meta[slot]--;
      store.moveToHead(slot);
      slot = store.tail;
    }
    store.unlink(slot);
    return store.release(slot);
  }
}

/**
 * Registry entry for CLOCK.
 *
 * @example
 * clockEntry.create({ capacity: 100, nBitCounter: 2 }).objectCount; // => 0
 */
export const clockEntry: CachePolicyEntry = {
  definition,
  create: (options) => {
    return new ClockPolicy(numberParameter("cache", options, definition, "nBitCounter"), initialSlots(options));
  },
};
