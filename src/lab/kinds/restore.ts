/**
 * `kind: restore`: instant recovery of backed-up VMs as the simulation plays it (issue 5): live
 * mount, pre-staging, demand priority, relocation and switch-over, with the block-version
 * invariants checked on every run. Strategies are presets of its fields (scenario `variants:`).
 */
import type { ModelKind, ReplicationContext, ReplicationResult } from "../model-kind.ts";
import { buildRestoreWorld } from "./restore/build.ts";
import { checkRequestsAccounted, restoreMetrics, restoreTables } from "./restore/results.ts";
import { restoreSchema, type RestoreSpec } from "./restore/schema.ts";

/**
 * Runs one replication: builds the world, runs the kernel dry, checks that every request was
 * accounted for, and returns metrics and tables. Throws an InvariantError when the restore
 * breaks an invariant (with the block and time).
 *
 * @example
 * runRestoreReplication(spec, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" }).metrics[0].name // => "tts"
 */
export function runRestoreReplication(spec: RestoreSpec, context: ReplicationContext): ReplicationResult {
  const world = buildRestoreWorld(spec, context);
  world.sim.run();
  checkRequestsAccounted(world);
  const metrics = restoreMetrics(world);
  metrics.push({ name: "events", unit: "events", value: world.sim.eventsExecuted, description: "kernel events executed" });
  return { metrics, fingerprint: world.sim.fingerprint() ?? "", events: world.sim.eventsExecuted, tables: restoreTables(world) };
}

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
};
