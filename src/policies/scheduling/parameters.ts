import { InputError } from "../../util/errors.ts";
import type { PolicyDefinition } from "../registry.ts";

/**
 * The numeric parameter `key` of a policy of `family`: `options[key]`, or the definition's
 * default when absent. Throws an {@link InputError} naming the family, policy and parameter when
 * the value is not a number within the definition's bounds (or not an integer for integer
 * parameters; Infinity counts as an integer).
 *
 * @example
 * numberParameter("scheduling", { maxWaitNs: 5 }, strictPriorityDefinition, "maxWaitNs") // => 5
 * numberParameter("scheduling", {}, strictPriorityDefinition, "maxWaitNs")               // => 100000000
 */
export function numberParameter(family: string, options: { readonly [key: string]: unknown }, definition: PolicyDefinition, key: string): number {
  const parameter = definition.parameters[key];
  if (!parameter) throw new Error(`${family} policy ${definition.name} declares no parameter "${key}"`);
  const value = options[key] ?? parameter.default;
  const integer = parameter.type === "integer";
  if (
    typeof value === "number" &&
    !Number.isNaN(value) &&
    (!integer || Number.isInteger(value) || value === Infinity) &&
    (parameter.minimum === undefined || value >= parameter.minimum) &&
    (parameter.maximum === undefined || value <= parameter.maximum)
  ) {
    return value;
  }
  const lower = parameter.minimum === undefined ? "" : ` >= ${parameter.minimum}`;
  const upper = parameter.maximum === undefined ? "" : ` <= ${parameter.maximum}`;
  throw new InputError(family, `${definition.name}.${key}`, `${integer ? "an integer" : "a number"}${lower}${upper}, got ${String(value)}`);
}
