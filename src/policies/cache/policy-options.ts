import type { CachePolicyOptions } from "./types.ts";

/**
 * Reads the optional numeric parameter `name` of a policy's options: undefined when absent (the
 * policy applies its default), the number when it is one; throws a RangeError naming the policy
 * and parameter otherwise.
 *
 * @example
 * numberOption({ capacity: 8, kin: 0.3 }, "2q", "kin"); // => 0.3
 * numberOption({ capacity: 8 }, "2q", "kin");           // => undefined
 */
export function numberOption(options: CachePolicyOptions, policy: string, name: string): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new RangeError(`${policy}.${name} requires a number, got ${JSON.stringify(value)}`);
  }
  return value;
}
