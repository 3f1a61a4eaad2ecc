import { InputError } from "../../util/errors.ts";
import type { PolicyDefinition } from "../registry.ts";
import { coalesce, complement, normalizeRanges, splitExtents } from "./ranges.ts";
import { extentBlocksOption, extentBlocksParameter } from "./support.ts";
import type { BlockRange, RelocationContext, RelocationOptions, RelocationScheme, RelocationSchemeEntry } from "./types.ts";

/**
 * Definition of `hot-first`: the profile's blocks in profile order, then the rest sequentially.
 *
 * @example
 * definition.name // => "hot-first"
 */
export const definition: PolicyDefinition = {
  name: "hot-first",
  description: "Copy the operational profile's blocks first, in profile order, then every other block in disk order.",
  parameters: { extentBlocks: extentBlocksParameter },
};

/**
 * Hot blocks first: the profile's blocks (first-access order) coalesced where consecutive in
 * that order, then the complement in disk order. Each block of the disk appears exactly once;
 * profile blocks outside the disk or repeated are skipped. Memory is proportional to the
 * profile, not the disk. Throws an InputError when the context has no profile.
 *
 * @example
 * const profile: Profile = { version: 1, blockSize: 4096, runs: 1, blocks: [5, 6, 2], runCounts: [1, 1, 1] };
 * [...new HotFirst().order({ blockCount: 8, profile })]
 * // => [{ firstBlock: 5, blockCount: 2 }, { firstBlock: 2, blockCount: 1 },
 * //     { firstBlock: 0, blockCount: 2 }, { firstBlock: 3, blockCount: 2 }, { firstBlock: 7, blockCount: 1 }]
 */
export class HotFirst implements RelocationScheme {
  readonly copyOnRead = false;
  /** Largest range yielded, in blocks (0 = unlimited). */
  readonly extentBlocks: number;

  constructor(options: RelocationOptions = {}) {
    this.extentBlocks = extentBlocksOption(options, definition);
  }

  order(context: RelocationContext): Iterable<BlockRange> {
    const profile = context.profile;
    if (!profile) throw new InputError("relocation", "hot-first", "an operational profile (context.profile)");
    return this.ranges(profile.blocks, context.blockCount);
  }

  private *ranges(blocks: readonly number[], blockCount: number): Generator<BlockRange> {
    const hot = [...coalesce(firstOccurrences(blocks, blockCount))];
    yield* splitExtents(hot, this.extentBlocks);
    yield* splitExtents(complement(normalizeRanges(hot, blockCount), blockCount), this.extentBlocks);
  }
}

/** Each block of `blocks` inside `[0, blockCount)`, at its first occurrence only. */
function* firstOccurrences(blocks: readonly number[], blockCount: number): Generator<number> {
  const seen = new Set<number>();
  for (const block of blocks) {
    if (!Number.isInteger(block) || block < 0 || block >= blockCount || seen.has(block)) continue;
    seen.add(block);
    yield block;
  }
}

/**
 * Registry entry of `hot-first`.
 *
 * @example
 * hotFirstEntry.create({}) instanceof HotFirst // => true
 */
export const hotFirstEntry: RelocationSchemeEntry = { definition, create: (options) => new HotFirst(options) };
