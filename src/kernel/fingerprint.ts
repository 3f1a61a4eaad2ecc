/**
 * An OMNeT++-style fingerprint: a running 32-bit FNV-1a hash over the executed events'
 * (time, kind, component), so any change in event order or timing changes the hex string.
 * Numbers are hashed byte by byte from their integer words; strings are interned to small
 * integers first (see `Interner`) so the per-event cost stays a few multiplications.
 *
 * @example
 * const fp = new Fingerprint();
 * fp.add(1000, 1, 2);
 * fp.hex(); // => "ccf63b9f" // equal inputs always give equal strings
 */
export class Fingerprint {
  private hash = FNV_OFFSET;
  /** Number of events folded in. */
  count = 0;

  /**
   * Folds one event in. `time` is an integer up to 2^53; `kind` and `component` are interned ids.
   *
   * @example
   * const fp = new Fingerprint();
   * fp.add(0, 0, 0);
   * fp.hex() // => "69691905" // changed from "811c9dc5"
   */
  add(time: number, kind: number, component: number): void {
    this.addWords(time | 0, Math.floor(time / 4294967296) | 0, kind, component);
  }

  /**
   * {@link Fingerprint.add} with the time already split into its low and high 32-bit words
   * (`time | 0`, `Math.floor(time / 2^32) | 0`; signed or unsigned, the same bits hash the
   * same). For the kernel's hot path: small integers go into a call without being boxed, a
   * time past 2^31 ns would not.
   *
   * @example
   * const a = new Fingerprint(); a.add(5e9, 3, 1);
   * const b = new Fingerprint(); b.addWords(5e9 | 0, 1, 3, 1);
   * a.hex() === b.hex() // => true
   */
  addWords(low: number, high: number, kind: number, component: number): void {
    let h = this.hash;
    h = mixWord(h, low);
    h = mixWord(h, high);
    h = mixWord(h, kind);
    h = mixWord(h, component);
    this.hash = h;
    this.count++;
  }

  /**
   * The hash as 8 lowercase hex digits.
   *
   * @example
   * new Fingerprint().hex() // => "811c9dc5"
   */
  hex(): string {
    return (this.hash >>> 0).toString(16).padStart(8, "0");
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** FNV_PRIME^3 mod 2^32: three zero bytes in one multiplication (x ^ 0 = x). */
const FNV_PRIME_CUBED = Math.imul(Math.imul(FNV_PRIME, FNV_PRIME), FNV_PRIME);

/**
 * FNV-1a over the four bytes of a 32-bit word, least significant first (a negative int32 hashes
 * as its unsigned twin: only `&` and `>>>` read it). Words under 256 (tags, a time's high word)
 * end in three zero bytes, folded into one multiplication.
 */
function mixWord(hash: number, word: number): number {
  let h = hash;
  h = Math.imul(h ^ (word & 0xff), FNV_PRIME);
  if (word >>> 8 === 0) return Math.imul(h, FNV_PRIME_CUBED);
  h = Math.imul(h ^ ((word >>> 8) & 0xff), FNV_PRIME);
  h = Math.imul(h ^ ((word >>> 16) & 0xff), FNV_PRIME);
  h = Math.imul(h ^ (word >>> 24), FNV_PRIME);
  return h;
}

/**
 * Maps strings (or other keys such as functions) to small consecutive integers, in first-seen
 * order, so hashing and per-component tables can work on numbers. Id 0 is reserved for "none".
 *
 * @example
 * const names = new Interner<string>();
 * names.id("ssd0"); // => 1
 * names.id("ssd1"); // => 2
 * names.id("ssd0"); // => 1
 * names.name(2);    // => "ssd1"
 */
export class Interner<K> {
  private readonly ids = new Map<K, number>();
  private readonly keys: K[] = [];

  /** The id of `key`, assigning the next integer on first use. */
  id(key: K): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      this.keys.push(key);
      id = this.keys.length;
      this.ids.set(key, id);
    }
    return id;
  }

  /** The key behind `id` (undefined for 0 or unknown ids). */
  name(id: number): K | undefined {
    return this.keys[id - 1];
  }
}
