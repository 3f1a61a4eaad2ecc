import { NIL, SlotStore } from "../structures/slots.ts";
import type { AccessContext, CacheKey, CachePolicy, EvictedObject, EvictionListener } from "../types.ts";

/**
 * Shared base of the queue policies (FIFO, LRU, CLOCK, SIEVE): one {@link SlotStore} whose linked
 * list runs from head (newest insert) to tail (oldest). Subclasses fill `find` and may override
 * `evict` (default: the tail); insertion at the head and removal are common.
 *
 * @example
 * class Fifo extends ListPolicy {
 *   find(ctx) { return this.store.slotOf(ctx.key) !== NIL; }
 * }
 */
export abstract class ListPolicy implements CachePolicy {
  readonly store: SlotStore;

  constructor(initialSlots = 1024) {
    this.store = new SlotStore(initialSlots);
  }

  abstract find(ctx: AccessContext): boolean;

  /** Evicts the tail (oldest insert, or least recently used when hits move to the head). */
  evict(_ctx: AccessContext): EvictedObject {
    return this.store.releaseTail();
  }

  /** Inserts at the head with meta 0. */
  insert(ctx: AccessContext): void {
    this.store.addAtHead(ctx.key, ctx.size);
  }

  /** The framework's miss flow in one call (see `CachePolicy.evictAndInsert`). */
  evictAndInsert(ctx: AccessContext, capacity: number, onVictim: EvictionListener | undefined): number {
    const store = this.store;
    const size = ctx.size;
    let victims = 0;
    while (store.occupied + size > capacity) {
      const victim = this.evict(ctx);
      victims++;
      if (onVictim !== undefined) onVictim(victim.key, victim.size);
    }
    this.insert(ctx);
    return victims;
  }

  remove(key: CacheKey): boolean {
    const slot = this.store.slotOf(key);
    if (slot === NIL) return false;
    this.beforeRemove(slot);
    this.store.unlink(slot);
    this.store.release(slot);
    return true;
  }

  /** Hook for policies with a pointer into the list (SIEVE's hand). */
  protected beforeRemove(_slot: number): void {}

  get occupied(): number {
    return this.store.occupied;
  }

  get objectCount(): number {
    return this.store.count;
  }

  /** Resident keys from newest to oldest insert (queue order); for tests. */
  keys(): CacheKey[] {
    return this.store.keysFromHead();
  }
}
