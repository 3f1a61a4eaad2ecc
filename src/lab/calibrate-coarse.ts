/**
 * Fits the coarse fleet restore model to the restore pipeline of the same scenario (issue 16
 * item 2), so that both give one answer for planning:
 *
 * - `slotTime`: the pipeline's VSA slot hold, mount + register + power-on (its timeline);
 * - per VM type, `workingSet`: the bytes each VM's boot reads from its media agent before service
 *   ready (the pipeline's task size), mean over the type's VMs;
 * - per VM type, `readRate` and `think`: the type's uncontended boot (mean of TTS − slotTime
 *   over its VMs in a run with a media agent per VM and every VM started at once) split into a
 *   read phase, the working set at `readRate` over a share `s` of the boot, and `think`, the
 *   rest. A boot's reads are spread over it, as the replayed trace's are: front-loading them
 *   (s → 0: the working set at full speed, then a think time) overestimated TTS p95 where media
 *   agents are lightly loaded (4 MAs/16 VSAs: +10.0%), spreading them over the whole boot (s = 1)
 *   underestimated it (2 MAs/32 VSAs: −10.4%), since the fluid model has no queueing delay below
 *   saturation. `s` is one number for all types, fitted (bisection) so that the coarse model
 *   reproduces the pipeline's TTS p95 with two media agents and every VM started at once;
 * - `maRead`: the media agent's effective read rate under saturation: for each `s`, the rate at
 *   which the coarse model reproduces the pipeline's TTS p95 with one media agent and every VM
 *   started at once (bisection; the media agent's storage binds there).
 */
import type { FleetSpec, CoarseFit } from "../fleet/spec.ts";
import { vsaSlots } from "../fleet/spec.ts";
import { runFleet } from "../fleet/run-fleet.ts";
import { RngStreams } from "../kernel/rng.ts";
import { InputError } from "../util/errors.ts";
import { fleetPipeline } from "./kinds/fleet/pipeline.ts";
import type { FleetModel } from "./kinds/fleet/schema.ts";
import type { CoarseFitProvenance } from "./kinds/fleet/coarse-fit.ts";
import { replicationSeed } from "./run.ts";

/** What the calibration runs on. */
export interface CalibrationOptions {
  /** The scenario file, for errors and the provenance. */
  source: string;
  scenarioDir: string;
  seed: number;
  replications: number;
}

/** A pipeline run's per-VM outcome. */
interface VmOutcome {
  type: string;
  bytes: number;
  /** ns from the restore request to service ready. */
  tts: number;
}

/**
 * Fits the coarse model of `model`'s restore to its pipeline (see the module comment).
 *
 * @example
 * const model = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as FleetModel; // no restore pipeline
 * calibrateCoarse(model, { source: "toy-restore.yaml", scenarioDir: "scenarios/fleet", seed: 1, replications: 1 })
 * // throws "toy-restore.yaml: model.restore.pipeline: a restore pipeline to calibrate the coarse model from"
 * // With one (`rtolab fleet calibrate scenarios/fleet/mass-restore.yaml`: ~40 s), it returns the fit and the runs it came from.
 */
export function calibrateCoarse(model: FleetModel, options: CalibrationOptions): { fit: CoarseFit; provenance: CoarseFitProvenance } {
  const restore = model.restore;
  const block = restore?.pipeline;
  if (restore === undefined || block === undefined) throw new InputError(options.source, "model.restore.pipeline", "a restore pipeline to calibrate the coarse model from");
  if (restore.mode !== "instant") throw new InputError(options.source, "model.restore.mode", "instant (the coarse fit is of live mounts)");
  const slotTime = restore.mountTime + block.timeline.registerTime + block.timeline.powerOnTime;
  const slots = vsaSlots(model.vsas.cores, model.vsas.ram, model.vsas.ramPerTask);
  // Every VM starts at once: twice the VSAs its slots need, so locality cannot queue one.
  const allAtOnce = 2 * Math.ceil(restore.vms / slots);
  const base: FleetModel = { ...model, backup: undefined, failures: model.failures.filter((f) => f.phase !== "restore") };
  const uncontended = { ...base, mediaAgents: { ...base.mediaAgents, count: restore.vms }, vsas: { ...base.vsas, count: allAtOnce } };
  const saturated = { ...base, mediaAgents: { ...base.mediaAgents, count: 1 }, vsas: { ...base.vsas, count: allAtOnce } };
  const halfLoad = { ...base, mediaAgents: { ...base.mediaAgents, count: Math.min(2, restore.vms) }, vsas: { ...base.vsas, count: allAtOnce } };
  const alone = pipelineOutcomes(uncontended, options);
  const target = mean(pipelineP95s(saturated, options));
  const halfTarget = mean(pipelineP95s(halfLoad, options));
  const types = [...new Set(alone.map((o) => o.type))].sort();
  const perType = (type: string) => alone.filter((o) => o.type === type);
  const workingSet = new Map(types.map((t) => [t, Math.round(mean(perType(t).map((o) => o.bytes)))]));
  const boot = new Map(types.map((t) => [t, mean(perType(t).map((o) => o.tts - slotTime))]));
  const fitFor = (share: number): CoarseFit => {
    const maRead = bisect((rate) => mean(coarseP95s(saturated, fitWith(slotTime, rate, share, types, workingSet, boot), options)) > target, Math.log(1e6), Math.log(1e12), 1e-3, Math.exp);
    return fitWith(slotTime, maRead, share, types, workingSet, boot);
  };
  // Burstier reads (a smaller share) queue more at half load: the coarse p95 there falls as the share grows.
  const share = bisect((s) => mean(coarseP95s(halfLoad, fitFor(s), options)) > halfTarget, 0.02, 1, 1e-3, (s) => s);
  const fit = fitFor(share);
  const minutes = (ns: number) => `${+(ns / 60e9).toFixed(3)}min`;
  const provenance: CoarseFitProvenance = {
    scenario: options.source,
    seed: options.seed,
    replications: options.replications,
    runs: [
      { purpose: "uncontended: a media agent per VM, every VM started at once (working sets, think times)", mediaAgents: uncontended.mediaAgents.count, vsas: allAtOnce, ttsP95: minutes(quantile95(alone.map((o) => o.tts))) },
      { purpose: "saturated: one media agent, every VM started at once (effective media agent read rate)", mediaAgents: 1, vsas: allAtOnce, ttsP95: minutes(target * 60e9) },
      { purpose: `half load: two media agents, every VM started at once (reads over ${+(100 * share).toFixed(1)}% of each boot)`, mediaAgents: halfLoad.mediaAgents.count, vsas: allAtOnce, ttsP95: minutes(halfTarget * 60e9) },
    ],
  };
  return { fit, provenance };
}

