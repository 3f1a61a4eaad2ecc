import type { CacheKey } from "../types.ts";

const NIL = -1;

/**
 * The key → slot index of a slot store (whose slots keep their key in a `Float64Array`): hash
 * chains threaded through the slots themselves (one `Int32` link per slot) from a power-of-two
 * bucket array at least twice the slot count (load ≤ 1/2). A lookup that misses reads one 4-byte
 * bucket and unlinking walks a short chain, with no probing or shifting; this is what makes the
 * miss-heavy cache workloads fast (faster than open addressing or `Map` on the same churn).
 * Keys are any numbers except NaN; integers up to 2^53 hash well.
 *
 * @example
 * const keys = Float64Array.of(70, 80);
 * const hash = new SlotHash(2);
 * hash.link(0, 70); hash.link(1, 80);
 * hash.find(keys, 80); // => 1
 * hash.unlink(1, 80); hash.find(keys, 80); // => -1
 */
export class SlotHash {
  /** First slot of each bucket's chain, -1 when empty. */
  private buckets: Int32Array;
  /** Next slot on the same chain, -1 at the end. */
  private chain: Int32Array;
  /** 32 − log2(buckets.length): bucketOf() keeps the top bits of the product. */
  private shift: number;

  constructor(
    /** Slots the store holds; {@link SlotHash.resize} when it grows. */
    slots: number,
    /** Where a slot's key is in `keys`: `keys[stride * slot]` (records of `stride` numbers). */
    private readonly stride = 1,
  ) {
    this.chain = new Int32Array(slots);
    this.buckets = new Int32Array(bucketCount(slots)).fill(NIL);
    this.shift = 32 - Math.log2(this.buckets.length);
  }

  /** The linked slot whose key in `keys` (at `stride * slot`) is `key`, or -1. */
  find(keys: Float64Array, key: CacheKey): number {
    const chain = this.chain;
    const stride = this.stride;
    let slot = this.buckets[this.bucketOf(key)];
    while (slot !== NIL && keys[stride * slot] !== key) slot = chain[slot];
    return slot;
  }

  /** Links `slot`, which holds `key` (not already linked). */
  link(slot: number, key: CacheKey): void {
    const bucket = this.bucketOf(key);
    this.chain[slot] = this.buckets[bucket];
    this.buckets[bucket] = slot;
  }

  /** Unlinks `slot`, which holds `key` and is linked. */
  unlink(slot: number, key: CacheKey): void {
    const chain = this.chain;
    const bucket = this.bucketOf(key);
    let at = this.buckets[bucket];
    if (at === slot) {
      this.buckets[bucket] = chain[slot];
      return;
    }
    while (chain[at] !== slot) at = chain[at];
    chain[at] = chain[slot];
  }

  /** Makes room for `slots` slots, relinking every linked slot by its key in `keys`. */
  resize(slots: number, keys: Float64Array): void {
    const old = this.buckets;
    const chain = new Int32Array(slots);
    chain.set(this.chain.subarray(0, Math.min(slots, this.chain.length)));
    this.chain = chain;
    this.buckets = new Int32Array(bucketCount(slots)).fill(NIL);
    this.shift = 32 - Math.log2(this.buckets.length);
    // Walking the old chains visits exactly the linked slots.
    for (let b = 0; b < old.length; b++) {
      for (let slot = old[b]; slot !== NIL; ) {
        const following = chain[slot];
        this.link(slot, keys[this.stride * slot]);
        slot = following;
      }
    }
  }

  /** Bytes of typed arrays held. */
  get bytes(): number {
    return this.buckets.byteLength + this.chain.byteLength;
  }

  /** Bucket of `key`: Fibonacci hashing of its two 32-bit halves. */
  private bucketOf(key: CacheKey): number {
    return Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }
}

/** Buckets for `slots` slots: the power of two at least twice as large (at least 32). */
function bucketCount(slots: number): number {
  return 2 ** Math.max(5, Math.ceil(Math.log2(slots * 2)));
}
