import type { PolicyDefinition } from "../registry.ts";
import { BY_PARAMETER, loadOf } from "./load.ts";
import type { BalancingContext, BalancingOptions, BalancingPolicy, BalancingPolicyEntry, LoadMeasure, TaskView, VsaView } from "./types.ts";

/** Registry definition of power-of-two choices. */
export const definition: PolicyDefinition = {
  name: "power-of-two",
  description: "Two distinct candidates drawn at random; the less loaded one (Mitzenmacher's power of two choices)",
  parameters: { by: BY_PARAMETER },
};

/**
 * Power of two choices: draws i uniformly, then j uniformly among the others, keeps the less
 * loaded (i on ties). Two draws from `context.rng` per call (none for a single candidate).
 *
 * @example
 * const vsa = (id: string, bytesQueued: number) => ({ id, bytesQueued, rate: 4e8 }) as VsaView;
 * const [a, b, c] = [vsa("a", 3e9), vsa("b", 1e9), vsa("c", 2e9)];
 * const task = { id: 1 } as TaskView;
 * new PowerOfTwoBalancer("bytes").choose(task, [a, b, c], { now: 0, rng }) // => "b" // the less loaded of two random picks
 */
export class PowerOfTwoBalancer implements BalancingPolicy {
  readonly name = "power-of-two";
  readonly largestFirst = false;
  constructor(readonly by: LoadMeasure = "bytes") {}

  choose(_task: TaskView, candidates: readonly VsaView[], context: BalancingContext): string | undefined {
    const n = candidates.length;
    if (n <= 1) return candidates[0]?.id;
    const i = Math.floor(context.rng.double() * n);
    let j = Math.floor(context.rng.double() * (n - 1));
    if (j >= i) j++;
    const [a, b] = [candidates[i], candidates[j]];
    return loadOf(b, this.by) < loadOf(a, this.by) ? b.id : a.id;
  }
}

/**
 * Registry entry for power-of-two choices.
 *
 * @example
 * powerOfTwoEntry.create({}).name // => "power-of-two"
 */
export const powerOfTwoEntry: BalancingPolicyEntry = {
  definition,
  create: (options: BalancingOptions) => new PowerOfTwoBalancer(options.by ?? "bytes"),
};
