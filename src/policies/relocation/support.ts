import { numberParameter } from "../scheduling/parameters.ts";
import type { ParameterDefinition, PolicyDefinition } from "../registry.ts";
import type { RelocationOptions } from "./types.ts";

/**
 * The `extentBlocks` parameter every relocation scheme declares: the largest range its order
 * yields (0 = unlimited).
 *
 * @example
 * extentBlocksParameter.default // => 0
 */
export const extentBlocksParameter: ParameterDefinition = {
  type: "integer",
  description: "Largest range the copy order yields, in blocks (0 = unlimited: one range per run of blocks).",
  default: 0,
  minimum: 0,
};

/**
 * The validated `extentBlocks` option of a relocation scheme; throws an InputError naming the
 * scheme when it is not a non-negative integer.
 *
 * @example
 * extentBlocksOption({ extentBlocks: 256 }, sequentialDefinition) // => 256
 */
export function extentBlocksOption(options: RelocationOptions, definition: PolicyDefinition): number {
  return numberParameter("relocation", options, definition, "extentBlocks");
}
