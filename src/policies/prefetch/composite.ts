/**
 * Several prefetchers behind one: the coordinated restore pre-stages the boot profile and stays
 * ahead of the relocation copier at once. Every hook goes to every part, in order. A combinator,
 * not a policy: it has no definition and no registry line.
 */
import type { DemandReadContext, Prefetcher, PrefetchSink } from "./types.ts";

/**
 * Fans every prefetch hook out to `parts`.
 *
 * @example
 * import { prefetchPolicies } from "./index.ts";
 * const both = new CompositePrefetcher([prefetchPolicies.create("obl", { degree: 1 }), prefetchPolicies.create("obl", { degree: 2 })]);
 * const calls: unknown[][] = [];
 * both.onDemandRead({ firstBlock: 10, blockCount: 1, time: 0 }, (...call) => calls.push(call));
 * calls // => [[11, 1, "prestage"], [11, 2, "prestage"]] // each part's ranges, in the parts' order
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

/**
 * One prefetcher doing what `parts` do, in order: null for none (the mount then skips every
 * hook), the part itself for one (no fan-out per read), a {@link CompositePrefetcher} otherwise.
 *
 * @example
 * import { prefetchPolicies } from "./index.ts";
 * const obl = prefetchPolicies.create("obl", { degree: 2 });
 * const readahead = prefetchPolicies.create("readahead", {});
 * combinePrefetchers([]) // => null
 * combinePrefetchers([obl]) === obl // => true
 * combinePrefetchers([obl, readahead]) instanceof CompositePrefetcher // => true
 */
export function combinePrefetchers(parts: readonly Prefetcher[]): Prefetcher | null {
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : new CompositePrefetcher(parts);
}
