import type { PolicyDefinition } from "../../registry.ts";
import { NIL, SlotStore, growFloat, growInt, initialSlots } from "../structures/slots.ts";
import type { AccessContext, CacheKey, CachePolicy, CachePolicyEntry, EvictedObject } from "../types.ts";

/** Registry definition of LFU. */
export const definition: PolicyDefinition = {
  name: "lfu",
  description:
    "Least frequently used: evicts the resident object with the fewest accesses since it was inserted; ties go to the least recently used.",
  parameters: {},
};

/**
 * LFU with an LRU tie-break: each resident object counts its accesses since insertion (1 on
 * insert, +1 per hit; the count is lost on eviction). Eviction takes the smallest count, and
 * among equal counts the object whose last access is oldest.
 *
 * O(1) per request (Shah, Mitra & Matani 2010): a list of frequency nodes in increasing count
 * order, each holding the objects with that count in recency order (its own list through the
 * store's `prev`/`next`: first = most recent, last = least recent). A hit moves the object to
 * the front of the node for count + 1 (created next to its node if absent); an insert goes to
 * the front of the count-1 node; the victim is the last object of the lowest node. Objects
 * enter a node only when accessed, so each node's order is last-access order: the same victim
 * as ordering all objects by (count, last access). Nodes are slots of typed arrays with a free
 * list; no request allocates.
 *
 * @example
 * const cache = new Cache(2, new LfuPolicy());
 * [1, 1, 2, 3, 1, 2].map((k) => cache.access(k, 1)); // => [false, true, false, false, true, false]
 */
export class LfuPolicy implements CachePolicy {
  readonly store: SlotStore;
  /** Frequency node of each resident slot. */
  private nodeOf: Int32Array;
  /** Per node: access count, most and least recent slot, and the neighbouring nodes. */
  private freq: Float64Array;
  private first: Int32Array;
  private last: Int32Array;
  /** Next node up (higher count) and down (lower count). */
  private up: Int32Array;
  private down: Int32Array;
  /** Node with the lowest count (the victim's), or NIL when empty. */
  private lowest = NIL;
  private freeNode = NIL;
  private usedNodes = 0;

  constructor(initialSlots = 1024) {
    this.store = new SlotStore(initialSlots);
    const n = this.store.capacity;
    this.nodeOf = new Int32Array(n);
    // A hit may create the next node before emptying its own: at most count + 1 nodes.
    this.freq = new Float64Array(n + 1);
    this.first = new Int32Array(n + 1);
    this.last = new Int32Array(n + 1);
    this.up = new Int32Array(n + 1);
    this.down = new Int32Array(n + 1);
    this.store.onGrow = (slots) => this.grow(slots);
  }

  find(ctx: AccessContext): boolean {
    const store = this.store;
    const slot = store.slotOf(ctx.key);
    if (slot === NIL) return false;
    const node = this.nodeOf[slot];
    const count = this.freq[node] + 1;
    let target = this.up[node];
    const hasTarget = target !== NIL && this.freq[target] === count;
    const prev = store.prev;
    const next = store.next;
    if (this.first[node] === slot && this.last[node] === slot) {
      // Alone in its node: bump the node's count, or merge into the next node.
      if (!hasTarget) {
        this.freq[node] = count;
        return true;
      }
      this.unlinkNode(node);
    } else {
      const p = prev[slot];
      const n = next[slot];
      if (p !== NIL) next[p] = n;
      else this.first[node] = n;
      if (n !== NIL) prev[n] = p;
      else this.last[node] = p;
      if (!hasTarget) {
        this.nodeOf[slot] = this.newNodeAbove(node, count, slot);
        return true;
      }
    }
    const head = this.first[target];
    prev[slot] = NIL;
    next[slot] = head;
    prev[head] = slot;
    this.first[target] = slot;
    this.nodeOf[slot] = target;
    return true;
  }

