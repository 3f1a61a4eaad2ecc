/**
 * `kind: restore`: instant recovery of backed-up VMs as the simulation plays it (issue 5): live
 * mount, pre-staging, demand priority, relocation and switch-over, with the block-version
 * invariants checked on every run. Strategies are presets of its fields (scenario `variants:`).
 * A replication runs partition by partition (./restore/partitions.ts): VMs that share no media
 * agent or host run on kernels of their own, so run workers can take them in parallel.
 */
import { createHash } from "node:crypto";
import { watchProgress } from "../../kernel/simulation.ts";
import type { ModelKind, ReplicationContext, ReplicationResult, PartitionedReplication } from "../../contracts/model-kind.ts";
import { buildRestoreWorld, type RestoreWorld } from "./restore/build.ts";
import { restoreNeeds } from "./restore/estimate.ts";
import { checkRequestsAccounted, mergeRestoreParts, restoreMetrics, restorePart, restoreTables, type RestorePart } from "./restore/results.ts";
import { restoreSchema, type RestoreSpec } from "./restore/schema.ts";
import { restorePartitions, type RestorePartition } from "./restore/partitions.ts";

// By spec object: a replication's partitions are run one after another on the same spec.
const partitionsBySpec = new WeakMap<RestoreSpec, RestorePartition[]>();

function partitionsOf(spec: RestoreSpec): RestorePartition[] {
  let partitions = partitionsBySpec.get(spec);
  if (partitions === undefined) {
    partitions = restorePartitions({ vms: spec.vms.count, agents: spec.mediaAgents.count, hosts: spec.hosts.count });
    partitionsBySpec.set(spec, partitions);
  }
  return partitions;
}

/**
 * Runs partition `partition` of a replication: builds its world, runs its kernel dry, checks
 * that every request was accounted for. Throws an InvariantError when a restore breaks an invariant (with
 * the block and time).
 *
 * @example
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: one VM, no relocation
 * const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" };
 * runRestorePartition(spec, context, 0).vms[0].ttsNs // => 47163580485 // the first VM's TTS, ns
 */
export function runRestorePartition(spec: RestoreSpec, context: ReplicationContext, partition: number): RestorePart {
  const world = buildRestoreWorld(spec, context, partitionsOf(spec)[partition]);
  watchProgress(world.sim, { onProgress: context.onProgress }, () => restoreProgress(world));
  world.sim.run();
  checkRequestsAccounted(world);
  return restorePart(world);
}

/**
 * How far a restore world has come, in [0, 1): its VMs' `RestoreVm.progress()` (boot requests
 * completed up to service ready and, when they relocate, the share of the disk copied), averaged
 * over VMs. For a progress line only: it reads the world and changes nothing.
 *
 * @example
 * import { buildRestoreWorld, type RestoreWorld } from "./restore/build.ts";
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: one VM, no relocation
 * const world = buildRestoreWorld(spec, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" });
 * restoreProgress(world) // => 0 // nothing has run
 * world.sim.run();
 * restoreProgress(world) // => 0.999 // done (a line reaches 1 when the replication returns)
 */
export function restoreProgress(world: RestoreWorld): number {
  if (world.restores.length === 0) return 0;
  let sum = 0;
  for (const restore of world.restores) sum += restore.progress();
  return Math.min(0.999, sum / world.restores.length);
}

/**
 * The replication's result from its partitions' parts (in partition order). One partition keeps
 * its kernel's fingerprint; several hash theirs in partition order.
 *
 * @example
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: one VM, no relocation
 * const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" };
 * mergeRestorePartitions(spec, [runRestorePartition(spec, context, 0)]).metrics[0].name // => "tts"
 */
export function mergeRestorePartitions(_spec: RestoreSpec, parts: readonly RestorePart[]): ReplicationResult {
  const outcome = mergeRestoreParts(parts);
  const events = parts.reduce((sum, part) => sum + part.events, 0);
  const metrics = restoreMetrics(outcome);
  metrics.push({ name: "events", unit: "events", value: events, description: "kernel events executed" });
  const fingerprint =
    parts.length === 1 ? parts[0].fingerprint : createHash("sha256").update(parts.map((part) => part.fingerprint).join(",")).digest("hex").slice(0, parts[0].fingerprint.length || 8);
  return { metrics, fingerprint, events, tables: restoreTables(outcome) };
}

/**
 * Runs one replication: every partition in turn on this thread, then merged (the same result as
 * run workers taking the partitions in parallel).
 *
 * @example
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: one VM, no relocation
 * runRestoreReplication(spec, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" }).metrics[0].name // => "tts"
 */
export function runRestoreReplication(spec: RestoreSpec, context: ReplicationContext): ReplicationResult {
  const count = partitionsOf(spec).length;
  const onProgress = context.onProgress;
  const within = (partition: number): ReplicationContext =>
    onProgress === undefined ? context : { ...context, onProgress: (fraction) => onProgress((partition + fraction) / count) };
  return mergeRestorePartitions(spec, Array.from({ length: count }, (_, partition) => runRestorePartition(spec, within(partition), partition)));
}

const restorePartitioning: PartitionedReplication<RestoreSpec, RestorePart> = {
  count: (spec) => partitionsOf(spec).length,
  run: runRestorePartition,
  merge: mergeRestorePartitions,
};

/**
 * The restore model kind.
 *
 * @example
 * restoreKind.kind // => "restore"
 */
export const restoreKind: ModelKind<RestoreSpec> = {
  kind: "restore",
  description: "Instant recovery of backed-up VMs: live mount, pre-staging, demand priority, relocation, switch-over",
  schema: restoreSchema,
  runReplication: runRestoreReplication,
  partitions: restorePartitioning as PartitionedReplication<RestoreSpec, unknown>,
  estimate: restoreNeeds,
};
