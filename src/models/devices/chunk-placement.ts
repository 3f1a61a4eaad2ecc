/**
 * Where a dedup store keeps each chunk of a backup on its underlying device. Logically adjacent
 * chunks are stored back to back, except that each chunk, with probability `fragmentation`,
 * starts a new run at a random chunk slot (deduplicated against an older backup, written by
 * another stream...). `fragmentation = 0` is a fresh full backup laid out sequentially;
 * `1` scatters every chunk.
 *
 * The draws are a hash of (seed, chunk index), so a chunk's place never depends on the order in
 * which chunks are asked for; the seed comes from the component's RNG stream.
 *
 * @example
 * const placement = new ChunkPlacement({ storedChunkBytes: 4 << 20, capacityBytes: 2 ** 40, fragmentation: 0, seed: 1 });
 * placement.location(8) - placement.location(7) // => 4194304 // contiguous
 */
export class ChunkPlacement {
  private readonly slots: number;
  /** Placed chunks' slot + 1 (0 = not placed yet), in pages of `PAGE` chunk indices: the first `DIRECT_PAGES` by index, the rest by map. */
  private readonly direct: Array<Uint32Array | Float64Array | undefined> = [];
  private readonly pages = new Map<number, Uint32Array | Float64Array>();
  private readonly wide: boolean;
  private lastPageIndex = Number.NaN;
  private lastPage: Uint32Array | Float64Array | undefined = undefined;

  constructor(
    readonly options: {
      /** Bytes a chunk occupies on the device (after compression). */
      storedChunkBytes: number;
      /** Capacity of the underlying device, bytes. */
      capacityBytes: number;
      /** Probability that a chunk does not follow its logical predecessor, in [0, 1]. */
      fragmentation: number;
      /** 32-bit seed for the placement hash. */
      seed: number;
    },
  ) {
    this.slots = Math.max(1, Math.floor(options.capacityBytes / options.storedChunkBytes));
    this.wide = this.slots >= 0xffffffff;
  }

  /**
   * True when chunk `index` starts a new run (is not stored right after chunk `index − 1`).
   *
   * @example
   * const placement = new ChunkPlacement({ storedChunkBytes: 4 << 20, capacityBytes: 2 ** 40, fragmentation: 0.5, seed: 1 });
   * placement.startsRun(0) // => true // chunk 0 always starts a run
   */
  startsRun(index: number): boolean {
    return index === 0 || unitHash(this.options.seed, index, 0x68e31da4) < this.options.fragmentation;
  }

  /**
   * Byte offset of chunk `index` on the underlying device.
   *
   * @example
   * const placement = new ChunkPlacement({ storedChunkBytes: 4 << 20, capacityBytes: 2 ** 40, fragmentation: 0.5, seed: 1 });
   * placement.location(0) % (4 << 20) // => 0 // chunk-aligned
   */
  location(index: number): number {
    const stored = this.options.storedChunkBytes;
    // A chunk's slot is a pure function of the hashes: its run's first slot plus its distance
    // into the run. With runs short (fragmented backups) a few hashes find it without touching
    // the table (a cold page per lookup when a thousand restores read far apart); long runs
    // use the table, which holds the same values.
    if (this.options.fragmentation >= 0.1) {
      for (let start = index; start >= 0 && index - start < SHORT_WALK; start--) {
        if (this.startsRun(start)) return ((this.runSlot(start) + (index - start)) % this.slots) * stored;
      }
    }
    const cached = this.placed(index);
    if (cached > 0) return (cached - 1) * stored;
    // Walk back to the start of the run (or to a chunk already placed), then fill forward.
    let start = index;
    while (this.placed(start - 1) === 0 && !this.startsRun(start)) start--;
    let slot = 0;
    for (let i = start; i <= index; i++) {
      const previous = this.placed(i - 1);
      slot = previous === 0 || this.startsRun(i) ? this.runSlot(i) : previous % this.slots;
      this.place(i, slot + 1);
    }
    return slot * stored;
  }

  /** The slot of chunk `index` when it starts a run. */
  private runSlot(index: number): number {
    return Math.floor(unitHash(this.options.seed, index, 0x1b873593) * this.slots);
  }

  /** Slot + 1 of chunk `index`, or 0 when it was not placed yet. */
  private placed(index: number): number {
    const pageIndex = Math.floor(index / PAGE);
    const page = pageIndex === this.lastPageIndex ? this.lastPage : this.page(pageIndex, false);
    return page === undefined ? 0 : page[index - pageIndex * PAGE];
  }

  private place(index: number, value: number): void {
    const pageIndex = Math.floor(index / PAGE);
    const page = (pageIndex === this.lastPageIndex ? this.lastPage : undefined) ?? this.page(pageIndex, true);
    (page as Uint32Array | Float64Array)[index - pageIndex * PAGE] = value;
  }

  private page(pageIndex: number, create: boolean): Uint32Array | Float64Array | undefined {
    const direct = pageIndex >= 0 && pageIndex < DIRECT_PAGES;
    let page = direct ? this.direct[pageIndex] : this.pages.get(pageIndex);
    if (page === undefined && create) {
      page = this.wide ? new Float64Array(PAGE) : new Uint32Array(PAGE);
      if (direct) {
        while (this.direct.length < pageIndex) this.direct.push(undefined);
        this.direct[pageIndex] = page;
      } else this.pages.set(pageIndex, page);
    }
    if (page !== undefined) {
      this.lastPageIndex = pageIndex;
      this.lastPage = page;
    }
    return page;
  }
}

/** Chunks `location` walks back looking for its run's start before it uses the table. */
const SHORT_WALK = 64;
/** Chunk indices per page of the placement table (16 KiB pages of 4-byte entries). */
const PAGE = 4096;
/** Pages found by array index (2^28 chunks, 1 PiB of 4 MiB chunks); pages past them by map. */
const DIRECT_PAGES = 1 << 16;

/** A uniform double in [0, 1) from a 32-bit hash of (seed, index, salt): murmur3's finaliser. */
function unitHash(seed: number, index: number, salt: number): number {
  let h = (seed ^ salt ^ Math.imul(index | 0, 0x9e3779b1) ^ Math.floor(index / 2 ** 32)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}
