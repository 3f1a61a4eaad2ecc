import { emitRuns } from "./support.ts";
import type { DemandReadContext, Prefetcher, PrefetchSink } from "./types.ts";

/**
 * Pre-stages a fixed block order from mount, staying at most `lead` blocks of that order ahead of
 * the guest. The guest's position is how many distinct blocks of the order it has read so far
 * (robust to the guest reading them slightly out of order); blocks are emitted once each, in
 * order, runs of consecutive numbers coalesced. The engine behind `profile` and `oracle`.
 *
 * @example
 * const p = new OrderedPrestager([7, 8, 9, 2], 2);
 * p.onStart(0, sink);                                               // sink(7, 2, "prestage")
 * p.onDemandRead({ firstBlock: 7, blockCount: 1, time: 1 }, sink); // sink(9, 1, "prestage")
 */
export class OrderedPrestager implements Prefetcher {
  private readonly position = new Map<number, number>();
  private readonly read: Uint8Array;
  /** Distinct blocks of the order the guest has read. */
  private guest = 0;
  /** Index in the order of the next block to emit. */
  private next = 0;

  constructor(
    private readonly order: readonly number[],
    /** Blocks of the order the policy may run ahead of the guest. */
    private readonly lead: number,
  ) {
    order.forEach((block, i) => {
      if (!this.position.has(block)) this.position.set(block, i);
    });
    this.read = new Uint8Array(order.length);
  }

  onStart(_time: number, sink: PrefetchSink): void {
    this.emitUpTo(this.lead, sink);
  }

  onDemandRead(ctx: DemandReadContext, sink: PrefetchSink): void {
    for (let block = ctx.firstBlock; block < ctx.firstBlock + ctx.blockCount; block++) {
      const i = this.position.get(block);
      if (i !== undefined && this.read[i] === 0) {
        this.read[i] = 1;
        this.guest++;
      }
    }
    this.emitUpTo(this.guest + this.lead, sink);
  }

  private emitUpTo(limit: number, sink: PrefetchSink): void {
    const to = Math.min(limit, this.order.length);
    if (this.next >= to) return;
    emitRuns(this.order, this.next, to, sink, "prestage");
    this.next = to;
  }
}
