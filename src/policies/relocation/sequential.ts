import type { PolicyDefinition } from "../registry.ts";
import { ExtentScheme, schemeDefinition } from "./support.ts";
import type { BlockRange, RelocationContext, RelocationOptions, RelocationSchemeEntry } from "./types.ts";

/**
 * Definition of `sequential`: block 0 to the end, in extents of `extentBlocks` (0 = one range).
 *
 * @example
 * definition.parameters.extentBlocks.default // => 0
 */
export const definition: PolicyDefinition = schemeDefinition("sequential", "Copy the whole disk from block 0 to the end, in disk order.");

/**
 * Copies the whole disk in disk order. The order is lazy: `blockCount / extentBlocks` ranges are
 * generated as the copier asks for them.
 *
 * @example
 * [...new Sequential({ extentBlocks: 4 }).order({ blockCount: 10 })]
 * // => [{ firstBlock: 0, blockCount: 4 }, { firstBlock: 4, blockCount: 4 }, { firstBlock: 8, blockCount: 2 }]
 */
export class Sequential extends ExtentScheme {
  constructor(options: RelocationOptions = {}, scheme: PolicyDefinition = definition) {
    super(options, scheme);
  }

  protected ranges(context: RelocationContext): Iterable<BlockRange> {
    return [{ firstBlock: 0, blockCount: context.blockCount }];
  }
}

/**
 * Registry entry of `sequential`.
 *
 * @example
 * sequentialEntry.create({}).copyOnRead // => false
 */
export const sequentialEntry: RelocationSchemeEntry = { definition, create: (options) => new Sequential(options) };
