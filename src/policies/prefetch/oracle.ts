import type { PolicyDefinition } from "../registry.ts";
import { distinctBlocks } from "../../workloads/profile/blocks.ts";
import { OrderedPrestager } from "./ordered.ts";
import { numberParameter, requiredInput } from "./support.ts";
import type { PrefetchPolicyEntry, PrefetchPolicyOptions } from "./types.ts";

/**
 * Definition of `oracle`: the upper bound, pre-staging the true future reads.
 *
 * @example
 * definition.parameters.lead.default // => 1024
 */
export const definition: PolicyDefinition = {
  name: "oracle",
  description:
    "Upper bound: knows the guest's future reads (from the trace) and pre-stages their blocks in first-access order from mount, at most `lead` blocks ahead of the guest.",
  parameters: {
    lead: {
      type: "integer",
      description: "Future blocks the oracle may run ahead of the guest (cover the largest read to cover everything).",
      default: 1024,
      minimum: 0,
    },
  },
  inputs: { future: { description: "the guest's future reads, from its boot trace", required: true } },
};

/**
 * The oracle prefetcher (options `future`, `lead`): every block it fetches is read, in the order
 * read, so with `lead` at least the largest read and enough cache its coverage is 1.
 *
 * @example
 * const p = new OraclePrefetch({ future: [{ firstBlock: 3, blockCount: 2 }, { firstBlock: 0, blockCount: 1 }], lead: 2 });
 * const calls: unknown[][] = [];
 * const sink: PrefetchSink = (...call) => calls.push(call);
 * p.onStart(0, sink);
 * calls // => [[3, 2, "prestage"]]
 */
export class OraclePrefetch extends OrderedPrestager {
  constructor(options: PrefetchPolicyOptions) {
    const future = requiredInput(options.future, "oracle", "future", "the guest's future reads as block ranges");
    super(distinctBlocks(future), numberParameter(options, definition, "lead"));
  }
}

/**
 * Registry entry of `oracle`.
 *
 * @example
 * const reads = [{ firstBlock: 3, blockCount: 2 }];
 * oracleEntry.create({ future: reads }) instanceof OraclePrefetch // => true
 */
export const oracleEntry: PrefetchPolicyEntry = { definition, create: (options) => new OraclePrefetch(options) };
