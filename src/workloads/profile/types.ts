/**
 * A run of consecutive blocks: `[firstBlock, firstBlock + blockCount)`, in units of a block size
 * chosen by the caller (the cache's chunk, e.g. 4 KiB), numbered from the start of the disk.
 *
 * @example
 * const range: BlockRange = { firstBlock: 8, blockCount: 2 }; // blocks 8 and 9
 */
export interface BlockRange {
  firstBlock: number;
  blockCount: number;
}

/**
 * Version of the profile file format this code writes and reads.
 *
 * @example
 * PROFILE_VERSION // => 1
 */
export const PROFILE_VERSION = 1;

/**
 * A VM's operational profile: the blocks its earlier boots read, in the order to pre-stage them.
 * `blocks` and `runCounts` are parallel arrays.
 *
 * @example
 * const profile: Profile = { version: 1, blockSize: 4096, runs: 2, blocks: [0, 1, 7], runCounts: [2, 2, 1] };
 */
export interface Profile {
  version: typeof PROFILE_VERSION;
  /** Block size in bytes. */
  blockSize: number;
  /** How many boots (traces) the profile was learned from. */
  runs: number;
  /**
   * Every block read by at least one run, ordered by mean first-access rank over the runs that
   * read it (ties: lower block first).
   */
  blocks: number[];
  /** `runCounts[i]`: how many of the runs read `blocks[i]` (1..runs). */
  runCounts: number[];
}

/**
 * How to turn a byte-level trace into block reads.
 *
 * @example
 * const options: BlockReadOptions = { blockSize: 4096, cutAtUs: 31187961 };
 */
export interface BlockReadOptions {
  /** Block size in bytes (a positive integer). */
  blockSize: number;
  /** Keep only requests issued strictly before this time (µs), e.g. the service-ready moment. */
  cutAtUs?: number;
}
