import { KeyIndex } from "../cache/structures/key-index.ts";
import type { IoClass, QueuedIo } from "./types.ts";

/**
 * A first-in-first-out queue of I/Os with O(1) removal by id (the slot is cleared and skipped
 * later) and per-class counts. The building block of every scheduler here; on its own it is the
 * `fifo` policy's queue.
 *
 * @example
 * const q = new IoFifo();
 * q.push({ id: 1, ioClass: "relocation", bytes: 4096, enqueuedAt: 0 });
 * q.push({ id: 2, ioClass: "demand", bytes: 4096, enqueuedAt: 5 });
 * q.remove(1);   // => true
 * q.shift()?.id  // => 2
 */
export class IoFifo {
  // Invariant: slots[head..tail) hold the queued I/Os in order (cleared entries are undefined and
  // skipped later) and slots[head] is the oldest live I/O or the queue is empty after skipping
  // cleared slots; `indexOf` maps each live I/O's id to its index in `slots` (an open-addressing
  // table: no Map entry allocated or table shrunk as the queue fills and empties), rewritten for
  // the entries compaction moves. The array is reused (not reallocated) when the queue empties
  // or compacts.
  private readonly slots: (QueuedIo | undefined)[] = [];
  private head = 0;
  private tail = 0;
  private readonly indexOf = new KeyIndex(16);
  private readonly counts: Record<IoClass, number> = { demand: 0, prestage: 0, relocation: 0 };

  /** Live I/Os queued. */
  get size(): number {
    return this.indexOf.size;
  }

  /** Live I/Os of `ioClass` queued. */
  sizeOf(ioClass: IoClass): number {
    return this.counts[ioClass];
  }

  /** True when an I/O with this id is queued. */
  has(id: number): boolean {
    return this.indexOf.get(id) >= 0;
  }

  /** Appends `io`; throws when its id is already queued here. */
  push(io: QueuedIo): void {
    const indexOf = this.indexOf;
    if (indexOf.get(io.id) >= 0) throw new Error(`I/O ${io.id} is already queued`);
    const tail = this.tail;
    indexOf.set(io.id, tail);
    if (tail < this.slots.length) this.slots[tail] = io;
    else this.slots.push(io);
    this.tail = tail + 1;
    this.counts[io.ioClass]++;
  }

  /** The oldest queued I/O, left in place; undefined when empty. */
  peek(): QueuedIo | undefined {
    const slots = this.slots;
    let head = this.head;
    while (head < this.tail && slots[head] === undefined) head++;
    this.head = head;
    return head < this.tail ? slots[head] : undefined;
  }

  /** Removes and returns the oldest queued I/O; undefined when empty. */
  shift(): QueuedIo | undefined {
    const io = this.peek();
    if (io !== undefined) this.clear(this.head, io);
    return io;
  }

  /** Removes the I/O with this id; false when it is not queued. */
  remove(id: number): boolean {
    const index = this.indexOf.get(id);
    if (index < 0) return false;
    this.clear(index, this.slots[index] as QueuedIo);
    return true;
  }

  private clear(index: number, io: QueuedIo): void {
    const slots = this.slots;
    slots[index] = undefined;
    this.indexOf.delete(io.id);
    this.counts[io.ioClass]--;
    if (this.indexOf.size === 0) {
      // Every entry of [head, tail) is cleared now: start over at index 0.
      this.head = 0;
      this.tail = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.tail) {
      const head = this.head;
      const live = this.tail - head;
      for (let i = 0; i < live; i++) {
        const moved = slots[head + i];
        slots[i] = moved;
        if (moved !== undefined) this.indexOf.set(moved.id, i);
      }
      for (let i = live; i < this.tail; i++) slots[i] = undefined;
      this.tail = live;
      this.head = 0;
    }
  }
}
