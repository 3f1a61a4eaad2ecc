/**
 * The kernel's queue of process starts. A process starts in an urgent kernel event at the time
 * it is created (ARCHITECTURE.md, "Processes"); all pending starts are at the current time, so
 * they form a FIFO in sequence order and need no place in the heap, no payload slot and no
 * callback: the kernel keeps each start's order key (priority and sequence, see `orderOf`) and
 * its process here, and merges the queue's head with the heap's top by that key. The same
 * events in the same order as heap entries would give, at the cost of a ring push and shift.
 */
import { orderOf } from "./event-heap.ts";
import { PRIORITY_URGENT } from "./priority.ts";

// A start's order key is orderOf(PRIORITY_URGENT, sequence): this base plus the sequence, added
// here so no order key (a double past 2^31) is passed into a call as a boxed number.
const URGENT_ORDER_BASE = orderOf(PRIORITY_URGENT, 0);

/** What the kernel starts: a process, by its `start` method. */
export interface Startable {
  start(): void;
}

/**
 * A FIFO ring of (order key, process), growing by doubling. Every start is urgent, so it is
 * pushed with its sequence number and keeps the order key `orderOf(PRIORITY_URGENT, sequence)`.
 *
 * @example
 * const q = new StartQueue();
 * const log: string[] = [];
 * q.push(7, { start: () => log.push("a") });
 * q.push(9, { start: () => log.push("b") });
 * q.shift().start(); q.shift().start();
 * [log, q.count] // => [["a", "b"], 0]
 */
export class StartQueue {
  /** Number of pending starts. */
  count = 0;
  private orders = new Float64Array(16);
  private items: Array<Startable | null> = new Array<Startable | null>(16).fill(null);
  private head = 0;

  /** Appends a start with sequence number `sequence` (larger than every one already queued). */
  push(sequence: number, item: Startable): void {
    if (this.count === this.items.length) this.grow();
    const at = (this.head + this.count) & (this.items.length - 1);
    this.orders[at] = URGENT_ORDER_BASE + sequence;
    this.items[at] = item;
    this.count++;
  }

  /** The order key of the first pending start (the queue must not be empty). */
  headOrder(): number {
    return this.orders[this.head];
  }

  /** Removes and returns the first pending start (the queue must not be empty). */
  shift(): Startable {
    const head = this.head;
    const item = this.items[head] as Startable;
    this.items[head] = null;
    this.head = (head + 1) & (this.items.length - 1);
    this.count--;
    return item;
  }

  /** Doubles the ring (a power of two), unrolling it to start at index 0. */
  private grow(): void {
    const capacity = this.items.length * 2;
    const orders = new Float64Array(capacity);
    const items = new Array<Startable | null>(capacity).fill(null);
    const mask = this.items.length - 1;
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & mask;
      orders[i] = this.orders[from];
      items[i] = this.items[from];
    }
    this.orders = orders;
    this.items = items;
    this.head = 0;
  }
}
