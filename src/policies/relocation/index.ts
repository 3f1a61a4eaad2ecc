import { PolicyRegistry } from "../registry.ts";
import { allocatedExtentsEntry } from "./allocated-extents.ts";
import { copyOnReadEntry } from "./copy-on-read.ts";
import { hotFirstEntry } from "./hot-first.ts";
import { sequentialEntry } from "./sequential.ts";
import type { RelocationOptions, RelocationScheme } from "./types.ts";

/**
 * Every relocation scheme, by name. Adding one is one file plus one line here.
 *
 * @example
 * relocationSchemes.names(); // => ["sequential", "allocated-extents", "hot-first", "copy-on-read"]
 * [...relocationSchemes.get("sequential").create({}).order({ blockCount: 4 })] // => [{ firstBlock: 0, blockCount: 4 }]
 */
export const relocationSchemes = new PolicyRegistry<RelocationScheme, RelocationOptions>("relocation", [
  sequentialEntry,
  allocatedExtentsEntry,
  hotFirstEntry,
  copyOnReadEntry,
]);

/**
 * Range helpers: coalesce block sequences, split into extents, merge, complement.
 *
 * @example
 * [...coalesce([1, 2, 3])] // => [{ firstBlock: 1, blockCount: 3 }]
 */
export { coalesce, complement, normalizeRanges, splitExtents } from "./ranges.ts";

/**
 * The relocation interface types (RelocationScheme, RelocationContext, BlockRange, ...).
 *
 * @example
 * import type { RelocationScheme } from "./index.ts";
 */
export type * from "./types.ts";
