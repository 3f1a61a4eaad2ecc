import type { PolicyDefinition } from "../registry.ts";
import { BY_PARAMETER, hasFreeStream, leastLoaded } from "./load.ts";
import type { BalancingOptions, BalancingPolicy, BalancingPolicyEntry, LoadMeasure, TaskView, VsaView } from "./types.ts";

/** Registry definition of locality first. */
export const definition: PolicyDefinition = {
  name: "locality-first",
  description: "Commvault's dispatch order: VSA on the same host, then one whose host reaches the datastore, then same site, then any; least loaded within a tier",
  parameters: { by: BY_PARAMETER },
};

/**
 * The locality tier of a VSA for a task: 0 same host, 1 host reaches the datastore, 2 same site,
 * 3 elsewhere.
 *
 * @example
 * localityTier({ host: "h1", datastore: "d1", site: "a" }, { host: "h2", reachableDatastores: new Set(["d1"]), site: "a" }) // => 1
 */
export function localityTier(task: Pick<TaskView, "host" | "datastore" | "site">, vsa: Pick<VsaView, "host" | "reachableDatastores" | "site">): number {
  if (vsa.host === task.host) return 0;
  if (vsa.reachableDatastores.has(task.datastore)) return 1;
  if (vsa.site === task.site) return 2;
  return 3;
}

/**
 * Locality first: the best tier that has a VSA with a free stream, least loaded within it; when
 * no candidate has a free stream, the least-loaded VSA of the best tier present (it queues
 * there). So a task crosses sites only when no VSA of its site has a free stream.
 *
 * @example
 * const vsa = (id: string, host: string, site: string) => ({ id, host, site, reachableDatastores: new Set<string>(), openStreams: 0, queuedTasks: 0, slots: 4, bytesQueued: 0, rate: 4e8 }) as unknown as VsaView;
 * const remoteIdle = vsa("remote", "h9", "b");
 * const localIdle = vsa("local", "h1", "a");
 * new LocalityFirstBalancer().choose({ host: "h1", site: "a", datastore: "d1" } as TaskView, [remoteIdle, localIdle]) // => localIdle.id
 */
export class LocalityFirstBalancer implements BalancingPolicy {
  readonly name = "locality-first";
  readonly largestFirst = false;
  constructor(readonly by: LoadMeasure = "bytes") {}

  choose(task: TaskView, candidates: readonly VsaView[]): string | undefined {
    const tiers: VsaView[][] = [[], [], [], []];
    for (const vsa of candidates) tiers[localityTier(task, vsa)].push(vsa);
    for (const tier of tiers) {
      const free = leastLoaded(tier.filter(hasFreeStream), this.by);
      if (free) return free.id;
    }
    const best = tiers.find((tier) => tier.length > 0);
    return best && leastLoaded(best, this.by)?.id;
  }
}

/**
 * Registry entry for locality first.
 *
 * @example
 * localityFirstEntry.create({}).name // => "locality-first"
 */
export const localityFirstEntry: BalancingPolicyEntry = {
  definition,
  create: (options: BalancingOptions) => new LocalityFirstBalancer(options.by ?? "bytes"),
};
