import type { PolicyEntry } from "../registry.ts";
import type { BlockRange, Profile } from "../../workloads/profile/types.ts";

/**
 * Re-exported from the profile module: `[firstBlock, firstBlock + blockCount)`.
 *
 * @example
 * const range: BlockRange = { firstBlock: 8, blockCount: 2 }; // blocks 8 and 9
 */
export type { BlockRange, Profile };

/**
 * What a relocation scheme may look at to order the copy: the disk's size in blocks, the
 * allocation map (extents ever written; others read as zeros and need no copy), and the VM's
 * operational profile. Blocks are in the profile's / copier's block size.
 *
 * @example
 * const context: RelocationContext = { blockCount: 16, allocated: [{ firstBlock: 0, blockCount: 4 }] };
 */
export interface RelocationContext {
  /** Size of the disk in blocks. */
  blockCount: number;
  /** Allocated extents, in any order (may overlap). */
  allocated?: readonly BlockRange[];
  /** The VM's operational profile (blocks in first-access order). */
  profile?: Profile;
}

/**
 * The narrow interface every relocation scheme implements: the order in which the copier moves
 * the disk's blocks to primary storage. Orders are lazy: a scheme yields ranges, never a
 * per-block array, so a 16.7 M-block disk costs nothing up front.
 *
 * @example
 * const scheme = relocationSchemes.get("sequential").create({ extentBlocks: 4 });
 * [...scheme.order({ blockCount: 6 })] // => [{ firstBlock: 0, blockCount: 4 }, { firstBlock: 4, blockCount: 2 }]
 */
export interface RelocationScheme {
  /** The copy order: ranges in the order the copier should move them (may overlap blocks the copier has already copied; it skips those). */
  order(context: RelocationContext): Iterable<BlockRange>;
  /** True when blocks the guest reads are copied to primary as they pass (copy-on-read). */
  readonly copyOnRead: boolean;
}

/**
 * What every relocation scheme factory receives: its declared parameters.
 *
 * @example
 * const options: RelocationOptions = { extentBlocks: 256 };
 */
export interface RelocationOptions {
  /** Largest range the order yields, in blocks; 0 = unlimited (one range per run). */
  extentBlocks?: number;
  [parameter: string]: unknown;
}

/**
 * A relocation scheme as registered: its definition and factory.
 *
 * @example
 * import { definition, Sequential } from "./sequential.ts";
 * const entry: RelocationSchemeEntry = { definition, create: (options) => new Sequential(options) };
 * [...entry.create({ extentBlocks: 0 }).order({ blockCount: 3 })] // => [{ firstBlock: 0, blockCount: 3 }]
 */
export type RelocationSchemeEntry = PolicyEntry<RelocationScheme, RelocationOptions>;
