/**
 * Read tracking for the restore's media-agent cache: which I/O class brought each resident chunk
 * in and whether the guest has read it since, and relocation-first eviction. It is restore-domain
 * bookkeeping wrapped around any cache policy (policies/cache knows nothing of guests, pre-staging
 * or relocation), so it lives with the media-agent service that uses it.
 */
import type { Cache } from "../policies/cache/cache.ts";
import { KeyIndex } from "../policies/cache/structures/key-index.ts";
import type { AccessContext, CacheKey, CachePolicy, EvictedObject, EvictionListener } from "../policies/cache/types.ts";
import { IO_CLASSES, type IoClass } from "../policies/io-class.ts";

// Why a block entered the cache is its I/O class; the class code indexes IO_CLASSES.
const CLASS_CODE: Readonly<Record<IoClass, number>> = { demand: 0, prestage: 1, relocation: 2 };
/** State code bit set once a resident block has been read by demand since insertion. */
const READ = 4;

/** Keys below this are kept in {@link KeyBytes}' direct pages; others in a hash index. */
const DENSE_KEYS = 2 ** 24;
const PAGE_BITS = 12;
const PAGE_MASK = (1 << PAGE_BITS) - 1;

/**
 * One byte per key (0 = nothing), shared by the trackers below: each owns a 4-bit field
 * ({@link ByteMap}), so a ReadTracker over a RelocationFirstPolicy finds both states of a key in
 * one byte (one cold line per evicted key, not two). Integer keys under 2^24 (a media agent's
 * chunk keys) live in 4 KiB pages indexed directly: one array read per lookup and nothing to
 * shift on delete, where a hash index probes two tables. Other keys go to a {@link KeyIndex}.
 */
class KeyBytes {
  private readonly pages: (Uint8Array | undefined)[] = [];
  private readonly others = new KeyIndex(16);

  /** The byte of `key` (0 when none). */
  get(key: CacheKey): number {
    if (key >= 0 && key < DENSE_KEYS && (key | 0) === key) {
      const page = this.pages[key >>> PAGE_BITS];
      return page === undefined ? 0 : page[key & PAGE_MASK];
    }
    const byte = this.others.get(key);
    return byte < 0 ? 0 : byte;
  }

  set(key: CacheKey, byte: number): void {
    if (key >= 0 && key < DENSE_KEYS && (key | 0) === key) {
      const index = key >>> PAGE_BITS;
      while (this.pages.length <= index) this.pages.push(undefined);
      let page = this.pages[index];
      if (page === undefined) page = this.pages[index] = new Uint8Array(PAGE_MASK + 1);
      page[key & PAGE_MASK] = byte;
    } else if (byte === 0) this.others.delete(key);
    else this.others.set(key, byte);
  }
}

/** Key → small value (0..14) in one 4-bit field of a {@link KeyBytes}. */
class ByteMap {
  /** Keys with a value. */
  size = 0;
  private readonly mask: number;

  constructor(
    private readonly bytes: KeyBytes,
    /** 0 or 4: where the field sits in the byte. */
    private readonly shift: number,
  ) {
    this.mask = 15 << shift;
  }

  /** The value of `key`, or −1. */
  get(key: CacheKey): number {
    return ((this.bytes.get(key) >>> this.shift) & 15) - 1;
  }

  set(key: CacheKey, value: number): void {
    const byte = this.bytes.get(key);
    if ((byte & this.mask) === 0) this.size++;
    this.bytes.set(key, (byte & ~this.mask) | ((value + 1) << this.shift));
  }

  /** Removes `key`; returns whether it had a value. */
  delete(key: CacheKey): boolean {
    const byte = this.bytes.get(key);
    if ((byte & this.mask) === 0) return false;
    this.bytes.set(key, byte & ~this.mask);
    this.size--;
    return true;
  }
}

/** Counters per insertion class. */
export type ClassCounts = Record<IoClass, number>;

