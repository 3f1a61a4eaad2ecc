import { SlotHash } from "./slot-hash.ts";
import type { AccessContext, CacheKey, CachePolicy, EvictedObject, EvictionListener } from "../types.ts";

const NIL = -1;

/** Doubles per slot record: key, size, then four Int32 fields (prev, next, list, flags). */
const STRIDE = 4;
const PREV = 4;
const NEXT = 5;
const LIST = 6;
const FLAGS = 7;

/**
 * A pool of reusable slots threaded onto a fixed number of doubly linked lists, kept in one
 * typed-array buffer so that the hot path of a policy allocates nothing once the pool has grown.
 * The adaptive policies (ARC, 2Q, S3-FIFO) keep their resident and ghost queues here.
 *
 * Every list has a head (most recent end) and a tail (oldest end) and tracks its total size and
 * length. A slot belongs to at most one list at a time; `listOf(slot)` says which (-1: none).
 * Allocated slots are indexed by key ({@link SlotHash}): `slotOf(key)` finds them on any list.
 * A slot's fields (key, size, links, list, flags) are one 32-byte record (array of structures):
 * a lookup and a move touch one cache line per slot instead of one per field, which is what the
 * cache-sized working sets of cachesim are bound by.
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
  /** Slot records: `f64[STRIDE * slot]` key, `+ 1` size; `i32[2 * STRIDE * slot + PREV…FLAGS]`. */
  private f64 = new Float64Array(0);
  private i32 = new Int32Array(0);
  readonly head: Int32Array;
  readonly tail: Int32Array;
  /** Sum of sizes over each list's slots. */
  readonly bytes: Float64Array;
  /** Number of slots on each list. */
  readonly count: Int32Array;
  private freeTop = NIL;
  private used = 0;
  private slots = 0;
  private readonly hash: SlotHash;

  constructor(
    /** How many lists the slots are threaded on. */
    lists: number,
    /** Initial number of slots; the pool doubles when it runs out. */
    initialSlots = 1024,
  ) {
    this.head = new Int32Array(lists).fill(NIL);
    this.tail = new Int32Array(lists).fill(NIL);
    this.bytes = new Float64Array(lists);
    this.count = new Int32Array(lists);
    this.hash = new SlotHash(Math.max(1, initialSlots), STRIDE);
    this.grow(Math.max(1, initialSlots));
  }

  /** The allocated slot holding `key`, or -1. */
  slotOf(key: CacheKey): number {
    return this.hash.find(this.f64, key);
  }

  /** Key of an allocated slot. */
  keyOf(slot: number): CacheKey {
    return this.f64[STRIDE * slot];
  }

  /** Size of an allocated slot, as given to {@link SlotLists.alloc}. */
  sizeOf(slot: number): number {
    return this.f64[STRIDE * slot + 1];
  }

  /** The list `slot` is on, -1 when on none. */
  listOf(slot: number): number {
    return this.i32[2 * STRIDE * slot + LIST];
  }

  /** The slot after `slot` towards the tail, -1 at the tail. */
  nextOf(slot: number): number {
    return this.i32[2 * STRIDE * slot + NEXT];
  }

  /** The policy's free field of `slot` (frequency, LIR/HIR and resident bits...), 0 at alloc. */
  flagsOf(slot: number): number {
    return this.i32[2 * STRIDE * slot + FLAGS];
  }

  /** Sets the policy's free field of `slot`. */
  setFlags(slot: number, flags: number): void {
    this.i32[2 * STRIDE * slot + FLAGS] = flags;
  }

  /** Takes a free slot for `key` (not already allocated) of `size`: indexed, on no list, flags 0. */
  alloc(key: CacheKey, size: number): number {
    let slot = this.freeTop;
    if (slot === NIL) {
      if (this.used === this.slots) this.grow(this.slots * 2);
      slot = this.used++;
    } else {
      this.freeTop = this.i32[2 * STRIDE * slot + NEXT];
    }
    const f = STRIDE * slot;
    this.f64[f] = key;
    this.f64[f + 1] = size;
    const i = 2 * f;
    this.i32[i + LIST] = NIL;
    this.i32[i + FLAGS] = 0;
    this.hash.link(slot, key);
    return slot;
  }

  /** Unlinks `slot` from its list (if any), unindexes it and returns it to the pool. */
  release(slot: number): void {
    const i = 2 * STRIDE * slot;
    if (this.i32[i + LIST] !== NIL) this.unlink(slot);
    this.hash.unlink(slot, this.f64[STRIDE * slot]);
    this.i32[i + NEXT] = this.freeTop;
    this.freeTop = slot;
  }

  /** Puts an unlinked `slot` at the head (most recent end) of list `l`. */
  pushHead(l: number, slot: number): void {
    const i32 = this.i32;
    const i = 2 * STRIDE * slot;
    const old = this.head[l];
    i32[i + PREV] = NIL;
    i32[i + NEXT] = old;
    if (old === NIL) this.tail[l] = slot;
    else i32[2 * STRIDE * old + PREV] = slot;
    this.head[l] = slot;
    i32[i + LIST] = l;
    this.bytes[l] += this.f64[STRIDE * slot + 1];
    this.count[l]++;
  }

  /** Takes `slot` off its list; it stays allocated. */
  unlink(slot: number): void {
    const i32 = this.i32;
    const i = 2 * STRIDE * slot;
    const l = i32[i + LIST];
    const p = i32[i + PREV];
    const n = i32[i + NEXT];
    if (p === NIL) this.head[l] = n;
    else i32[2 * STRIDE * p + NEXT] = n;
    if (n === NIL) this.tail[l] = p;
    else i32[2 * STRIDE * n + PREV] = p;
    i32[i + LIST] = NIL;
    this.bytes[l] -= this.f64[STRIDE * slot + 1];
    this.count[l]--;
  }

  /** Moves `slot` (on any list or none) to the head of list `l`. */
  moveTo(l: number, slot: number): void {
    if (this.i32[2 * STRIDE * slot + LIST] !== NIL) this.unlink(slot);
    this.pushHead(l, slot);
  }

  private grow(slots: number): void {
    const f64 = new Float64Array(STRIDE * slots);
    f64.set(this.f64);
    this.f64 = f64;
    this.i32 = new Int32Array(f64.buffer);
    this.slots = slots;
    this.hash.resize(slots, f64);
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

  /** The framework's miss flow in one call (see `CachePolicy.evictAndInsert`). */
  evictAndInsert(ctx: AccessContext, capacity: number, onVictim: EvictionListener | undefined): number {
    const bytes = this.lists.bytes;
    const size = ctx.size;
    let victims = 0;
    while (bytes[0] + bytes[1] + size > capacity) {
      const victim = this.evict(ctx);
      victims++;
      if (onVictim !== undefined) onVictim(victim.key, victim.size);
    }
    this.insert(ctx);
    return victims;
  }

  get objectCount(): number {
    return this.lists.count[0] + this.lists.count[1];
  }

  /** Removes `key`, resident or ghost; returns whether it was resident. */
  remove(key: CacheKey): boolean {
    const slot = this.lists.slotOf(key);
    if (slot === NIL) return false;
    const resident = this.lists.listOf(slot) <= 1;
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
    this.victim.key = this.lists.keyOf(slot);
    this.victim.size = this.lists.sizeOf(slot);
    return this.victim;
  }

  /** Keys of list `l` from head (newest) to tail, for tests and debugging. */
  protected keysOf(l: number): CacheKey[] {
    const out: CacheKey[] = [];
    for (let s = this.lists.head[l]; s !== NIL; s = this.lists.nextOf(s)) out.push(this.lists.keyOf(s));
    return out;
  }
}
