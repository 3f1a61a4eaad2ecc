import { InputError } from "../../util/errors.ts";
import { numberParameter, type PolicyDefinition } from "../registry.ts";
import { splitExtents } from "./ranges.ts";
import type { BlockRange, RelocationContext, RelocationOptions, RelocationScheme } from "./types.ts";

/**
 * The definition of a relocation scheme named `name`: every scheme declares one parameter,
 * `extentBlocks`, the largest range its order yields (integer blocks, default 0 = unlimited), and
 * the inputs its order reads from the relocation context.
 *
 * @example
 * schemeDefinition("sequential", "Copy in disk order.").parameters.extentBlocks.default // => 0
 */
export function schemeDefinition(name: string, description: string, inputs?: PolicyDefinition["inputs"]): PolicyDefinition {
  return {
    name,
    description,
    ...(inputs ? { inputs } : {}),
    parameters: {
      extentBlocks: {
        type: "integer",
        description: "Largest range the copy order yields, in blocks (0 = unlimited: one range per run of blocks).",
        default: 0,
        minimum: 0,
      },
    },
  };
}

/**
 * Base of the schemes here: validates `extentBlocks` (an InputError naming the scheme when it is
 * not a non-negative integer) and cuts the subclass's `ranges` into extents of at most that many
 * blocks, lazily.
 *
 * @example
 * const definition = schemeDefinition("everything", "Copy the whole disk as extents.");
 * class Everything extends ExtentScheme {
 *   protected ranges(context: RelocationContext) { return [{ firstBlock: 0, blockCount: context.blockCount }]; }
 * }
 * [...new Everything({ extentBlocks: 2 }, definition).order({ blockCount: 3 })]
 * // => [{ firstBlock: 0, blockCount: 2 }, { firstBlock: 2, blockCount: 1 }]
 */
export abstract class ExtentScheme implements RelocationScheme {
  readonly copyOnRead: boolean = false;
  /** Largest range yielded, in blocks (0 = unlimited). */
  readonly extentBlocks: number;

  constructor(options: RelocationOptions, definition: PolicyDefinition) {
    this.extentBlocks = numberParameter("relocation", options, definition, "extentBlocks");
  }

  order(context: RelocationContext): Iterable<BlockRange> {
    return splitExtents(this.ranges(context), this.extentBlocks);
  }

  /** The copy order before cutting into extents; may throw an InputError for missing context. */
  protected abstract ranges(context: RelocationContext): Iterable<BlockRange>;
}

/**
 * A context input a scheme cannot order without (the allocation map, the profile); throws an
 * InputError naming the scheme and what is missing.
 *
 * @example
 * requiredContext(undefined, "hot-first", "an operational profile (context.profile)") // throws "relocation: hot-first: an operational profile (context.profile)"
 */
export function requiredContext<T>(value: T | undefined, scheme: string, what: string): T {
  if (value === undefined) throw new InputError("relocation", scheme, what);
  return value;
}