/** What a {@link ReadTracker} has counted. */
export interface ReadTrackingStats {
  demandRequests: number;
  demandHits: number;
  /** Demand hits by the class that inserted the block. */
  hitsByClass: ClassCounts;
  /** Demand hits that were the first read of the block since it was inserted. */
  firstReadsByClass: ClassCounts;
  /** Blocks inserted, by class. */
  insertedByClass: ClassCounts;
  /** Blocks evicted (or removed) without a demand read since insertion, by class. */
  evictedUnreadByClass: ClassCounts;
}

const zero = (): ClassCounts => ({ demand: 0, prestage: 0, relocation: 0 });

/**
 * Attaches to a {@link Cache} and records, per resident key, which class inserted it and
 * whether demand has read it since, so demand hits can be attributed to prefetching/relocation
 * and pre-staged blocks evicted unread can be counted. Route every access through
 * {@link ReadTracker.access}; it chains any existing `cache.onEvict`.
 *
 * @example
 * import { LruPolicy } from "../policies/cache/algorithms/lru.ts";
 * const tracker = new ReadTracker(new Cache(1, new LruPolicy()));
 * tracker.access(7, 1, "prestage"); // => false // inserted, unread
 * tracker.access(7, 1, "demand");   // => true
 * tracker.stats.hitsByClass.prestage; // => 1
 */
export class ReadTracker {
  readonly stats: ReadTrackingStats = {
    demandRequests: 0,
    demandHits: 0,
    hitsByClass: zero(),
    firstReadsByClass: zero(),
    insertedByClass: zero(),
    evictedUnreadByClass: zero(),
  };
  /** key → class code | READ, for resident keys. */
  private readonly state: ByteMap;

  constructor(readonly cache: Cache) {
    // Over a relocation-first policy, share its per-key bytes (see KeyBytes).
    const shared = cache.policy instanceof RelocationFirstPolicy ? cache.policy.claimKeyBytes() : undefined;
    this.state = new ByteMap(shared ?? new KeyBytes(), 0);
    const previous = cache.onEvict;
    cache.onEvict = (key, size) => {
      this.forget(key);
      previous?.(key, size);
    };
  }

  /**
   * One access by `cls`: "demand" is a guest read; "prestage" / "relocation" bring a block in
   * without reading it (a hit then changes neither its class nor its read bit). Returns the hit.
   */
  access(key: CacheKey, size: number, cls: IoClass, nextAccessIndex = Infinity): boolean {
    const stats = this.stats;
    const demand = cls === "demand";
    if (demand) stats.demandRequests++;
    const hit = this.cache.access(key, size, nextAccessIndex);
    if (hit) {
      if (!demand) return true;
      const code = this.state.get(key);
      stats.demandHits++;
      // A policy may drop the very object it hits (LIRS with queueHitDemotesLir): no class left.
      if (code < 0) return true;
      const inserter = IO_CLASSES[code & 3];
      stats.hitsByClass[inserter]++;
      if ((code & READ) === 0) {
        stats.firstReadsByClass[inserter]++;
        this.state.set(key, code | READ);
      }
      return true;
    }
    if (size <= this.cache.capacity) {
      stats.insertedByClass[cls]++;
      this.state.set(key, CLASS_CODE[cls] | (demand ? READ : 0));
    }
    return false;
  }

  /** Removes `key` from the cache (counted as unread if it was); returns whether it was resident. */
  remove(key: CacheKey): boolean {
    this.forget(key);
    return this.cache.remove(key);
  }

  /** The class that inserted resident `key`, or undefined. */
  classOf(key: CacheKey): IoClass | undefined {
    const code = this.state.get(key);
    return code < 0 ? undefined : IO_CLASSES[code & 3];
  }

  private forget(key: CacheKey): void {
    const code = this.state.get(key);
    if (code < 0) return;
    if ((code & READ) === 0) this.stats.evictedUnreadByClass[IO_CLASSES[code & 3]]++;
    this.state.delete(key);
  }
}

