import type { PolicyDefinition } from "../registry.ts";
import { BY_PARAMETER, leastLoadedPreferFree } from "./load.ts";
import type { BalancingOptions, BalancingPolicy, BalancingPolicyEntry, LoadMeasure, TaskView, VsaView } from "./types.ts";

/** Registry definition of grouping. */
export const definition: PolicyDefinition = {
  name: "grouping",
  description: "The coordinator's plan: a VSA assigned to the task's host group (type, site, datacenter), then one of its site, then any; free streams first, least loaded within",
  parameters: { by: BY_PARAMETER },
};

/**
 * Group-aware choice: VSAs the coordinator assigned to `task.group`, else VSAs of the task's
 * site, else all; within the first non-empty set, least loaded among those with a free stream,
 * else least loaded.
 *
 * @example
 * const vsa = (id: string, groups: string[]) => ({ id, groups, site: "a", openStreams: 0, queuedTasks: 0, slots: 4, bytesQueued: 0, rate: 4e8 }) as unknown as VsaView;
 * const generalist = vsa("generalist", []);
 * const sqlVsa = vsa("sql-vsa", ["sql/a/dc1"]);
 * new GroupingBalancer().choose({ group: "sql/a/dc1", site: "a" } as TaskView, [generalist, sqlVsa]) // => sqlVsa.id
 */
export class GroupingBalancer implements BalancingPolicy {
  readonly name = "grouping";
  readonly largestFirst = false;
  constructor(readonly by: LoadMeasure = "bytes") {}

  choose(task: TaskView, candidates: readonly VsaView[]): string | undefined {
    const inGroup = candidates.filter((vsa) => vsa.groups.includes(task.group));
    const inSite = inGroup.length > 0 ? inGroup : candidates.filter((vsa) => vsa.site === task.site);
    const pool = inSite.length > 0 ? inSite : candidates;
    return leastLoadedPreferFree(pool, this.by)?.id;
  }
}

/**
 * Registry entry for grouping.
 *
 * @example
 * groupingEntry.create({}).name // => "grouping"
 */
export const groupingEntry: BalancingPolicyEntry = {
  definition,
  create: (options: BalancingOptions) => new GroupingBalancer(options.by ?? "bytes"),
};
