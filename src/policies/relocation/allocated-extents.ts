import type { PolicyDefinition } from "../registry.ts";
import { normalizeRanges } from "./ranges.ts";
import { ExtentScheme, requiredContext, schemeDefinition } from "./support.ts";
import type { BlockRange, RelocationContext, RelocationOptions, RelocationSchemeEntry } from "./types.ts";

/**
 * Definition of `allocated-extents`: only the allocated extents, in disk order.
 *
 * @example
 * definition.name // => "allocated-extents"
 */
export const definition: PolicyDefinition = schemeDefinition(
  "allocated-extents",
  "Copy only the allocated extents (never-written space reads as zeros), in disk order.",
  { allocated: { description: "the disk's allocation map, in the relocation context", required: true } },
);

/**
 * Copies only `context.allocated`, merged (overlaps and adjacent extents joined), clipped to
 * the disk and sorted into disk order. Throws an InputError when the context has no allocation
 * map.
 *
 * @example
 * [...new AllocatedExtents().order({ blockCount: 16, allocated: [{ firstBlock: 9, blockCount: 2 }, { firstBlock: 1, blockCount: 3 }] })]
 * // => [{ firstBlock: 1, blockCount: 3 }, { firstBlock: 9, blockCount: 2 }]
 */
export class AllocatedExtents extends ExtentScheme {
  constructor(options: RelocationOptions = {}) {
    super(options, definition);
  }

  protected ranges(context: RelocationContext): Iterable<BlockRange> {
    const allocated = requiredContext(context.allocated, definition.name, "an allocation map (context.allocated)");
    return normalizeRanges(allocated, context.blockCount);
  }
}

/**
 * Registry entry of `allocated-extents`.
 *
 * @example
 * allocatedExtentsEntry.create({ extentBlocks: 8 }) instanceof AllocatedExtents // => true
 */
export const allocatedExtentsEntry: RelocationSchemeEntry = { definition, create: (options) => new AllocatedExtents(options) };
