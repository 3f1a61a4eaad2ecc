/** The balancing policy family: one file per policy, one line each here. */
import type { z } from "zod";
import { parameterField } from "../../util/definition-schema.ts";
import { PolicyRegistry } from "../registry.ts";
import { BY_PARAMETER } from "./load.ts";
import { binPackingEntry } from "./bin-packing.ts";
import { groupingEntry } from "./grouping.ts";
import { leastLoadedEntry } from "./least-loaded.ts";
import { localityFirstEntry } from "./locality-first.ts";
import { powerOfTwoEntry } from "./power-of-two.ts";
import { roundRobinEntry } from "./round-robin.ts";
import type { BalancingOptions, BalancingPolicy, LoadMeasure } from "./types.ts";

export type { BalancingContext, BalancingOptions, BalancingPolicy, LoadMeasure, TaskView, VsaView } from "./types.ts";

/** The key of the load measure every load-aware balancing policy declares ({@link BY_PARAMETER}). */
export const BY_PARAMETER_KEY = "by";

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
], [BY_PARAMETER_KEY]);

/**
 * Creates the balancing policy registered as `name`; throws an InputError listing the names.
 *
 * @example
 * createBalancingPolicy("least-loaded", { by: "streams" }).name // => "least-loaded"
 */
export function createBalancingPolicy(name: string, options: BalancingOptions = {}): BalancingPolicy {
  return balancingPolicies.create(name, options);
}

/**
 * The scenario field of the load measure, generated from the family's shared `by` parameter
 * (values and default declared once, in ./load.ts).
 *
 * @example
 * balancingMeasureField().parse(undefined) // => "bytes"
 */
export function balancingMeasureField(): z.ZodDefault<z.ZodType<LoadMeasure, unknown>> {
  const definition = { name: "balancing", description: "the balancing family's shared parameters", parameters: { [BY_PARAMETER_KEY]: BY_PARAMETER } };
  const field = parameterField(definition, BY_PARAMETER_KEY) as z.ZodType<LoadMeasure, unknown>;
  return field.default(BY_PARAMETER.default as LoadMeasure).meta({ description: `${BY_PARAMETER.description} of the load-aware policies (default ${String(BY_PARAMETER.default)})` });
}
