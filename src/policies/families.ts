/**
 * The five policy families by name, and `registerPolicy`, the one way a library user adds a
 * policy without editing rtolab.
 */
import { balancingPolicies } from "./balancing/index.ts";
import { cachePolicies } from "./cache/index.ts";
import { prefetchPolicies } from "./prefetch/index.ts";
import type { PolicyEntry, PolicyRegistry } from "./registry.ts";
import { relocationSchemes } from "./relocation/index.ts";
import { schedulingPolicies } from "./scheduling/index.ts";

/**
 * Every policy registry, by family name.
 *
 * @example
 * Object.keys(policyFamilies) // => ["cache", "prefetch", "scheduling", "relocation", "balancing"]
 */
export const policyFamilies = {
  cache: cachePolicies,
  prefetch: prefetchPolicies,
  scheduling: schedulingPolicies,
  relocation: relocationSchemes,
  balancing: balancingPolicies,
} as const;

/** A policy family's name. */
export type PolicyFamily = keyof typeof policyFamilies;

/** The registry entry type of family `F`: its policy interface and the options its factory receives. */
export type PolicyEntryOf<F extends PolicyFamily> = (typeof policyFamilies)[F] extends PolicyRegistry<infer T, infer Options> ? PolicyEntry<T, Options> : never;

/**
 * Adds a policy to `family`, so scenarios can name it (`policy: <name>`, its `options`
 * validated against its definition) and `rtolab schema` lists it. Call it before loading a
 * scenario: the scenario schema is generated once, at the first load; a later call throws.
 *
 * @example
 * registerPolicy("prefetch", {
 *   definition: { name: "next-two", description: "fetch the 2 blocks after each read", parameters: {} },
 *   create: () => ({ onDemandRead: (read, sink) => sink(read.firstBlock + read.blockCount, 2, "prestage") }),
 * });
 * policyFamilies.prefetch.has("next-two") // => true
 */
export function registerPolicy<F extends PolicyFamily>(family: F, entry: PolicyEntryOf<F>): void {
  (policyFamilies[family] as unknown as PolicyRegistry<unknown, unknown>).register(entry as PolicyEntry<unknown, unknown>);
}
