/**
 * Parameter checks shared by the cache policies: every bad value is an InputError naming the
 * policy and parameter (a scenario's `cache.size` or `cache.options` can carry one), and each
 * policy's defaults and bounds live once, in its definition.
 */
import { resolveParameters, type PolicyDefinition } from "../../util/definitions.ts";
import { InputError } from "../../util/errors.ts";

/** What the framework passes every cache policy besides its parameters: capacity and a sizing hint. */
export const CACHE_FAMILY_KEYS: readonly string[] = ["capacity", "initialSlots"];

/**
 * `capacity` when positive; otherwise an InputError naming `<policy>.capacity`.
 *
 * @example
 * positiveCapacity("arc", 8) // => 8
 * positiveCapacity("arc", 0) // throws "cache: arc.capacity: a positive capacity, got 0"
 */
export function positiveCapacity(policy: string, capacity: number): number {
  if (!(capacity > 0)) throw new InputError("cache", `${policy}.capacity`, `a positive capacity, got ${capacity}`);
  return capacity;
}

/**
 * A cache policy's parameters from `given` (a partial set, as a constructor receives them),
 * defaulted and checked against `definition`; an InputError names `<policy>.<key>` otherwise.
 *
 * @example
 * import { twoqDefinition, type TwoQParameters } from "./algorithms/twoq.ts";
 * cacheParameters<TwoQParameters>(twoqDefinition, { kin: 0.3 }) // => { kin: 0.3, kout: 0.5 }
 */
export function cacheParameters<T extends object>(definition: PolicyDefinition, given: Partial<T>): T {
  return resolveParameters<Record<string, unknown>>("cache", definition, given as Record<string, unknown>, CACHE_FAMILY_KEYS) as T;
}
