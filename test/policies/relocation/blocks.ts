import type { BlockRange } from "../../../src/policies/relocation/types.ts";

/** Every block of `ranges`, in order (for small test disks only). */
export function blocksOf(ranges: Iterable<BlockRange>): number[] {
  const blocks: number[] = [];
  for (const { firstBlock, blockCount } of ranges) for (let b = firstBlock; b < firstBlock + blockCount; b++) blocks.push(b);
  return blocks;
}
