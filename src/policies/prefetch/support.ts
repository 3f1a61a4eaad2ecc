import { InputError } from "../../util/errors.ts";
import { numberParameter as policyNumberParameter, type PolicyDefinition } from "../registry.ts";
import type { IoClass } from "../io-class.ts";
import type { PrefetchPolicyOptions, PrefetchSink } from "./types.ts";

/**
 * The numeric parameter `key` of a prefetch policy (see the registry's `numberParameter`).
 *
 * @example
 * import { definition as oblDefinition } from "./obl.ts";
 * numberParameter({ degree: 2 }, oblDefinition, "degree") // => 2
 * numberParameter({}, oblDefinition, "degree")            // => 1 // the default
 */
export function numberParameter(options: PrefetchPolicyOptions, definition: PolicyDefinition, key: string): number {
  return policyNumberParameter("prefetch", options, definition, key);
}

/**
 * An input a policy cannot run without (a profile, the future reads); throws an
 * {@link InputError} saying what is missing.
 *
 * @example
 * requiredInput(undefined, "oracle", "future", "the trace's future reads") // throws `prefetch: oracle.future: the trace's future reads (option "future")`
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
export function emitRuns(blocks: readonly number[], from: number, to: number, sink: PrefetchSink, priority: Exclude<IoClass, "demand">): void {
  let i = from;
  while (i < to) {
    const first = blocks[i];
    let count = 1;
    while (i + count < to && blocks[i + count] === first + count) count++;
    sink(first, count, priority);
    i += count;
  }
}
