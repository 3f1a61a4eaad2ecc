import { SlotHash } from "./slot-hash.ts";
import type { CacheKey, EvictedObject } from "../types.ts";

/**
 * Sentinel for "no slot" in links and lookups.
 *
 * @example
 * new SlotStore().slotOf(1) === NIL; // => true
 */
export const NIL = -1;

/**
 * Storage for resident objects on typed arrays: per-slot key, size, a small per-policy counter
 * (`meta`), an intrusive doubly linked list (`prev`/`next`, head = newest, tail = oldest), and a
 * key → slot {@link SlotHash} chained through the slots. Slots are recycled through a free list
 * and the arrays double when full, so a steady-state access allocates nothing. Policies own one
 * store each and use what they need.
 *
 * Invariants: a slot is either on the free list or resident (and then hashed by its key);
 * `occupied` is the sum of resident sizes; a resident slot is linked iff the policy linked it
 * (`link` / `unlink`).
 *
 * @example
 * const store = new SlotStore();
 * const slot = store.add(42, 4096);
 * store.pushHead(slot);
 * store.slotOf(42) === slot; // => true
 * store.occupied;            // => 4096
 */
export class SlotStore {
  keys: Float64Array;
  sizes: Float64Array;
  /** Per-policy small counter: CLOCK's frequency bits, SIEVE's visited bit. */
  meta: Float64Array;
  prev: Int32Array;
  next: Int32Array;
  head = NIL;
  tail = NIL;
  occupied = 0;
  count = 0;
  private readonly hash: SlotHash;
  private freeHead = NIL;
  private used = 0;
  /** Reused victim record (valid until the next eviction), so evicting allocates nothing. */
  readonly victim: EvictedObject = { key: 0, size: 0 };
  /** Called with the new capacity whenever the arrays grow (for parallel arrays a policy keeps). */
  onGrow: ((capacity: number) => void) | undefined;

  constructor(initialSlots = 1024) {
    const n = Math.max(16, initialSlots);
    this.keys = new Float64Array(n);
    this.sizes = new Float64Array(n);
    this.meta = new Float64Array(n);
    this.prev = new Int32Array(n);
    this.next = new Int32Array(n);
    this.hash = new SlotHash(n);
  }

  /** Slots the arrays can hold before growing. */
  get capacity(): number {
    return this.keys.length;
  }

  /** The slot holding `key`, or {@link NIL}. */
  slotOf(key: CacheKey): number {
    return this.hash.find(this.keys, key);
  }

  /** Makes `key` resident with `size` in a fresh, unlinked slot (meta = 0) and returns the slot. */
  add(key: CacheKey, size: number): number {
    let slot = this.freeHead;
    if (slot !== NIL) {
      this.freeHead = this.next[slot];
    } else {
      if (this.used === this.keys.length) this.grow();
      slot = this.used++;
    }
    this.keys[slot] = key;
    this.sizes[slot] = size;
    this.meta[slot] = 0;
    this.prev[slot] = NIL;
    this.next[slot] = NIL;
    this.hash.link(slot, key);
    this.occupied += size;
    this.count++;
    return slot;
  }

  /** Forgets the (already unlinked) `slot`, fills {@link victim} with it and returns the victim. */
  release(slot: number): EvictedObject {
    const victim = this.victim;
    const key = this.keys[slot];
    victim.key = key;
    victim.size = this.sizes[slot];
    this.hash.unlink(slot, key);
    this.occupied -= victim.size;
    this.count--;
    this.next[slot] = this.freeHead;
    this.freeHead = slot;
    return victim;
  }

  /** Links `slot` at the head (newest end) of the list. */
  pushHead(slot: number): void {
    const head = this.head;
    this.prev[slot] = NIL;
    this.next[slot] = head;
    if (head !== NIL) this.prev[head] = slot;
    else this.tail = slot;
    this.head = slot;
  }

  /** Unlinks `slot` from the list. */
  unlink(slot: number): void {
    const p = this.prev[slot];
    const n = this.next[slot];
    if (p !== NIL) this.next[p] = n;
    else this.head = n;
    if (n !== NIL) this.prev[n] = p;
    else this.tail = p;
    this.prev[slot] = NIL;
    this.next[slot] = NIL;
  }

  /** Moves a linked `slot` to the head. */
  moveToHead(slot: number): void {
    const head = this.head;
    if (head === slot) return;
    const prev = this.prev;
    const next = this.next;
    const p = prev[slot];
    const n = next[slot];
    // slot is linked and not the head, so p is a slot.
    next[p] = n;
    if (n !== NIL) prev[n] = p;
    else this.tail = p;
    prev[slot] = NIL;
    next[slot] = head;
    prev[head] = slot;
    this.head = slot;
  }

  /**
   * `add` then `pushHead` in one step (fewer writes): makes `key` resident with `size` at the
   * head (meta = 0) and returns its slot.
   */
  addAtHead(key: CacheKey, size: number): number {
    const slot = this.add(key, size);
    const head = this.head;
    if (head !== NIL) {
      this.next[slot] = head;
      this.prev[head] = slot;
    } else this.tail = slot;
    this.head = slot;
    return slot;
  }

  /** Unlinks and releases the tail (the list must not be empty); returns the victim, as `release`. */
  releaseTail(): EvictedObject {
    const slot = this.tail;
    const p = this.prev[slot];
    if (p !== NIL) this.next[p] = NIL;
    else this.head = NIL;
    this.tail = p;
    return this.release(slot);
  }

  /** Bytes of typed arrays held (slot arrays plus hash buckets), for memory estimates. */
  get bytes(): number {
    return this.hash.bytes + this.keys.length * (8 * 3 + 4 * 2);
  }

  /** Resident keys from head (newest) to tail (oldest); for tests and debugging. */
  keysFromHead(): CacheKey[] {
    const out: CacheKey[] = [];
    for (let s = this.head; s !== NIL; s = this.next[s]) out.push(this.keys[s]);
    return out;
  }

  private grow(): void {
    const n = this.keys.length * 2;
    this.keys = growFloat(this.keys, n);
    this.sizes = growFloat(this.sizes, n);
    this.meta = growFloat(this.meta, n);
    this.prev = growInt(this.prev, n);
    this.next = growInt(this.next, n);
    this.hash.resize(n, this.keys);
    this.onGrow?.(n);
  }
}

/**
 * A copy of `a` with length `n` (zero-filled beyond the old length).
 *
 * @example
 * growFloat(Float64Array.of(1), 2); // => Float64Array.of(1, 0)
 */
export function growFloat(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

/**
 * A copy of `a` with length `n` (zero-filled beyond the old length).
 *
 * @example
 * growInt(Int32Array.of(1), 2); // => Int32Array.of(1, 0)
 */
export function growInt(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

/**
 * Reads the optional `initialSlots` option every policy accepts (a sizing hint, not a limit).
 *
 * @example
 * initialSlots({ capacity: 10 }); // => 1024
 */
export function initialSlots(options: { [parameter: string]: unknown }): number {
  const value = options.initialSlots;
  return typeof value === "number" && value > 0 ? value : 1024;
}
