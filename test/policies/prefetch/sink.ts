import type { IoClass } from "../../../src/policies/io-class.ts";
import type { PrefetchSink } from "../../../src/policies/prefetch/types.ts";

/** The I/O classes a prefetcher emits. */
type FetchClass = Exclude<IoClass, "demand">;

/** A sink that records every call as `[firstBlock, blockCount, priority]`, for exact assertions. */
export function recordingSink(): { calls: [number, number, FetchClass][]; sink: PrefetchSink; take(): [number, number, FetchClass][] } {
  const calls: [number, number, FetchClass][] = [];
  return {
    calls,
    sink: (firstBlock, blockCount, priority) => {
      calls.push([firstBlock, blockCount, priority]);
    },
    /** The calls so far, clearing the record. */
    take: () => calls.splice(0, calls.length),
  };
}

/** Single-block reads of `blocks`, in order. */
export function blockReads(blocks: readonly number[]): { firstBlock: number; blockCount: number }[] {
  return blocks.map((firstBlock) => ({ firstBlock, blockCount: 1 }));
}
