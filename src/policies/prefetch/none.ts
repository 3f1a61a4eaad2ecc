import type { PolicyDefinition } from "../registry.ts";
import type { DemandReadContext, PrefetchPolicyEntry, Prefetcher, PrefetchSink } from "./types.ts";

/**
 * `none`: prefetches nothing; every block is fetched on demand. The baseline.
 *
 * @example
 * const calls: unknown[][] = [];
 * const sink: PrefetchSink = (...call) => calls.push(call);
 * new NoPrefetch().onDemandRead({ firstBlock: 0, blockCount: 1, time: 0 }, sink);
 * calls // => [] // sink never called
 */
export class NoPrefetch implements Prefetcher {
  onDemandRead(_ctx: DemandReadContext, _sink: PrefetchSink): void {}
}

/**
 * Definition of `none`: no parameters.
 *
 * @example
 * definition.name // => "none"
 */
export const definition: PolicyDefinition = {
  name: "none",
  description: "No prefetching: every block is fetched when the guest reads it.",
  parameters: {},
};

/**
 * Registry entry of `none`.
 *
 * @example
 * noneEntry.create({}) instanceof NoPrefetch // => true
 */
export const noneEntry: PrefetchPolicyEntry = { definition, create: () => new NoPrefetch() };
