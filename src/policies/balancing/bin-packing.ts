import type { PolicyDefinition } from "../registry.ts";
import type { BalancingContext, BalancingPolicy, BalancingPolicyEntry, TaskView, VsaView } from "./types.ts";

/** Registry definition of bin packing. */
export const definition: PolicyDefinition = {
  name: "bin-packing",
  description: "Largest predicted task first, to the VSA that would finish it earliest (LPT list scheduling)",
  parameters: {},
};

/**
 * When a VSA would finish `task` if queued now: max(now, readyAt) + (bytes queued + predicted
 * bytes) / rate, in ns.
 *
 * @example
 * predictedFinish({ predictedBytes: 4e8 }, { readyAt: 0, bytesQueued: 4e8, rate: 4e8 }, 0) // => 2000000000
 */
export function predictedFinish(task: Pick<TaskView, "predictedBytes">, vsa: Pick<VsaView, "readyAt" | "bytesQueued" | "rate">, now: number): number {
  return Math.max(now, vsa.readyAt) + ((vsa.bytesQueued + task.predictedBytes) / vsa.rate) * 1e9;
}

/**
 * Bin packing by predicted size: the coordinator offers tasks largest first, and each goes to
 * the candidate with the earliest predicted finish (first on ties). Graham's LPT rule.
 *
 * @example
 * const slow = { id: "slow", readyAt: 0, bytesQueued: 8e9, rate: 4e8 } as VsaView;
 * const fast = { id: "fast", readyAt: 0, bytesQueued: 1e9, rate: 4e8 } as VsaView;
 * new BinPackingBalancer().choose({ predictedBytes: 1e9 } as TaskView, [slow, fast], { now: 0, rng }) // => "fast"
 */
export class BinPackingBalancer implements BalancingPolicy {
  readonly name = "bin-packing";
  readonly largestFirst = true;

  choose(task: TaskView, candidates: readonly VsaView[], context: BalancingContext): string | undefined {
    let best: VsaView | undefined;
    let bestFinish = Infinity;
    for (const vsa of candidates) {
      const finish = predictedFinish(task, vsa, context.now);
      if (finish < bestFinish) {
        best = vsa;
        bestFinish = finish;
      }
    }
    return best?.id;
  }
}

/**
 * Registry entry for bin packing.
 *
 * @example
 * binPackingEntry.create({}).largestFirst // => true
 */
export const binPackingEntry: BalancingPolicyEntry = { definition, create: () => new BinPackingBalancer() };
