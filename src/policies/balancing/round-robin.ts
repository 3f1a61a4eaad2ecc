import type { PolicyDefinition } from "../registry.ts";
import type { BalancingPolicy, BalancingPolicyEntry, TaskView, VsaView } from "./types.ts";

/** Registry definition of round robin. */
export const definition: PolicyDefinition = {
  name: "round-robin",
  description: "Each task to the next candidate in turn, ignoring load and locality",
  parameters: {},
};

/**
 * Round robin over the candidates (the n-th call picks candidate n mod count).
 *
 * @example
 * const rr = new RoundRobinBalancer();
 * const [a, b] = [{ id: "a" } as VsaView, { id: "b" } as VsaView];
 * [1, 2, 3].map(() => rr.choose({ id: 1 } as TaskView, [a, b])); // => ["a", "b", "a"]
 */
export class RoundRobinBalancer implements BalancingPolicy {
  readonly name = "round-robin";
  readonly largestFirst = false;
  private next = 0;

  choose(_task: TaskView, candidates: readonly VsaView[]): string | undefined {
    if (candidates.length === 0) return undefined;
    return candidates[this.next++ % candidates.length].id;
  }
}

/**
 * Registry entry for round robin.
 *
 * @example
 * roundRobinEntry.create({}).name // => "round-robin"
 */
export const roundRobinEntry: BalancingPolicyEntry = { definition, create: () => new RoundRobinBalancer() };
