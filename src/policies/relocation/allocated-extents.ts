import { InputError } from "../../util/errors.ts";
import type { PolicyDefinition } from "../registry.ts";
import { normalizeRanges, splitExtents } from "./ranges.ts";
import { extentBlocksOption, extentBlocksParameter } from "./support.ts";
import type { BlockRange, RelocationContext, RelocationOptions, RelocationScheme, RelocationSchemeEntry } from "./types.ts";

/**
 * Definition of `allocated-extents`: only the allocated extents, in disk order.
 *
 * @example
 * definition.name // => "allocated-extents"
 */
export const definition: PolicyDefinition = {
  name: "allocated-extents",
  description: "Copy only the allocated extents (never-written space reads as zeros), in disk order.",
  parameters: { extentBlocks: extentBlocksParameter },
};

/**
 * Copies only `context.allocated`, merged (overlaps and adjacent extents joined), clipped to
 * the disk and sorted into disk order. Throws an InputError when the context has no allocation
 * map.
 *
 * @example
 * [...new AllocatedExtents().order({ blockCount: 16, allocated: [{ firstBlock: 9, blockCount: 2 }, { firstBlock: 1, blockCount: 3 }] })]
 * // => [{ firstBlock: 1, blockCount: 3 }, { firstBlock: 9, blockCount: 2 }]
 */
export class AllocatedExtents implements RelocationScheme {
  readonly copyOnRead = false;
  /** Largest range yielded, in blocks (0 = unlimited). */
  readonly extentBlocks: number;

  constructor(options: RelocationOptions = {}) {
    this.extentBlocks = extentBlocksOption(options, definition);
  }

  order(context: RelocationContext): Iterable<BlockRange> {
    if (!context.allocated) throw new InputError("relocation", "allocated-extents", "an allocation map (context.allocated)");
    return splitExtents(normalizeRanges(context.allocated, context.blockCount), this.extentBlocks);
  }
}

/**
 * Registry entry of `allocated-extents`.
 *
 * @example
 * allocatedExtentsEntry.create({ extentBlocks: 8 }) instanceof AllocatedExtents // => true
 */
export const allocatedExtentsEntry: RelocationSchemeEntry = { definition, create: (options) => new AllocatedExtents(options) };
