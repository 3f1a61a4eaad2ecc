import type { PolicyEntry } from "../registry.ts";
import type { BlockRange, Profile } from "../../workloads/profile/types.ts";
import type { IoClass } from "../io-class.ts";

/**
 * Re-exported from the profile module, where block ranges are made from traces.
 *
 * @example
 * const range: BlockRange = { firstBlock: 8, blockCount: 2 };
 */
export type { BlockRange };

/**
 * Where a policy puts the blocks it wants fetched: one call per range, so a policy allocates
 * nothing per request. The framework drops blocks already present, queued or read. `ioClass` is
 * the fetch's class for the I/O scheduler (../io-class.ts): `"prestage"` for the guest's predicted
 * reads, before `"relocation"` for the relocation's copy stream; never `"demand"` (nobody waits).
 *
 * @example
 * const wanted: number[] = [];
 * const sink: PrefetchSink = (first, count) => { for (let b = first; b < first + count; b++) wanted.push(b); };
 */
export type PrefetchSink = (firstBlock: number, blockCount: number, ioClass: Exclude<IoClass, "demand">) => void;

/**
 * One demand read by the guest, as the framework tells it to a prefetcher. `time` is simulated
 * nanoseconds, as in every hook; policies never read a clock themselves (a policy that wants a
 * logical step counts the calls).
 *
 * @example
 * const ctx: DemandReadContext = { firstBlock: 0, blockCount: 1, time: 0 };
 */
export interface DemandReadContext extends BlockRange {
  time: number;
}

/**
 * The narrow interface every prefetch policy implements (one policy per file). Policies are
 * pure state machines: all input arrives through these hooks, all output goes into the sink.
 * Only `onDemandRead` is required; the framework calls the optional hooks when present.
 *
 * @example
 * const p = prefetchPolicies.get("obl").create({ degree: 2 });
 * p.onDemandRead({ firstBlock: 10, blockCount: 1, time: 0 }, (f, n) => console.log(f, n)); // logs 11 2
 */
export interface Prefetcher {
  /** The VM's disk is mounted at `time` (ns, as every hook's time; before its first read): pre-stage from here. */
  onStart?(time: number, sink: PrefetchSink): void;
  /** The guest read `ctx`'s blocks at `ctx.time`; emit what to fetch next. */
  onDemandRead(ctx: DemandReadContext, sink: PrefetchSink): void;
  /** Prefetched blocks `[firstBlock, firstBlock + blockCount)` arrived at `time`. */
  onArrival?(firstBlock: number, blockCount: number, time: number): void;
  /** A prefetched block was evicted unread at `time`. */
  onEvict?(block: number, time: number): void;
  /**
   * The relocation has copied the first `cursor` blocks of its scheme order by `time`
   * (`cursor` counts blocks along the scheme order, not block numbers).
   */
  onRelocationProgress?(cursor: number, time: number, sink: PrefetchSink): void;
}

/**
 * What every prefetch policy factory receives: its declared parameters (numbers, units as in its
 * definition), plus the inputs some policies need, which are data rather than parameters.
 *
 * @example
 * const profile: Profile = { version: 1, blockSize: 4096, runs: 2, blocks: [0, 1, 7], runCounts: [2, 2, 1] };
 * const options: PrefetchPolicyOptions = { lead: 256, profile };
 * prefetchPolicies.create("profile", options) instanceof Object // => true
 */
export interface PrefetchPolicyOptions {
  /** `profile`: the operational profile to replay. */
  profile?: Profile;
  /** `oracle`: the true future demand reads, in order. */
  future?: Iterable<BlockRange>;
  /** `relocation-aware`: the relocation scheme's copy order. */
  relocationOrder?: Iterable<BlockRange>;
  [parameter: string]: unknown;
}

/**
 * A prefetch policy as registered: its definition and factory.
 *
 * @example
 * import { definition, Obl } from "./obl.ts";
 * const entry: PrefetchPolicyEntry = { definition, create: (options) => new Obl(options) };
 * entry.definition.name // => "obl"
 */
export type PrefetchPolicyEntry = PolicyEntry<Prefetcher, PrefetchPolicyOptions>;
