import type { BlockRange } from "./types.ts";

/**
 * Coalesces a sequence of block numbers into ranges, lazily: each run of consecutive numbers
 * (`b, b + 1, b + 2, ...` in sequence order) becomes one range. Order is kept; nothing is sorted
 * or deduplicated.
 *
 * @example
 * [...coalesce([4, 5, 6, 9, 3])]
 * // => [{ firstBlock: 4, blockCount: 3 }, { firstBlock: 9, blockCount: 1 }, { firstBlock: 3, blockCount: 1 }]
 */
export function* coalesce(blocks: Iterable<number>): Generator<BlockRange> {
  let first = -1;
  let count = 0;
  for (const block of blocks) {
    if (count > 0 && block === first + count) {
      count++;
      continue;
    }
    if (count > 0) yield { firstBlock: first, blockCount: count };
    first = block;
    count = 1;
  }
  if (count > 0) yield { firstBlock: first, blockCount: count };
}

/**
 * Splits each range into pieces of at most `extentBlocks` blocks, lazily, in order;
 * `extentBlocks` 0 or Infinity passes ranges through unchanged. Empty ranges are dropped.
 *
 * @example
 * [...splitExtents([{ firstBlock: 0, blockCount: 5 }], 2)]
 * // => [{ firstBlock: 0, blockCount: 2 }, { firstBlock: 2, blockCount: 2 }, { firstBlock: 4, blockCount: 1 }]
 */
export function* splitExtents(ranges: Iterable<BlockRange>, extentBlocks: number): Generator<BlockRange> {
  const limit = extentBlocks > 0 ? extentBlocks : Infinity;
  for (const { firstBlock, blockCount } of ranges) {
    for (let offset = 0; offset < blockCount; offset += limit) {
      yield { firstBlock: firstBlock + offset, blockCount: Math.min(limit, blockCount - offset) };
    }
  }
}

/**
 * Sorts ranges by first block and merges overlapping or adjacent ones, clipped to
 * `[0, blockCount)`: the disjoint union in disk order. Materialises the ranges (not the blocks).
 *
 * @example
 * normalizeRanges([{ firstBlock: 6, blockCount: 4 }, { firstBlock: 0, blockCount: 2 }, { firstBlock: 1, blockCount: 2 }], 8)
 * // => [{ firstBlock: 0, blockCount: 3 }, { firstBlock: 6, blockCount: 2 }]
 */
export function normalizeRanges(ranges: Iterable<BlockRange>, blockCount: number): BlockRange[] {
  const sorted = [...ranges]
    .map((r) => ({ first: Math.max(0, r.firstBlock), end: Math.min(blockCount, r.firstBlock + r.blockCount) }))
    .filter((r) => r.end > r.first)
    .sort((a, b) => a.first - b.first);
  const merged: BlockRange[] = [];
  let last: BlockRange | undefined;
  for (const { first, end } of sorted) {
    if (last && first <= last.firstBlock + last.blockCount) {
      last.blockCount = Math.max(last.blockCount, end - last.firstBlock);
    } else {
      last = { firstBlock: first, blockCount: end - first };
      merged.push(last);
    }
  }
  return merged;
}

/**
 * The blocks of `[0, blockCount)` outside `taken`, as ranges in disk order, lazily. `taken`
 * must be disjoint and sorted (as {@link normalizeRanges} returns).
 *
 * @example
 * [...complement([{ firstBlock: 2, blockCount: 3 }], 8)]
 * // => [{ firstBlock: 0, blockCount: 2 }, { firstBlock: 5, blockCount: 3 }]
 */
export function* complement(taken: readonly BlockRange[], blockCount: number): Generator<BlockRange> {
  let cursor = 0;
  for (const { firstBlock, blockCount: count } of taken) {
    if (firstBlock > cursor) yield { firstBlock: cursor, blockCount: firstBlock - cursor };
    cursor = Math.max(cursor, firstBlock + count);
  }
  if (cursor < blockCount) yield { firstBlock: cursor, blockCount: blockCount - cursor };
}
