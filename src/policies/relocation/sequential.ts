import type { PolicyDefinition } from "../registry.ts";
import { splitExtents } from "./ranges.ts";
import { extentBlocksOption, extentBlocksParameter } from "./support.ts";
import type { BlockRange, RelocationContext, RelocationOptions, RelocationScheme, RelocationSchemeEntry } from "./types.ts";

/**
 * Definition of `sequential`: block 0 to the end, in extents of `extentBlocks` (0 = one range).
 *
 * @example
 * definition.parameters.extentBlocks.default // => 0
 */
export const definition: PolicyDefinition = {
  name: "sequential",
  description: "Copy the whole disk from block 0 to the end, in disk order.",
  parameters: { extentBlocks: extentBlocksParameter },
};

/**
 * Copies the whole disk in disk order. The order is lazy: `blockCount / extentBlocks` ranges are
 * generated as the copier asks for them.
 *
 * @example
 * [...new Sequential({ extentBlocks: 4 }).order({ blockCount: 10 })]
 * // => [{ firstBlock: 0, blockCount: 4 }, { firstBlock: 4, blockCount: 4 }, { firstBlock: 8, blockCount: 2 }]
 */
export class Sequential implements RelocationScheme {
  readonly copyOnRead: boolean = false;
  /** Largest range yielded, in blocks (0 = unlimited). */
  readonly extentBlocks: number;

  constructor(options: RelocationOptions = {}, scheme: PolicyDefinition = definition) {
    this.extentBlocks = extentBlocksOption(options, scheme);
  }

  order(context: RelocationContext): Iterable<BlockRange> {
    return splitExtents([{ firstBlock: 0, blockCount: context.blockCount }], this.extentBlocks);
  }
}

/**
 * Registry entry of `sequential`.
 *
 * @example
 * sequentialEntry.create({}).copyOnRead // => false
 */
export const sequentialEntry: RelocationSchemeEntry = { definition, create: (options) => new Sequential(options) };