/**
 * Relocation-aware eviction as a wrapper policy: keys marked relocated (their data now lives
 * on the target datastore, so the cached copy is the cheapest to lose) are evicted first, in
 * marking order; when none is resident the inner policy chooses. Lookups, hits and inserts go
 * to the inner policy unchanged, so any policy can be wrapped.
 *
 * @example
 * import { LruPolicy } from "../policies/cache/algorithms/lru.ts";
 * const policy = new RelocationFirstPolicy(new LruPolicy());
 * const cache = new Cache(2, policy);
 * cache.access(1, 1); cache.access(2, 1); cache.access(1, 1);
 * policy.markRelocated(1);
 * cache.access(3, 1); // evicts 1 although LRU would evict 2
 * cache.access(2, 1);  // => true
 */
export class RelocationFirstPolicy implements CachePolicy {
  private readonly keyBytes = new KeyBytes();
  private keyBytesClaimed = false;
  private readonly relocated = new ByteMap(this.keyBytes, 4);
  private queue: Float64Array = new Float64Array(64);
  private queueHead = 0;
  private queueTail = 0;
  private readonly victim: EvictedObject = { key: 0, size: 0 };

  constructor(readonly inner: CachePolicy) {}

  /**
   * Marks `key` as relocated; returns false if it was already marked. Marking a key that is
   * not resident has no effect on eviction (its entry is skipped), and a later insert of the
   * key clears the mark (a fresh copy is not relocated).
   */
  markRelocated(key: CacheKey): boolean {
    if (this.relocated.get(key) >= 0) return false;
    this.relocated.set(key, 1);
    if (this.queueTail === this.queue.length) this.compact();
    this.queue[this.queueTail++] = key;
    return true;
  }

  /**
   * The per-key bytes whose low 4 bits a {@link ReadTracker} over this policy may use (the
   * policy keeps the high 4); undefined once claimed, so two trackers never share them. @internal
   */
  claimKeyBytes(): KeyBytes | undefined {
    if (this.keyBytesClaimed) return undefined;
    this.keyBytesClaimed = true;
    return this.keyBytes;
  }

  /** Keys marked relocated and not yet evicted, removed or re-inserted. */
  get relocatedCount(): number {
    return this.relocated.size;
  }

  find(ctx: AccessContext): boolean {
    return this.inner.find(ctx);
  }

  insert(ctx: AccessContext): void {
    if (this.relocated.size > 0) this.relocated.delete(ctx.key);
    this.inner.insert(ctx);
  }

  evict(ctx: AccessContext): EvictedObject {
    while (this.queueHead < this.queueTail) {
      const key = this.queue[this.queueHead++];
      if (!this.relocated.delete(key)) continue;
      const before = this.inner.occupied;
      if (!this.inner.remove(key)) continue;
      this.victim.key = key;
      this.victim.size = before - this.inner.occupied;
      return this.victim;
    }
    const victim = this.inner.evict(ctx);
    this.relocated.delete(victim.key);
    return victim;
  }

  remove(key: CacheKey): boolean {
    this.relocated.delete(key);
    return this.inner.remove(key);
  }

  /** Passes the framework's listener to the inner policy, dropping the mark of each victim it reports. */
  setEvictionListener(listener: EvictionListener | undefined): void {
    this.inner.setEvictionListener?.(
      listener &&
        ((key, size) => {
          this.relocated.delete(key);
          listener(key, size);
        }),
    );
  }

  get occupied(): number {
    return this.inner.occupied;
  }

  get objectCount(): number {
    return this.inner.objectCount;
  }

  /** Drops consumed queue entries, growing the queue if it is still full. */
  private compact(): void {
    const live = this.queue.subarray(this.queueHead, this.queueTail);
    const next = live.length * 2 >= this.queue.length ? new Float64Array(this.queue.length * 2) : this.queue;
    next.set(live);
    this.queue = next;
    this.queueTail = live.length;
    this.queueHead = 0;
  }
}
