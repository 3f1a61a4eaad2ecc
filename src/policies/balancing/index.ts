/** The balancing policy family: one file per policy, one line each here. */
import { PolicyRegistry } from "../registry.ts";
import { binPackingEntry } from "./bin-packing.ts";
import { groupingEntry } from "./grouping.ts";
import { leastLoadedEntry } from "./least-loaded.ts";
import { localityFirstEntry } from "./locality-first.ts";
import { powerOfTwoEntry } from "./power-of-two.ts";
import { roundRobinEntry } from "./round-robin.ts";
import type { BalancingOptions, BalancingPolicy } from "./types.ts";

export type { BalancingContext, BalancingOptions, BalancingPolicy, LoadMeasure, TaskView, VsaView } from "./types.ts";

/**
 * Every balancing policy, by name.
 *
 * @example
 * balancingPolicies.names() // => ["round-robin", "least-loaded", "locality-first", "power-of-two", "bin-packing", "grouping"]
 */
export const balancingPolicies = new PolicyRegistry<BalancingPolicy, BalancingOptions>("balancing", [
  roundRobinEntry,
  leastLoadedEntry,
  localityFirstEntry,
  powerOfTwoEntry,
  binPackingEntry,
  groupingEntry,
]);

/**
 * Creates the balancing policy registered as `name`; throws an InputError listing the names.
 *
 * @example
 * createBalancingPolicy("least-loaded", { by: "streams" }).name // => "least-loaded"
 */
export function createBalancingPolicy(name: string, options: BalancingOptions = {}): BalancingPolicy {
  return balancingPolicies.get(name).create(options);
}
