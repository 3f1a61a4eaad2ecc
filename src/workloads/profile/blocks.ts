import { BlockSet } from "../traces/block-set.ts";
import type { TraceRequest } from "../traces/types.ts";
import type { BlockRange, BlockReadOptions } from "./types.ts";

/**
 * The reads of a trace as block ranges, in issue order: each read request `[offset, offset +
 * length)` becomes the blocks it touches, `floor(offset / blockSize)` to `ceil((offset + length)
 * / blockSize)`. Writes, flushes and empty reads are skipped; with `cutAtUs`, so is every request
 * issued at or after that time.
 *
 * @example
 * traceBlockReads([{ timeUs: 0, op: "R", offset: 4096, length: 8192 }], { blockSize: 4096 })
 * // => [{ firstBlock: 1, blockCount: 2 }]
 */
export function traceBlockReads(trace: Iterable<TraceRequest>, options: BlockReadOptions): BlockRange[] {
  const { blockSize } = options;
  const cut = options.cutAtUs ?? Infinity;
  const reads: BlockRange[] = [];
  for (const request of trace) {
    if (request.timeUs >= cut) break; // traces are sorted by issue time
    if (request.op !== "R" || request.length <= 0) continue;
    const firstBlock = Math.floor(request.offset / blockSize);
    const endBlock = Math.ceil((request.offset + request.length) / blockSize);
    reads.push({ firstBlock, blockCount: endBlock - firstBlock });
  }
  return reads;
}

/**
 * The distinct blocks of `reads`, in order of first access.
 *
 * @example
 * distinctBlocks([{ firstBlock: 3, blockCount: 2 }, { firstBlock: 0, blockCount: 4 }]) // => [3, 4, 0, 1, 2]
 */
export function distinctBlocks(reads: Iterable<BlockRange>): number[] {
  const seen = new BlockSet();
  const order: number[] = [];
  for (const { firstBlock, blockCount } of reads) {
    for (let block = firstBlock; block < firstBlock + blockCount; block++) if (seen.add(block)) order.push(block);
  }
  return order;
}
