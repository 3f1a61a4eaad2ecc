import type { PolicyDefinition } from "../registry.ts";
import { numberParameter } from "./support.ts";
import type { BlockRange, DemandReadContext, PrefetchPolicyEntry, PrefetchPolicyOptions, Prefetcher, PrefetchSink } from "./types.ts";

/**
 * Definition of `markov`: first-order successor prediction learned online.
 *
 * @example
 * definition.parameters.maxEntries.default // => 65536
 */
export const definition: PolicyDefinition = {
  name: "markov",
  description:
    "First-order Markov prediction learned online: after a read of extent E, fetch the extent(s) that most often followed E so far.",
  parameters: {
    maxEntries: {
      type: "integer",
      description: "Extents the table remembers; beyond it the least recently updated extent is forgotten.",
      default: 65536,
      minimum: 1,
    },
    maxSuccessors: {
      type: "integer",
      description: "Successors remembered per extent; a new one replaces the least frequent (the newest among equals).",
      default: 4,
      minimum: 1,
    },
    predictions: {
      type: "integer",
      description: "Most frequent successors fetched after each read.",
      default: 1,
      minimum: 1,
    },
  },
};

/** A successor of an extent: the extent that followed it, and how often. */
interface Successor {
  firstBlock: number;
  blockCount: number;
  count: number;
}

/**
 * Online first-order Markov prefetcher. An extent is a demand read, keyed by its first block.
 * On each read R after a read P, the table entry of P counts R as a successor (its block count
 * updated to R's); then the `predictions` most frequent successors of R are fetched.
 * Bounds: at most `maxEntries` extents, forgetting the least recently updated one (a Map in
 * update order); at most `maxSuccessors` per extent, kept sorted by count (ties: the older
 * first), a new successor replacing the last when full.
 *
 * @example
 * const m = new Markov();
 * const calls: unknown[][] = [];
 * const sink: PrefetchSink = (...call) => calls.push(call);
 * for (const b of [1, 5, 1]) m.onDemandRead({ firstBlock: b, blockCount: 1, time: 0 }, sink);
 * calls // => [[5, 1, "prestage"]] // the third read (of 1) fetches its learned successor
 */
export class Markov implements Prefetcher {
  private readonly maxEntries: number;
  private readonly maxSuccessors: number;
  private readonly predictions: number;
  private readonly table = new Map<number, Successor[]>();
  private previous: number | undefined;

  constructor(options: PrefetchPolicyOptions = {}) {
    this.maxEntries = numberParameter(options, definition, "maxEntries");
    this.maxSuccessors = numberParameter(options, definition, "maxSuccessors");
    this.predictions = numberParameter(options, definition, "predictions");
  }

  /** Extents currently in the table. */
  get size(): number {
    return this.table.size;
  }

  /**
   * Warm start: learns the transitions of an earlier read stream (e.g. a previous boot) without
   * fetching anything. The stream's last read does not carry over to the next `onDemandRead`.
   */
  train(reads: Iterable<BlockRange>): void {
    let previous: number | undefined;
    for (const read of reads) {
      if (previous !== undefined) this.learn(previous, read);
      previous = read.firstBlock;
    }
  }

  onDemandRead(ctx: DemandReadContext, sink: PrefetchSink): void {
    if (this.previous !== undefined) this.learn(this.previous, ctx);
    this.previous = ctx.firstBlock;
    const successors = this.table.get(ctx.firstBlock);
    if (!successors) return;
    const n = Math.min(this.predictions, successors.length);
    for (let i = 0; i < n; i++) sink(successors[i].firstBlock, successors[i].blockCount, "prestage");
  }

  private learn(from: number, to: BlockRange): void {
    let successors = this.table.get(from);
    if (successors) {
      this.table.delete(from); // re-inserted below: the Map's order is update order
    } else {
      successors = [];
      if (this.table.size >= this.maxEntries) this.table.delete(this.table.keys().next().value!);
    }
    this.table.set(from, successors);
    let i = successors.findIndex((s) => s.firstBlock === to.firstBlock);
    if (i >= 0) {
      successors[i].count++;
      successors[i].blockCount = to.blockCount;
    } else {
      const fresh = { firstBlock: to.firstBlock, blockCount: to.blockCount, count: 1 };
      if (successors.length < this.maxSuccessors) successors.push(fresh);
      else successors[successors.length - 1] = fresh;
      i = successors.length - 1;
    }
    // Keep descending count order; strict comparison leaves equals in age order.
    while (i > 0 && successors[i - 1].count < successors[i].count) {
      [successors[i - 1], successors[i]] = [successors[i], successors[i - 1]];
      i--;
    }
  }
}

/**
 * Registry entry of `markov`.
 *
 * @example
 * markovEntry.create({ maxEntries: 1024 }) instanceof Markov // => true
 */
export const markovEntry: PrefetchPolicyEntry = { definition, create: (options) => new Markov(options) };
