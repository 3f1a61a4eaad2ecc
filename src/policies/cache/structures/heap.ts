import { growFloat, growInt } from "./slots.ts";

/**
 * An indexed binary min-heap of slot numbers ordered by `(primary, secondary)`, both kept per
 * slot in typed arrays, so a slot's priority can change in O(log n) without allocation.
 * Belady stores −(next access) as primary (largest next access on top).
 *
 * @example
 * const heap = new SlotHeap(8);
 * heap.push(3, 5, 0); heap.push(4, 2, 0);
 * heap.peek(); // => 4
 */
export class SlotHeap {
  primary: Float64Array;
  secondary: Float64Array;
  /** Heap position of each slot, −1 when the slot is not in the heap. */
  private pos: Int32Array;
  private heap: Int32Array;
  size = 0;

  constructor(initialSlots = 1024) {
    const n = Math.max(16, initialSlots);
    this.primary = new Float64Array(n);
    this.secondary = new Float64Array(n);
    this.pos = new Int32Array(n).fill(-1);
    this.heap = new Int32Array(n);
  }

  /** Grows the per-slot arrays to `n` slots (call when the slot store grows). */
  grow(n: number): void {
    const old = this.pos.length;
    this.primary = growFloat(this.primary, n);
    this.secondary = growFloat(this.secondary, n);
    this.pos = growInt(this.pos, n);
    this.pos.fill(-1, old);
    this.heap = growInt(this.heap, n);
  }

  /** Adds `slot` with the given priority. */
  push(slot: number, primary: number, secondary: number): void {
    this.primary[slot] = primary;
    this.secondary[slot] = secondary;
    const i = this.size++;
    this.heap[i] = slot;
    this.pos[slot] = i;
    this.up(i);
  }

  /** The slot with the smallest priority (the heap must not be empty). */
  peek(): number {
    return this.heap[0];
  }

  /** Removes `slot` (which must be in the heap). */
  delete(slot: number): void {
    const i = this.pos[slot];
    const last = this.heap[--this.size];
    this.pos[slot] = -1;
    if (i === this.size) return;
    this.heap[i] = last;
    this.pos[last] = i;
    this.up(i);
    this.down(this.pos[last]);
  }

  /** Changes the priority of `slot` (which must be in the heap). */
  update(slot: number, primary: number, secondary: number): void {
    this.primary[slot] = primary;
    this.secondary[slot] = secondary;
    const i = this.pos[slot];
    this.up(i);
    this.down(this.pos[slot]);
  }

  private less(a: number, b: number): boolean {
    const pa = this.primary[a];
    const pb = this.primary[b];
    return pa < pb || (pa === pb && this.secondary[a] < this.secondary[b]);
  }

  private up(i: number): void {
    const heap = this.heap;
    const slot = heap[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (!this.less(slot, p)) break;
      heap[i] = p;
      this.pos[p] = i;
      i = parent;
    }
    heap[i] = slot;
    this.pos[slot] = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = this.size;
    const slot = heap[i];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.less(heap[child + 1], heap[child])) child++;
      const c = heap[child];
      if (!this.less(c, slot)) break;
      heap[i] = c;
      this.pos[c] = i;
      i = child;
    }
    heap[i] = slot;
    this.pos[slot] = i;
  }
}
