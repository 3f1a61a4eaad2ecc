import type { TraceRequest } from "../traces/types.ts";
import { distinctBlocks, traceBlockReads } from "./blocks.ts";
import { PROFILE_VERSION, type Profile } from "./types.ts";

/**
 * Options of {@link learnProfile}.
 *
 * @example
 * const options: LearnProfileOptions = { blockSize: 4096, cutAtUs: [36524944, 35724121] };
 */
export interface LearnProfileOptions {
  /** Block size in bytes. */
  blockSize: number;
  /** Service-ready moment (µs): one for every trace, or one per trace (undefined = no cut). */
  cutAtUs?: number | readonly (number | undefined)[];
}

/**
 * Learns an operational profile from earlier boots: the blocks each trace reads (issued
 * before `cutAtUs`, the service-ready moment, when given), ordered by mean first-access rank over the
 * runs that read them (rank 0 = the run's first block; ties go to the lower block number), each
 * with how many runs read it. `cutAtUs` is one moment for all traces or one per trace.
 *
 * @example
 * const r = (offset: number) => ({ timeUs: 0, op: "R" as const, offset, length: 4096 });
 * learnProfile([[r(0), r(8192)], [r(8192), r(4096)]], { blockSize: 4096 })
 * // => { version: 1, blockSize: 4096, runs: 2, blocks: [0, 2, 1], runCounts: [1, 2, 1] }
 */
export function learnProfile(traces: Iterable<TraceRequest>[], options: LearnProfileOptions): Profile {
  const { blockSize, cutAtUs } = options;
  return learnProfileFromReads(
    traces.map((trace, i) => {
      const cut = typeof cutAtUs === "number" ? cutAtUs : cutAtUs?.[i];
      return distinctBlocks(traceBlockReads(trace, { blockSize, cutAtUs: cut }));
    }),
    blockSize,
  );
}

/**
 * {@link learnProfile} from each run's distinct blocks in first-access order.
 *
 * @example
 * // 5: mean rank 0; 6: mean rank (1 + 0) / 2 = 0.5
 * learnProfileFromReads([[5, 6], [6]], 4096).blocks // => [5, 6] // runCounts [1, 2]
 */
export function learnProfileFromReads(runs: readonly (readonly number[])[], blockSize: number): Profile {
  const rankSum = new Map<number, number>();
  const count = new Map<number, number>();
  for (const run of runs) {
    run.forEach((block, rank) => {
      rankSum.set(block, (rankSum.get(block) ?? 0) + rank);
      count.set(block, (count.get(block) ?? 0) + 1);
    });
  }
  const entries = [...count].map(([block, n]) => ({ block, n, mean: rankSum.get(block)! / n }));
  entries.sort((a, b) => a.mean - b.mean || a.block - b.block);
  return {
    version: PROFILE_VERSION,
    blockSize,
    runs: runs.length,
    blocks: entries.map((e) => e.block),
    runCounts: entries.map((e) => e.n),
  };
}
