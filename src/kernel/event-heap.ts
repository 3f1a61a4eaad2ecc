import { grown } from "./typed-arrays.ts";

/** Priorities the heap accepts: integers in [−2^15, 2^15). */
const PRIORITY_BIAS = 2 ** 15;
/** Sequences the heap accepts: integers below 2^37 (the caller renumbers before; see `Simulation`). */
export const SEQUENCE_LIMIT = 2 ** 37;

/**
 * An array-backed binary min-heap of pending events, ordered by (time, priority, sequence).
 *
 * Each entry is two doubles side by side in one Float64Array, its time and its *order*
 * ((priority + 2^15) · 2^37 + sequence, exact below 2^53), plus its payload slot in an
 * Int32Array: a comparison reads two adjacent numbers (events often share a time, so the tie is
 * decided by one more read, not two), siblings sit in one cache line, and pushing allocates
 * nothing once grown. Flat typed arrays measured about 3x faster than a heap of objects.
 *
 * The sequence number is unique and increasing, so the order is total and events at the same
 * time and priority come out first-in-first-out.
 *
 * @example
 * const heap = new EventHeap();
 * heap.push(20, 0, 0, 7);
 * heap.push(10, 0, 1, 8);
 * heap.topTime(); // => 10
 * heap.pop();     // => 8 // the payload slot of the earliest event
 */
export class EventHeap {
  /** time of entry i at 2i, its order at 2i + 1. */
  private keys: Float64Array;
  private slots: Int32Array;
  /** Number of events in the heap. */
  size = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(2, initialCapacity);
    this.keys = new Float64Array(2 * capacity);
    this.slots = new Int32Array(capacity);
  }

  /** Time of the earliest event; only meaningful when `size > 0`. */
  topTime(): number {
    return this.keys[0];
  }

  /**
   * Order of the earliest event (see {@link orderOf}); only meaningful when `size > 0`.
   *
   * @example
   * const heap = new EventHeap();
   * heap.push(5, -1, 3, 0); heap.topOrder() === orderOf(-1, 3) // => true
   */
  topOrder(): number {
    return this.keys[1];
  }

  /** Priority and sequence of the earliest event; only meaningful when `size > 0`. */
  topPriority(): number {
    return Math.floor(this.keys[1] / SEQUENCE_LIMIT) - PRIORITY_BIAS;
  }

  topSequence(): number {
    return this.keys[1] % SEQUENCE_LIMIT;
  }

  /** Payload slot of the earliest event; only meaningful when `size > 0`. */
  topSlot(): number {
    return this.slots[0];
  }

  /**
   * Adds an event. `sequence` must be unique (the caller's running counter) for FIFO ties, an
   * integer below 2^37; `priority` an integer in [−2^15, 2^15). Throws an Error otherwise.
   *
   * @example
   * const heap = new EventHeap();
   * heap.push(1000, 0, 42, 3); heap.size // => 1
   */
  push(time: number, priority: number, sequence: number, slot: number): void {
    if (this.size === this.slots.length) this.grow();
    const order = orderOf(priority, sequence);
    const keys = this.keys;
    const slots = this.slots;
    // Sift up with a hole: move parents down until the new key fits, then write it once.
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = keys[2 * parent];
      if (pt < time || (pt === time && keys[2 * parent + 1] < order)) break;
      keys[2 * i] = pt;
      keys[2 * i + 1] = keys[2 * parent + 1];
      slots[i] = slots[parent];
      i = parent;
    }
    keys[2 * i] = time;
    keys[2 * i + 1] = order;
    slots[i] = slot;
  }

  /**
   * Removes the earliest event and returns its payload slot (-1 when empty).
   *
   * @example
   * const heap = new EventHeap();
   * heap.push(5, 0, 0, 9); heap.pop() // => 9
   */
  pop(): number {
    if (this.size === 0) return -1;
    const keys = this.keys;
    const slots = this.slots;
    const result = slots[0];
    const n = --this.size;
    if (n === 0) return result;
    // The last entry goes to the root and sifts down.
    keys[0] = keys[2 * n];
    keys[1] = keys[2 * n + 1];
    slots[0] = slots[n];
    this.siftDown(0);
    return result;
  }

  /**
   * Keeps only the entries whose slot `keep` accepts (each visited once, in storage order) and
   * restores the heap property (Floyd's bottom-up heapify, O(n)). Keys are unchanged and the
   * order is total, so the remaining events come out exactly as they would have.
   *
   * @example
   * const heap = new EventHeap();
   * heap.push(30, 0, 0, 1); heap.push(10, 0, 1, 2); heap.push(20, 0, 2, 3);
   * heap.retain((slot) => slot !== 2); // => 2
   * [heap.pop(), heap.pop()] // => [3, 1]
   */
  retain(keep: (slot: number) => boolean): number {
    const keys = this.keys;
    const slots = this.slots;
    let kept = 0;
    for (let i = 0; i < this.size; i++) {
      if (!keep(slots[i])) continue;
      keys[2 * kept] = keys[2 * i];
      keys[2 * kept + 1] = keys[2 * i + 1];
      slots[kept] = slots[i];
      kept++;
    }
    this.size = kept;
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.siftDown(i);
    return kept;
  }

  /** Moves entry i down until neither child comes before it. */
  private siftDown(start: number): void {
    const keys = this.keys;
    const slots = this.slots;
    const n = this.size;
    const time = keys[2 * start];
    const order = keys[2 * start + 1];
    const slot = slots[start];
    let i = start;
    const half = n >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let ct = keys[2 * child];
      let co = keys[2 * child + 1];
      if (child + 1 < n) {
        const rt = keys[2 * child + 2];
        const ro = keys[2 * child + 3];
        if (rt < ct || (rt === ct && ro < co)) {
          child++;
          ct = rt;
          co = ro;
        }
      }
      if (ct > time || (ct === time && co > order)) break;
      keys[2 * i] = ct;
      keys[2 * i + 1] = co;
      slots[i] = slots[child];
      i = child;
    }
    keys[2 * i] = time;
    keys[2 * i + 1] = order;
    slots[i] = slot;
  }

  /** Drops every event (keeps the allocated arrays). */
  clear(): void {
    this.size = 0;
  }

  private grow(): void {
    const capacity = this.slots.length * 2;
    this.keys = grown(this.keys, 2 * capacity);
    this.slots = grown(this.slots, capacity);
  }
}

/**
 * The heap's tie-break key of (priority, sequence): one double, ordered like the pair. Throws an
 * Error when `priority` is not an integer in [−2^15, 2^15) or `sequence` not one in [0, 2^37).
 *
 * @example
 * orderOf(-1, 5) < orderOf(0, 2) // => true // priority first
 * orderOf(0, 2) < orderOf(0, 5)  // => true // then sequence
 */
export function orderOf(priority: number, sequence: number): number {
  if (!((priority | 0) === priority && priority >= -PRIORITY_BIAS && priority < PRIORITY_BIAS)) {
    throw new Error(`event priority must be an integer in [-32768, 32767], got ${priority}`);
  }
  if (!(sequence >= 0 && sequence < SEQUENCE_LIMIT)) throw new Error(`event sequence must be in [0, 2^37), got ${sequence}`);
  return (priority + PRIORITY_BIAS) * SEQUENCE_LIMIT + sequence;
}