  insert(ctx: AccessContext): void {
    const store = this.store;
    const slot = store.add(ctx.key, ctx.size);
    let node = this.lowest;
    if (node !== NIL && this.freq[node] === 1) {
      const head = this.first[node];
      store.next[slot] = head;
      store.prev[head] = slot;
      this.first[node] = slot;
    } else {
      node = this.allocNode(1, slot);
      this.down[node] = NIL;
      this.up[node] = this.lowest;
      if (this.lowest !== NIL) this.down[this.lowest] = node;
      this.lowest = node;
    }
    this.nodeOf[slot] = node;
  }

  evict(_ctx: AccessContext): EvictedObject {
    const slot = this.last[this.lowest];
    this.detach(slot);
    return this.store.release(slot);
  }

  remove(key: CacheKey): boolean {
    const slot = this.store.slotOf(key);
    if (slot === NIL) return false;
    this.detach(slot);
    this.store.release(slot);
    return true;
  }

  get occupied(): number {
    return this.store.occupied;
  }

  get objectCount(): number {
    return this.store.count;
  }

  /** Access count of resident `key` since its insertion, or 0 if not resident; for tests. */
  countOf(key: CacheKey): number {
    const slot = this.store.slotOf(key);
    return slot === NIL ? 0 : this.freq[this.nodeOf[slot]];
  }

  /** Resident keys in eviction order (next victim first); for tests and debugging. */
  keysInEvictionOrder(): CacheKey[] {
    const out: CacheKey[] = [];
    for (let node = this.lowest; node !== NIL; node = this.up[node]) {
      for (let s = this.last[node]; s !== NIL; s = this.store.prev[s]) out.push(this.store.keys[s]);
    }
    return out;
  }

  /** Takes `slot` off its node's list, dropping the node if it empties. */
  private detach(slot: number): void {
    const prev = this.store.prev;
    const next = this.store.next;
    const node = this.nodeOf[slot];
    const p = prev[slot];
    const n = next[slot];
    if (p !== NIL) next[p] = n;
    else this.first[node] = n;
    if (n !== NIL) prev[n] = p;
    else this.last[node] = p;
    if (this.first[node] === NIL) this.unlinkNode(node);
  }

  /** A node for `count` holding only `slot` (whose links it resets); not yet on the node list. */
  private allocNode(count: number, slot: number): number {
    let node = this.freeNode;
    if (node !== NIL) this.freeNode = this.up[node];
    else node = this.usedNodes++;
    this.freq[node] = count;
    this.first[node] = slot;
    this.last[node] = slot;
    this.store.prev[slot] = NIL;
    this.store.next[slot] = NIL;
    return node;
  }

  /** A node for `count` holding only `slot`, linked right above `below`; returns it. */
  private newNodeAbove(below: number, count: number, slot: number): number {
    const node = this.allocNode(count, slot);
    const above = this.up[below];
    this.up[node] = above;
    this.down[node] = below;
    this.up[below] = node;
    if (above !== NIL) this.down[above] = node;
    return node;
  }

  /** Unlinks `node` from the node list and frees it. */
  private unlinkNode(node: number): void {
    const d = this.down[node];
    const u = this.up[node];
    if (d !== NIL) this.up[d] = u;
    else this.lowest = u;
    if (u !== NIL) this.down[u] = d;
    this.up[node] = this.freeNode;
    this.freeNode = node;
  }

  private grow(slots: number): void {
    this.nodeOf = growInt(this.nodeOf, slots);
    this.freq = growFloat(this.freq, slots + 1);
    this.first = growInt(this.first, slots + 1);
    this.last = growInt(this.last, slots + 1);
    this.up = growInt(this.up, slots + 1);
    this.down = growInt(this.down, slots + 1);
  }
}

/**
 * Registry entry for LFU.
 *
 * @example
 * lfuEntry.create({ capacity: 100 }).objectCount; // => 0
 */
export const lfuEntry: CachePolicyEntry = {
  definition,
  create: (options) => new LfuPolicy(initialSlots(options)),
};
