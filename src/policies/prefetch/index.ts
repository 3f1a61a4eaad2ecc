import { PolicyRegistry } from "../registry.ts";
import { markovEntry } from "./markov.ts";
import { noneEntry } from "./none.ts";
import { oblEntry } from "./obl.ts";
import { oracleEntry } from "./oracle.ts";
import { profileEntry } from "./profile.ts";
import { readaheadEntry } from "./readahead.ts";
import { relocationAwareEntry } from "./relocation-aware.ts";
import type { PrefetchPolicyOptions, Prefetcher } from "./types.ts";

/** The inputs the restore pipeline offers every prefetch policy (each takes what its definition's `inputs` name). */
const PREFETCH_INPUTS: readonly string[] = ["profile", "future", "relocationOrder"];

/**
 * Every prefetch policy, by name. Adding one is one file plus one line here.
 *
 * @example
 * prefetchPolicies.names() // => ["none", "obl", "readahead", "profile", "markov", "relocation-aware", "oracle"]
 * prefetchPolicies.get("obl").create({ degree: 2 })
 */
export const prefetchPolicies = new PolicyRegistry<Prefetcher, PrefetchPolicyOptions>("prefetch", [
  noneEntry,
  oblEntry,
  readaheadEntry,
  profileEntry,
  markovEntry,
  relocationAwareEntry,
  oracleEntry,
], PREFETCH_INPUTS);

/**
 * The prefetch interface types (Prefetcher, PrefetchSink, DemandReadContext, ...).
 *
 * @example
 * import type { Prefetcher } from "./index.ts";
 */
export type * from "./types.ts";
