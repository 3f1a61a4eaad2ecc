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
 * const calls: unknown[][] = [];
 * const sink: PrefetchSink = (...call) => calls.push(call);
 * p.onStart(0, sink);
 * p.onDemandRead({ firstBlock: 7, blockCount: 1, time: 1 }, sink);
 * calls // => [[7, 2, "prestage"], [9, 1, "prestage"]]
 */
export class OrderedPrestager implements Prefetcher {
  /** Block → its first index in the order, or −1; shared by every prestager of the same order. */
  private readonly position: Int32Array | Map<number, number>;
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
    this.position = positionsOf(order);
    this.read = new Uint8Array(order.length);
  }

  onStart(_time: number, sink: PrefetchSink): void {
    this.emitUpTo(this.lead, sink);
  }

  onDemandRead(ctx: DemandReadContext, sink: PrefetchSink): void {
    const position = this.position;
    for (let block = ctx.firstBlock; block < ctx.firstBlock + ctx.blockCount; block++) {
      const i = position instanceof Int32Array ? (block >= 0 && block < position.length ? position[block] : -1) : (position.get(block) ?? -1);
      if (i >= 0 && this.read[i] === 0) {
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

/** Position indexes by order array: a thousand VMs replaying one profile share one. */
const positionCache = new WeakMap<readonly number[], Int32Array | Map<number, number>>();

/**
 * Block → first index in `order` (−1 when absent): a dense array when the blocks are small
 * non-negative integers (one read per lookup), else a Map. Cached per order array, which callers
 * never mutate. (Module-private, so it has no runnable example: `positionsOf([7, 8, 7])[8]` is 1.)
 */
function positionsOf(order: readonly number[]): Int32Array | Map<number, number> {
  const cached = positionCache.get(order);
  if (cached !== undefined) return cached;
  let max = -1;
  let dense = true;
  for (const block of order) {
    if (!Number.isInteger(block) || block < 0) dense = false;
    else if (block > max) max = block;
  }
  let position: Int32Array | Map<number, number>;
  if (dense && max < 2 ** 24 && max < 64 * order.length + 4096) {
    const array = new Int32Array(max + 1).fill(-1);
    for (let i = order.length - 1; i >= 0; i--) array[order[i]] = i;
    position = array;
  } else {
    const map = new Map<number, number>();
    order.forEach((block, i) => {
      if (!map.has(block)) map.set(block, i);
    });
    position = map;
  }
  positionCache.set(order, position);
  return position;
}
