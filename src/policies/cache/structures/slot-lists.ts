import { SlotHash } from "./slot-hash.ts";
import type { AccessContext, CacheKey, CachePolicy, EvictedObject } from "../types.ts";

const NIL = -1;

/**
 * A pool of reusable slots threaded onto a fixed number of doubly linked lists, kept in typed
 * arrays so that the hot path of a policy allocates nothing once the pool has grown. The adaptive
 * policies (ARC, 2Q, LIRS, S3-FIFO) keep their resident and ghost queues here.
 *
 * Every list has a head (most recent end) and a tail (oldest end) and tracks its total size and
 * length. A slot belongs to at most one list at a time; `list[slot]` says which (-1: none).
 * Allocated slots are indexed by key ({@link SlotHash}): `slotOf(key)` finds them on any list.
 * Slot fields live in parallel arrays that are replaced when the pool grows, so read them through
 * the instance (`lists.key[slot]`) after any call that may allocate, never through a saved array.
 *
 * @example
 * const lists = new SlotLists(2);
 * const a = lists.alloc(7, 4096);
 * lists.pushHead(0, a);
 * lists.bytes[0]; // => 4096
 * lists.moveTo(1, a);
 * lists.tail[1] === a; // => true
 */
export class SlotLists {
  key = new Float64Array(0);
  size = new Float64Array(0);
  prev = new Int32Array(0);
  next = new Int32Array(0);
  /** Which list the slot is on, -1 when on none. */
  list = new Int8Array(0);
  /** One free byte per slot for the policy (frequency, LIR/HIR and resident bits...). */
  flags = new Uint8Array(0);
  readonly head: Int32Array;
  readonly tail: Int32Array;
  /** Sum of `size` over each list's slots. */
  readonly bytes: Float64Array;
  /** Number of slots on each list. */
  readonly count: Int32Array;
  private freeTop = NIL;
  private used = 0;
  private readonly hash: SlotHash;

  constructor(
    /** How many lists the slots are threaded on (at most 127). */
    lists: number,
    /** Initial number of slots; the pool doubles when it runs out. */
    initialSlots = 1024,
  ) {
    this.head = new Int32Array(lists).fill(NIL);
    this.tail = new Int32Array(lists).fill(NIL);
    this.bytes = new Float64Array(lists);
    this.count = new Int32Array(lists);
    this.hash = new SlotHash(Math.max(1, initialSlots));
    this.grow(Math.max(1, initialSlots));
  }

  /** The allocated slot holding `key`, or -1. */
  slotOf(key: CacheKey): number {
    return this.hash.find(this.key, key);
  }

  /** Takes a free slot for `key` (not already allocated) of `size`: indexed, on no list, flags 0. */
  alloc(key: CacheKey, size: number): number {
    let slot = this.freeTop;
    if (slot === NIL) {
      if (this.used === this.key.length) this.grow(this.key.length * 2);
      slot = this.used++;
    } else {
      this.freeTop = this.next[slot];
    }
    this.key[slot] = key;
    this.size[slot] = size;
    this.list[slot] = NIL;
    this.flags[slot] = 0;
    this.hash.link(slot, key);
    return slot;
  }

  /** Unlinks `slot` from its list (if any), unindexes it and returns it to the pool. */
  release(slot: number): void {
    if (this.list[slot] !== NIL) this.unlink(slot);
    this.hash.unlink(slot, this.key[slot]);
    this.next[slot] = this.freeTop;
    this.freeTop = slot;
  }

  /** Puts an unlinked `slot` at the head (most recent end) of list `l`. */
  pushHead(l: number, slot: number): void {
    const old = this.head[l];
    this.prev[slot] = NIL;
    this.next[slot] = old;
    if (old === NIL) this.tail[l] = slot;
    else this.prev[old] = slot;
    this.head[l] = slot;
    this.list[slot] = l;
    this.bytes[l] += this.size[slot];
    this.count[l]++;
  }

  /** Takes `slot` off its list; it stays allocated. */
  unlink(slot: number): void {
    const l = this.list[slot];
    const p = this.prev[slot];
    const n = this.next[slot];
    if (p === NIL) this.head[l] = n;
    else this.next[p] = n;
    if (n === NIL) this.tail[l] = p;
    else this.prev[n] = p;
    this.list[slot] = NIL;
    this.bytes[l] -= this.size[slot];
    this.count[l]--;
  }

  /** Moves `slot` (on any list or none) to the head of list `l`. */
  moveTo(l: number, slot: number): void {
    if (this.list[slot] !== NIL) this.unlink(slot);
    this.pushHead(l, slot);
  }

  private grow(slots: number): void {
    const copy = <T extends Float64Array | Int32Array | Int8Array | Uint8Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.key = copy(this.key, new Float64Array(slots));
    this.size = copy(this.size, new Float64Array(slots));
    this.prev = copy(this.prev, new Int32Array(slots));
    this.next = copy(this.next, new Int32Array(slots));
    this.list = copy(this.list, new Int8Array(slots));
    this.flags = copy(this.flags, new Uint8Array(slots));
    this.hash.resize(slots, this.key);
  }
}

/**
 * Common ground of the queue-based policies (ARC, 2Q, S3-FIFO): a {@link SlotLists} whose lists
 * 0 and 1 hold resident objects and whose other lists hold ghosts (key and size only), indexed
 * by key over all of them (`lists.slotOf`), and a victim record reused by every eviction.
 *
 * @example
 * class Fifo extends QueuePolicy {
 *   constructor() { super(2); }
 *   find() { return false; }
 *   insert(ctx: AccessContext) { this.add(0, ctx.key, ctx.size); }
 *   evict() { const v = this.take(this.lists.tail[0]); this.forget(this.lists.tail[0]); return v; }
 * }
 * new Fifo().occupied; // => 0
 */
export abstract class QueuePolicy implements CachePolicy {
  protected readonly lists: SlotLists;
  protected readonly victim: EvictedObject = { key: 0, size: 0 };

  constructor(
    /** Number of lists: 0 and 1 resident, the rest ghosts. */
    listCount: number,
  ) {
    this.lists = new SlotLists(listCount);
  }

  abstract find(ctx: AccessContext): boolean;
  abstract insert(ctx: AccessContext): void;
  abstract evict(ctx: AccessContext): EvictedObject;

  get occupied(): number {
    return this.lists.bytes[0] + this.lists.bytes[1];
  }

  get objectCount(): number {
    return this.lists.count[0] + this.lists.count[1];
  }

  /** Removes `key`, resident or ghost; returns whether it was resident. */
  remove(key: CacheKey): boolean {
    const slot = this.lists.slotOf(key);
    if (slot === NIL) return false;
    const resident = this.lists.list[slot] <= 1;
    this.forget(slot);
    return resident;
  }

  /** Puts `key` of `size` at the head of list `l` (indexed by the pool). */
  protected add(l: number, key: CacheKey, size: number): void {
    this.lists.pushHead(l, this.lists.alloc(key, size));
  }

  /** Drops `slot` from its list and the index. */
  protected forget(slot: number): void {
    this.lists.release(slot);
  }

  /** Copies `slot`'s key and size into the reused victim record and returns it. */
  protected take(slot: number): EvictedObject {
    this.victim.key = this.lists.key[slot];
    this.victim.size = this.lists.size[slot];
    return this.victim;
  }

  /** Keys of list `l` from head (newest) to tail, for tests and debugging. */
  protected keysOf(l: number): CacheKey[] {
    const out: CacheKey[] = [];
    for (let s = this.lists.head[l]; s !== NIL; s = this.lists.next[s]) out.push(this.lists.key[s]);
    return out;
  }
}
