import type { TraceRequest } from "../traces/types.ts";
import { distinctBlocks, traceBlockReads } from "./blocks.ts";
import type { Profile } from "./types.ts";

/**
 * How well a profile predicts one boot, as sets of blocks.
 *
 * @example
 * const result: ProfileAccuracyCoverage = { profileBlocks: 4, bootBlocks: 5, commonBlocks: 3, accuracy: 0.75, coverage: 0.6 };
 */
export interface ProfileAccuracyCoverage {
  /** Blocks in the profile (after the `minRuns` filter). */
  profileBlocks: number;
  /** Distinct blocks the boot read. */
  bootBlocks: number;
  /** Blocks in both. */
  commonBlocks: number;
  /** commonBlocks / profileBlocks: share of pre-staged blocks the boot read (0 for an empty profile). */
  accuracy: number;
  /** commonBlocks / bootBlocks: share of the boot's blocks the profile held (0 for an empty boot). */
  coverage: number;
}

/**
 * Accuracy and coverage of `profile` against another boot's `trace` (cut at `cutAtUs`, µs,
 * when given), counting only profile blocks read by at least `minRuns` of its runs. Timing is
 * ignored: this is what pre-staging the whole profile before boot would give.
 *
 * @example
 * const r = (offset: number) => ({ timeUs: 0, op: "R" as const, offset, length: 4096 });
 * profileAccuracyCoverage({ version: 1, blockSize: 4096, runs: 1, blocks: [0, 1], runCounts: [1, 1] }, [r(0), r(8192)])
 * // => { profileBlocks: 2, bootBlocks: 2, commonBlocks: 1, accuracy: 0.5, coverage: 0.5 }
 */
export function profileAccuracyCoverage(
  profile: Profile,
  trace: Iterable<TraceRequest>,
  options: { cutAtUs?: number; minRuns?: number } = {},
): ProfileAccuracyCoverage {
  const minRuns = options.minRuns ?? 1;
  const predicted = new Set(profile.blocks.filter((_, i) => profile.runCounts[i] >= minRuns));
  const boot = distinctBlocks(traceBlockReads(trace, { blockSize: profile.blockSize, cutAtUs: options.cutAtUs }));
  const commonBlocks = boot.reduce((n, block) => (predicted.has(block) ? n + 1 : n), 0);
  return {
    profileBlocks: predicted.size,
    bootBlocks: boot.length,
    commonBlocks,
    accuracy: predicted.size === 0 ? 0 : commonBlocks / predicted.size,
    coverage: boot.length === 0 ? 0 : commonBlocks / boot.length,
  };
}