/** The fit for a media agent read rate and a read share: each type's working set read over `share` of its uncontended boot, then the rest as think time. */
function fitWith(slotTime: number, rate: number, share: number, types: readonly string[], workingSet: ReadonlyMap<string, number>, boot: ReadonlyMap<string, number>): CoarseFit {
  const byType: Record<string, { workingSet: number; readRate: number; think: number }> = {};
  for (const type of types) {
    const bytes = workingSet.get(type) ?? 0;
    const ns = Math.max(1, boot.get(type) ?? 0);
    byType[type] = { workingSet: bytes, readRate: Math.round(bytes / ((share * ns) / 1e9)), think: Math.round((1 - share) * ns) };
  }
  return { slotTime, maRead: Math.round(rate), byType };
}

/**
 * Bisection on [low, high] (until narrower than `tolerance`) of a parameter whose result is
 * too high (`tooHigh`) below the answer and not above it; `map` turns the bisected value into the
 * parameter (the read rate is bisected on its logarithm).
 */
function bisect(tooHigh: (value: number) => boolean, low: number, high: number, tolerance: number, map: (x: number) => number): number {
  for (let i = 0; i < 60 && high - low > tolerance; i++) {
    const mid = (low + high) / 2;
    if (tooHigh(map(mid))) low = mid;
    else high = mid;
  }
  return map((low + high) / 2);
}

function streamsOf(options: CalibrationOptions, replication: number): RngStreams {
  return new RngStreams(replicationSeed(options.seed, replication));
}

function pipelineRuns(model: FleetModel, options: CalibrationOptions) {
  const block = model.restore?.pipeline;
  return Array.from({ length: options.replications }, (_, r) => {
    const context = { replication: r, streams: streamsOf(options, r), scenarioDir: options.scenarioDir };
    const factory = block === undefined ? undefined : fleetPipeline(model, block, context);
    return runFleet(model, context.streams, { pipeline: factory });
  });
}

function pipelineOutcomes(model: FleetModel, options: CalibrationOptions): VmOutcome[] {
  return pipelineRuns(model, options).flatMap((run) => run.phases[run.phases.length - 1].tasks.map((t) => ({ type: t.vmRef.host.type, bytes: t.bytes, tts: t.completedAt })));
}

function p95Of(metrics: readonly { name: string; value: unknown }[]): number {
  return Number(metrics.find((m) => m.name === "tts.p95")?.value);
}

function pipelineP95s(model: FleetModel, options: CalibrationOptions): number[] {
  return pipelineRuns(model, options).map((run) => p95Of(run.metrics));
}

/**
 * The coarse model's TTS p95 (min) per replication of `model`'s restore with fit `fit` (its
 * backup and restore pipeline dropped).
 *
 * @example
 * const model = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as FleetModel; // 8 VMs of type t, 4 slots, 4 media agents
 * // 10 s slot, then 1 GB at 100 MB/s (one read per media agent), no think: two waves, ready at 20 s and 30 s.
 * coarseP95s(model, { slotTime: 10e9, maRead: 1e8, byType: { t: { workingSet: 1e9, readRate: 1e9, think: 0 } } }, { seed: 1, replications: 1 }) // => [0.5]
 */
export function coarseP95s(model: FleetModel, fit: CoarseFit, options: Pick<CalibrationOptions, "seed" | "replications">): number[] {
  const spec: FleetSpec = { ...model, backup: undefined, restore: model.restore === undefined ? undefined : { ...model.restore, pipeline: undefined, coarse: fit } };
  return Array.from({ length: options.replications }, (_, r) => p95Of(runFleet(spec, new RngStreams(replicationSeed(options.seed, r))).metrics));
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

function quantile95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
}
