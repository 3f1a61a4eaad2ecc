import { SlotHash } from "./slot-hash.ts";
import { growFloat, NIL } from "./slots.ts";
import type { CacheKey } from "../types.ts";

/**
 * A doubly linked list threaded through its own typed arrays indexed by slot number, so that
 * several lists over one slot store let a slot sit on several lists at once (LIRS keeps an
 * object on its stack S and its queue Q). The list does not know which slots are on it: the
 * owner tracks membership (a flag bit per list) and passes each slot's size, which the list sums
 * in `bytes`. Head = most recent end, tail = oldest end. Allocation-free except `grow`.
 *
 * @example
 * const list = new IntrusiveList(4);
 * list.pushHead(2, 10);
 * list.pushHead(0, 5);
 * [list.head, list.tail, list.bytes]; // => [0, 2, 15]
 * list.moveToHead(2);
 * list.slots(); // => [2, 0]
 */
export class IntrusiveList {
  prev: Int32Array;
  next: Int32Array;
  head = NIL;
  tail = NIL;
  count = 0;
  /** Sum of the sizes passed for the slots on the list. */
  bytes = 0;

  constructor(
    /** Slots the arrays hold; `grow` enlarges them. */
    slots: number,
  ) {
    this.prev = new Int32Array(slots);
    this.next = new Int32Array(slots);
  }

  /** Enlarges the arrays to `slots` entries (keeping the links); the owner calls it as its store grows. */
  grow(slots: number): void {
    const prev = new Int32Array(slots);
    const next = new Int32Array(slots);
    prev.set(this.prev);
    next.set(this.next);
    this.prev = prev;
    this.next = next;
  }

  /** Puts `slot` (not on this list) of `size` at the head. */
  pushHead(slot: number, size: number): void {
    const head = this.head;
    this.prev[slot] = NIL;
    this.next[slot] = head;
    if (head !== NIL) this.prev[head] = slot;
    else this.tail = slot;
    this.head = slot;
    this.count++;
    this.bytes += size;
  }

  /** Takes `slot` (on this list) of `size` off it. */
  unlink(slot: number, size: number): void {
    const p = this.prev[slot];
    const n = this.next[slot];
    if (p !== NIL) this.next[p] = n;
    else this.head = n;
    if (n !== NIL) this.prev[n] = p;
    else this.tail = p;
    this.count--;
    this.bytes -= size;
  }

  /** Moves `slot` (on this list) to the head. */
  moveToHead(slot: number): void {
    if (this.head === slot) return;
    const p = this.prev[slot];
    const n = this.next[slot];
    // slot is not the head, so p is a slot.
    this.next[p] = n;
    if (n !== NIL) this.prev[n] = p;
    else this.tail = p;
    const head = this.head;
    this.prev[slot] = NIL;
    this.next[slot] = head;
    this.prev[head] = slot;
    this.head = slot;
  }

  /** Slots from head to tail, for tests and debugging. */
  slots(): number[] {
    const out: number[] = [];
    for (let s = this.head; s !== NIL; s = this.next[s]) out.push(s);
    return out;
  }
}

/**
 * A slot store whose slots can sit on several {@link IntrusiveList}s at once: a key → slot index
 * ({@link SlotHash}), per-slot key, size and a flags byte for the owner (which lists the slot is
 * on, and any status bits), and a free list. Slots are recycled and the arrays double when
 * full, so a steady-state request allocates nothing. The owner links and unlinks slots and
 * frees a slot once it is on no list.
 *
 * @example
 * const store = new MultiListSlots(2, 16);
 * const slot = store.alloc(42, 4096);
 * store.lists[0].pushHead(slot, 4096);
 * store.lists[1].pushHead(slot, 4096);
 * [store.slotOf(42) === slot, store.lists[1].bytes]; // => [true, 4096]
 */
export class MultiListSlots {
  keys: Float64Array;
  sizes: Float64Array;
  /** One byte per slot for the owner: list membership and status bits (0 after `alloc`). */
  flags: Uint8Array;
  readonly lists: readonly IntrusiveList[];
  private readonly hash: SlotHash;
  /** Free slots, chained through `lists[0].next` (a free slot is on no list). */
  private freeTop = NIL;
  private used = 0;

  constructor(
    /** How many lists the slots are threaded on (at least 1). */
    lists: number,
    /** Initial number of slots; the store doubles when full. */
    initialSlots = 1024,
  ) {
    const n = Math.max(16, initialSlots);
    this.hash = new SlotHash(n);
    this.keys = new Float64Array(n);
    this.sizes = new Float64Array(n);
    this.flags = new Uint8Array(n);
    this.lists = Array.from({ length: Math.max(1, lists) }, () => new IntrusiveList(n));
  }

  /** The slot of `key`, or -1. */
  slotOf(key: CacheKey): number {
    return this.hash.find(this.keys, key);
  }

  /** A fresh slot for `key` (not already stored) of `size`: indexed, on no list, flags 0. */
  alloc(key: CacheKey, size: number): number {
    let slot = this.freeTop;
    if (slot !== NIL) {
      this.freeTop = this.lists[0].next[slot];
    } else {
      if (this.used === this.keys.length) this.grow();
      slot = this.used++;
    }
    this.keys[slot] = key;
    this.sizes[slot] = size;
    this.flags[slot] = 0;
    this.hash.link(slot, key);
    return slot;
  }

  /** Forgets `slot` (which must be on no list): unindexed and back on the free list. */
  free(slot: number): void {
    this.hash.unlink(slot, this.keys[slot]);
    this.flags[slot] = 0;
    this.lists[0].next[slot] = this.freeTop;
    this.freeTop = slot;
  }

  private grow(): void {
    const n = this.keys.length * 2;
    this.keys = growFloat(this.keys, n);
    this.sizes = growFloat(this.sizes, n);
    const flags = new Uint8Array(n);
    flags.set(this.flags);
    this.flags = flags;
    for (const list of this.lists) list.grow(n);
    this.hash.resize(n, this.keys);
  }
}
