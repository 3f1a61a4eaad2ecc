import type { PolicyDefinition } from "../registry.ts";
import { coalesce, complement, normalizeRanges } from "./ranges.ts";
import { ExtentScheme, requiredContext, schemeDefinition } from "./support.ts";
import type { BlockRange, Profile, RelocationContext, RelocationOptions, RelocationSchemeEntry } from "./types.ts";

/**
 * Definition of `hot-first`: the profile's blocks in profile order, then the rest sequentially.
 *
 * @example
 * definition.name // => "hot-first"
 */
export const definition: PolicyDefinition = schemeDefinition(
  "hot-first",
  "Copy the operational profile's blocks first, in profile order, then every other block in disk order.",
  { profile: { description: "the VM's operational profile (model.vms.profile), in the relocation context", required: true } },
);

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
export class HotFirst extends ExtentScheme {
  constructor(options: RelocationOptions = {}) {
    super(options, definition);
  }

  protected ranges(context: RelocationContext): Iterable<BlockRange> {
    return hotThenRest(requiredContext(context.profile, definition.name, "an operational profile (context.profile)"), context.blockCount);
  }
}

/** The profile's runs, then the complement in disk order (computed when iteration starts). */
function* hotThenRest(profile: Profile, blockCount: number): Generator<BlockRange> {
  const hot = [...coalesce(firstOccurrences(profile.blocks, blockCount))];
  yield* hot;
  yield* complement(normalizeRanges(hot, blockCount), blockCount);
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
