/**
 * A growable ring buffer of non-negative integers (customer indices) with O(1) push at either
 * end and shift from the front, so queue stations keep their waiting lines allocation-free.
 */
export class IndexDeque {
  private items = new Int32Array(64);
  private head = 0;
  /** Number of indices held. */
  length = 0;

  /**
   * Appends `index` at the back (FIFO arrival).
   *
   * @example
   * const q = new IndexDeque(); q.push(3); q.push(4); q.shift() // => 3
   */
  push(index: number): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.head + this.length) % this.items.length] = index;
    this.length++;
  }

  /**
   * Puts `index` at the front, to be shifted next (a preempted customer resuming first).
   *
   * @example
   * const q = new IndexDeque(); q.push(3); q.unshift(9); q.shift() // => 9
   */
  unshift(index: number): void {
    if (this.length === this.items.length) this.grow();
    this.head = (this.head - 1 + this.items.length) % this.items.length;
    this.items[this.head] = index;
    this.length++;
  }

  /**
   * Removes and returns the front index, or -1 when empty.
   *
   * @example
   * new IndexDeque().shift() // => -1
   */
  shift(): number {
    if (this.length === 0) return -1;
    const index = this.items[this.head];
    this.head = (this.head + 1) % this.items.length;
    this.length--;
    return index;
  }

  private grow(): void {
    const bigger = new Int32Array(this.items.length * 2);
    for (let i = 0; i < this.length; i++) bigger[i] = this.items[(this.head + i) % this.items.length];
    this.items = bigger;
    this.head = 0;
  }
}
