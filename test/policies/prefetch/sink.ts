import type { PrefetchPriority, PrefetchSink } from "../../../src/policies/prefetch/types.ts";

/** A sink that records every call as `[firstBlock, blockCount, priority]`, for exact assertions. */
export function recordingSink(): { calls: [number, number, PrefetchPriority][]; sink: PrefetchSink; take(): [number, number, PrefetchPriority][] } {
  const calls: [number, number, PrefetchPriority][] = [];
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
