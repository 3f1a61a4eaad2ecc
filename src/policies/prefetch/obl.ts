import type { PolicyDefinition } from "../registry.ts";
import { numberParameter } from "./support.ts";
import type { DemandReadContext, PrefetchPolicyEntry, PrefetchPolicyOptions, Prefetcher, PrefetchSink } from "./types.ts";

/**
 * Definition of `obl` (one-block lookahead, as libCacheSim's `prefetch/OBL.c`): after each demand
 * read of `[f, f + n)` fetch the next `degree` blocks `[f + n, f + n + degree)`.
 *
 * @example
 * definition.parameters.degree.default // => 1
 */
export const definition: PolicyDefinition = {
  name: "obl",
  description: "One-block lookahead: after each read, fetch the block(s) right after it.",
  parameters: {
    degree: { type: "integer", description: "Blocks fetched after the end of each read.", default: 1, minimum: 1 },
  },
};

/**
 * One-block lookahead. Stateless apart from `degree`: the framework drops blocks already
 * present, so a sequential stream costs one fetch per new block.
 *
 * @example
 * const calls: unknown[][] = [];
 * const sink: PrefetchSink = (...call) => calls.push(call);
 * new Obl({ degree: 2 }).onDemandRead({ firstBlock: 10, blockCount: 3, time: 0 }, sink);
 * calls // => [[13, 2, "prestage"]]
 */
export class Obl implements Prefetcher {
  private readonly degree: number;

  constructor(options: PrefetchPolicyOptions = {}) {
    this.degree = numberParameter(options, definition, "degree");
  }

  onDemandRead(ctx: DemandReadContext, sink: PrefetchSink): void {
    sink(ctx.firstBlock + ctx.blockCount, this.degree, "prestage");
  }
}

/**
 * Registry entry of `obl`.
 *
 * @example
 * oblEntry.create({ degree: 4 }) instanceof Obl // => true
 */
export const oblEntry: PrefetchPolicyEntry = { definition, create: (options) => new Obl(options) };
