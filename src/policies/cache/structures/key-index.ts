import type { CacheKey } from "../types.ts";

/**
 * An open-addressing hash map from numeric key to slot number on typed arrays (linear probing,
 * backward-shift deletion, load ≤ 1/2), faster than `Map` for the insert/delete churn of a
 * cache and allocation-free. Keys are any numbers except NaN; integers up to 2^53 hash well.
 *
 * @example
 * const index = new KeyIndex(16);
 * index.set(7, 3);
 * index.get(7); // => 3
 * index.delete(7); index.get(7); // => -1
 */
export class KeyIndex {
  private keys: Float64Array;
  /** Slot per table entry, −1 when empty. */
  private slots: Int32Array;
  private mask: number;
  /** 32 − log2(table length): home() keeps the top bits of the product. */
  private shift: number;
  size = 0;

  constructor(expected = 1024) {
    let n = 16;
    while (n < expected * 2) n *= 2;
    this.keys = new Float64Array(n);
    this.slots = new Int32Array(n).fill(-1);
    this.mask = n - 1;
    this.shift = 32 - Math.log2(n);
  }

  /** Table position to start probing for `key`: Fibonacci hashing of the key's two 32-bit halves. */
  private home(key: CacheKey): number {
    const h = Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x85ebca6b), 0x9e3779b1);
    return h >>> this.shift;
  }

  /** The slot of `key`, or −1. */
  get(key: CacheKey): number {
    const keys = this.keys;
    const slots = this.slots;
    const mask = this.mask;
    for (let i = this.home(key); ; i = (i + 1) & mask) {
      const slot = slots[i];
      if (slot === -1 || keys[i] === key) return slot;
    }
  }

  /** Maps `key` to `slot` (replacing any previous slot). */
  set(key: CacheKey, slot: number): void {
    if ((this.size + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    const keys = this.keys;
    const slots = this.slots;
    const mask = this.mask;
    let i = this.home(key);
    while (slots[i] !== -1 && keys[i] !== key) i = (i + 1) & mask;
    if (slots[i] === -1) this.size++;
    keys[i] = key;
    slots[i] = slot;
  }

  /** Removes `key`; returns whether it was present. */
  delete(key: CacheKey): boolean {
    const keys = this.keys;
    const slots = this.slots;
    const mask = this.mask;
    let i = this.home(key);
    while (slots[i] !== -1 && keys[i] !== key) i = (i + 1) & mask;
    if (slots[i] === -1) return false;
    this.size--;
    // Backward-shift: move later entries of the probe run into the hole so lookups stay correct.
    let hole = i;
    for (let j = (i + 1) & mask; slots[j] !== -1; j = (j + 1) & mask) {
      const home = this.home(keys[j]);
      // Entry j may fill the hole iff its home is not cyclically in (hole, j].
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        keys[hole] = keys[j];
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = -1;
    return true;
  }

  /** Bytes the table occupies. */
  get bytes(): number {
    return this.keys.byteLength + this.slots.byteLength;
  }

  private rehash(n: number): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    const keys = (this.keys = new Float64Array(n));
    const slots = (this.slots = new Int32Array(n).fill(-1));
    const mask = (this.mask = n - 1);
    this.shift = 32 - Math.log2(n);
    // Every entry is distinct and the new table has room: probe for the first empty entry.
    for (let e = 0; e < oldSlots.length; e++) {
      const slot = oldSlots[e];
      if (slot === -1) continue;
      const key = oldKeys[e];
      let i = this.home(key);
      while (slots[i] !== -1) i = (i + 1) & mask;
      keys[i] = key;
      slots[i] = slot;
    }
  }
}
