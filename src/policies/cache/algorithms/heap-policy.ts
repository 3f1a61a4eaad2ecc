import { SlotHeap } from "../structures/heap.ts";
import { NIL, SlotStore } from "../structures/slots.ts";
import type { AccessContext, CacheKey, CachePolicy, EvictedObject } from "../types.ts";

/**
 * Shared base of the priority policies (Belady): a {@link SlotStore} for keys and sizes and
 * a {@link SlotHeap} whose top is the next victim. Subclasses say how a request sets priority.
 *
 * @example
 * class Fifo2 extends HeapPolicy {
 *   protected priority(ctx, slot) { this.heap.update(slot, ctx.index, 0); }
 * }
 */
export abstract class HeapPolicy implements CachePolicy {
  readonly store: SlotStore;
  readonly heap: SlotHeap;

  constructor(initialSlots = 1024) {
    this.store = new SlotStore(initialSlots);
    this.heap = new SlotHeap(this.store.capacity);
    this.store.onGrow = (n) => this.heap.grow(n);
  }

  /** Priority `(primary, secondary)` of a request for a resident `slot` (smallest is evicted). */
  protected abstract onHit(ctx: AccessContext, slot: number): void;
  /** Priority of a newly inserted object. */
  protected abstract onInsert(ctx: AccessContext, slot: number): void;

  find(ctx: AccessContext): boolean {
    const slot = this.store.slotOf(ctx.key);
    if (slot === NIL) return false;
    this.onHit(ctx, slot);
    return true;
  }

  insert(ctx: AccessContext): void {
    this.onInsert(ctx, this.store.add(ctx.key, ctx.size));
  }

  evict(_ctx: AccessContext): EvictedObject {
    const slot = this.heap.peek();
    this.heap.delete(slot);
    return this.store.release(slot);
  }

  remove(key: CacheKey): boolean {
    const slot = this.store.slotOf(key);
    if (slot === NIL) return false;
    this.heap.delete(slot);
    this.store.release(slot);
    return true;
  }

  get occupied(): number {
    return this.store.occupied;
  }

  get objectCount(): number {
    return this.store.count;
  }
}
