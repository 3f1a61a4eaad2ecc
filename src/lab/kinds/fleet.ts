/**
 * `kind: fleet`: VSA load balancing and capacity planning over a generated estate (issue 6).
 * The model lives in `src/fleet/`; this file connects its schema and runner to the lab, and
 * builds the restore pipeline of `restore.pipeline` (./fleet/pipeline.ts) for it, with the estimate
 * of its restores' events that weighs the phases of a progress line.
 */
import { runFleet } from "../../fleet/run-fleet.ts";
import type { FleetSpec } from "../../fleet/spec.ts";
import type { ModelKind, ReplicationContext, ReplicationResult } from "../../contracts/model-kind.ts";
import { fleetNeeds } from "./fleet/estimate.ts";
import { fleetPipelineOptions } from "./fleet/pipeline.ts";
import { loadCoarseFit } from "./fleet/coarse-fit.ts";
import { fleetSchema, type FleetModel } from "./fleet/schema.ts";

/**
 * One replication of a fleet scenario on the context's streams.
 *
 * @example
 * const model = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as FleetModel;
 * runFleetReplication(model, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "." }).metrics[0].name // => "tts.p50" // a restore phase; a backup phase's first is "backupWindow"
 */
export function runFleetReplication(model: FleetModel, context: ReplicationContext): ReplicationResult {
  const block = model.restore?.pipeline;
  const fitFile = block === undefined ? model.restore?.coarseFit : undefined;
  const spec: FleetSpec = fitFile === undefined || model.restore === undefined ? model : { ...model, restore: { ...model.restore, coarse: loadCoarseFit(fitFile, context.scenarioDir) } };
  const pipeline = block === undefined ? {} : fleetPipelineOptions(model, block, context);
  const { metrics, fingerprint, events, tables } = runFleet(spec, context.streams, { ...pipeline, onProgress: context.onProgress });
  return { metrics, fingerprint, events, tables };
}

/**
 * The warning for a fleet model whose instant restores run the coarse flow model without a
 * calibration (`restore.coarseFit`): its own un-fitted structure and parameters, which disagree
 * with the pipeline (mass-restore, 1 media agent / 4 VSAs: TTS p95 9.41 min against 2.44);
 * undefined for any other model (a pipeline, a fit, full restores, no restore, another kind).
 *
 * @example
 * const model = loadScenario("scenarios/fleet/mass-restore.yaml").variants[0].scenario.model as FleetModel;
 * uncalibratedCoarseWarning(model) // => undefined // it runs the pipeline
 * const { pipeline, coarseFit, ...coarse } = model.restore!;
 * uncalibratedCoarseWarning({ ...model, restore: { ...coarse, coarseFit } }) // => undefined // calibrated
 * uncalibratedCoarseWarning({ ...model, restore: coarse })
 * // => "instant restores run the coarse flow model without restore.coarseFit: its un-calibrated parameters disagree with the pipeline; `rtolab fleet calibrate SCENARIO` fits them"
 */
export function uncalibratedCoarseWarning(model: { kind: string; restore?: { mode?: string; pipeline?: unknown; coarseFit?: string } }): string | undefined {
  const restore = model.kind === "fleet" ? model.restore : undefined;
  if (restore === undefined || restore.mode !== "instant" || restore.pipeline !== undefined || restore.coarseFit !== undefined) return undefined;
  return "instant restores run the coarse flow model without restore.coarseFit: its un-calibrated parameters disagree with the pipeline; `rtolab fleet calibrate SCENARIO` fits them";
}

/** The fleet model kind. */
export const fleetKind: ModelKind<FleetModel> = {
  kind: "fleet",
  description: "VSA coordinator and balancing policies over a generated estate: backup window, mass-restore TTS, failures",
  schema: fleetSchema,
  runReplication: runFleetReplication,
  estimate: fleetNeeds,
};
