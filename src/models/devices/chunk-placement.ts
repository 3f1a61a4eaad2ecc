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
 * const placement = new ChunkPlacement({ storedChunkBytes: 4 << 20, capacityBytes: 1 << 40, fragmentation: 0, seed: 1 });
 * placement.location(8) - placement.location(7) // => 4194304 (contiguous)
 */
export class ChunkPlacement {
  private readonly slots: number;
  private readonly known = new Map<number, number>();

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
  }

  /**
   * True when chunk `index` starts a new run (is not stored right after chunk `index − 1`).
   *
   * @example
   * placement.startsRun(0) // => true (chunk 0 always starts a run)
   */
  startsRun(index: number): boolean {
    return index === 0 || unitHash(this.options.seed, index, 0x68e31da4) < this.options.fragmentation;
  }

  /**
   * Byte offset of chunk `index` on the underlying device.
   *
   * @example
   * placement.location(0) % (4 << 20) // => 0 (chunk-aligned)
   */
  location(index: number): number {
    const cached = this.known.get(index);
    if (cached !== undefined) return cached;
    // Walk back to the start of the run (or to a chunk already placed), then fill forward.
    let start = index;
    while (!this.known.has(start - 1) && !this.startsRun(start)) start--;
    const stored = this.options.storedChunkBytes;
    for (let i = start; i <= index; i++) {
      const previous = this.known.get(i - 1);
      const slot = previous === undefined || this.startsRun(i) ? Math.floor(unitHash(this.options.seed, i, 0x1b873593) * this.slots) : (previous / stored + 1) % this.slots;
      this.known.set(i, slot * stored);
    }
    return this.known.get(index) as number;
  }
}

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
