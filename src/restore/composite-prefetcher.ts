/**
 * Several prefetchers behind one: the coordinated restore pre-stages the boot profile and stays
 * ahead of the relocation copier at once. Every hook goes to every part, in order.
 */
import type { DemandReadContext, Prefetcher, PrefetchSink } from "../policies/prefetch/types.ts";

/**
 * Fans every prefetch hook out to `parts`.
 *
 * @example
 * const both = new CompositePrefetcher([profilePrefetch, relocationAware]);
 * both.onStart(0, sink); // profile's first lead, then the relocation window
 */
export class CompositePrefetcher implements Prefetcher {
  constructor(readonly parts: readonly Prefetcher[]) {}

  onStart(time: number, sink: PrefetchSink): void {
    for (const part of this.parts) part.onStart?.(time, sink);
  }

  onDemandRead(ctx: DemandReadContext, sink: PrefetchSink): void {
    for (const part of this.parts) part.onDemandRead(ctx, sink);
  }

  onArrival(firstBlock: number, blockCount: number, time: number): void {
    for (const part of this.parts) part.onArrival?.(firstBlock, blockCount, time);
  }

  onEvict(block: number, time: number): void {
    for (const part of this.parts) part.onEvict?.(block, time);
  }

  onRelocationProgress(cursor: number, time: number, sink: PrefetchSink): void {
    for (const part of this.parts) part.onRelocationProgress?.(cursor, time, sink);
  }
}
