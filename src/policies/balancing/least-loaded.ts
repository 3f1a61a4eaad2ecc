import type { PolicyDefinition } from "../registry.ts";
import { BY_PARAMETER, leastLoaded } from "./load.ts";
import type { BalancingOptions, BalancingPolicy, BalancingPolicyEntry, LoadMeasure, TaskView, VsaView } from "./types.ts";

/** Registry definition of least loaded. */
export const definition: PolicyDefinition = {
  name: "least-loaded",
  description: "The candidate with the least load: open+queued streams per slot, or seconds of bytes queued",
  parameters: { by: BY_PARAMETER },
};

/**
 * Least loaded (first candidate on ties).
 *
 * @example
 * const vsa = (id: string, openStreams: number) => ({ id, openStreams, queuedTasks: 0, slots: 4 }) as VsaView;
 * const task = { id: 1 } as TaskView;
 * new LeastLoadedBalancer("streams").choose(task, [vsa("busy", 3), vsa("idle", 0)]) // => "idle"
 */
export class LeastLoadedBalancer implements BalancingPolicy {
  readonly name = "least-loaded";
  readonly largestFirst = false;
  constructor(readonly by: LoadMeasure = "bytes") {}

  choose(_task: TaskView, candidates: readonly VsaView[]): string | undefined {
    return leastLoaded(candidates, this.by)?.id;
  }
}

/**
 * Registry entry for least loaded.
 *
 * @example
 * leastLoadedEntry.create({ by: "streams" }).name // => "least-loaded"
 */
export const leastLoadedEntry: BalancingPolicyEntry = {
  definition,
  create: (options: BalancingOptions) => new LeastLoadedBalancer(options.by ?? "bytes"),
};
