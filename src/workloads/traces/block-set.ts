/**
 * A set of block numbers (non-negative integers) that may hold more than a JS `Set`'s 2^24
 * entries (a working set past 64 GiB of 4 KiB blocks threw "Set maximum size exceeded"): the
 * blocks are spread over 64 Sets by block number, so it holds up to 2^30.
 *
 * @example
 * const set = new BlockSet();
 * [set.add(5), set.add(69), set.add(5)]; // => [true, true, false]
 * set.size; // => 2
 */
export class BlockSet {
  private readonly shards = Array.from({ length: 64 }, () => new Set<number>());

  /** Adds `block`; returns whether it was new. */
  add(block: number): boolean {
    const shard = this.shards[block % 64];
    const before = shard.size;
    shard.add(block);
    return shard.size !== before;
  }

  /** Whether `block` is in the set. */
  has(block: number): boolean {
    return this.shards[block % 64].has(block);
  }

  get size(): number {
    return this.shards.reduce((sum, shard) => sum + shard.size, 0);
  }
}
