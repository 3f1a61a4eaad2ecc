import { InputError } from "../../util/errors.ts";
import type { PolicyDefinition } from "../registry.ts";
import type { PrefetchPolicyOptions, PrefetchPriority, PrefetchSink } from "./types.ts";

/**
 * The numeric parameter `key` of a policy: `options[key]`, or the definition's default when
 * absent. Throws an {@link InputError} naming the policy and parameter when the value is not a
 * number within the definition's bounds (or not an integer for integer parameters).
 *
 * @example
 * numberParameter({ degree: 2 }, oblDefinition, "degree") // => 2
 * numberParameter({}, oblDefinition, "degree")            // => 1 (the default)
 */
export function numberParameter(options: PrefetchPolicyOptions, definition: PolicyDefinition, key: string): number {
  const parameter = definition.parameters[key];
  if (!parameter) throw new Error(`prefetch policy ${definition.name} declares no parameter "${key}"`);
  const value = options[key] ?? parameter.default;
  const integer = parameter.type === "integer";
  const ok =
    typeof value === "number" &&
    !Number.isNaN(value) &&
    (!integer || Number.isInteger(value) || value === Infinity) &&
    (parameter.minimum === undefined || value >= parameter.minimum) &&
    (parameter.maximum === undefined || value <= parameter.maximum);
  if (!ok) {
    const bounds = [
      parameter.minimum === undefined ? "" : ` >= ${parameter.minimum}`,
      parameter.maximum === undefined ? "" : ` <= ${parameter.maximum}`,
    ].join("");
    throw new InputError("prefetch", `${definition.name}.${key}`, `${integer ? "an integer" : "a number"}${bounds}, got ${String(value)}`);
  }
  return value as number;
}

/**
 * An input a policy cannot run without (a profile, the future reads); throws an
 * {@link InputError} saying what is missing.
 *
 * @example
 * requiredInput(undefined, "oracle", "future", "the trace's future reads") // throws InputError
 */
export function requiredInput<T>(value: T | undefined, policy: string, key: string, what: string): T {
  if (value === undefined) throw new InputError("prefetch", `${policy}.${key}`, `${what} (option "${key}")`);
  return value;
}

/**
 * Emits `blocks[from..to)` into `sink`, coalescing runs of consecutive block numbers into one
 * range each, so a sequential stretch costs one sink call.
 *
 * @example
 * emitRuns([4, 5, 6, 9], 0, 4, (f, n) => console.log(f, n), "prestage"); // logs 4 3, then 9 1
 */
export function emitRuns(blocks: readonly number[], from: number, to: number, sink: PrefetchSink, priority: PrefetchPriority): void {
  let i = from;
  while (i < to) {
    const first = blocks[i];
    let count = 1;
    while (i + count < to && blocks[i + count] === first + count) count++;
    sink(first, count, priority);
    i += count;
  }
}
