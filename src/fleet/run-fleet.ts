/** A fleet replication: generate the estate, run the backup phase and/or the restore phase. */
import type { RngStreams } from "../kernel/rng.ts";
import { InputError } from "../util/errors.ts";
import { generateEstate } from "./estate.ts";
import type { FleetMetric, FleetUtilisationRow } from "./measure.ts";
import { runPhase, type PhaseOptions, type PhaseResult } from "./phase.ts";
import { phaseWeights } from "./progress.ts";
import type { FleetSpec } from "./spec.ts";

/** What a fleet replication returns (the shape of the lab's `ReplicationResult`). */
export interface FleetResult {
  metrics: FleetMetric[];
  fingerprint: string;
  events: number;
  tables: { name: string; rows: FleetUtilisationRow[] }[];
  phases: PhaseResult[];
}

/**
 * Refuses a spec the model cannot run: a media-agent or restore site that is not a site, a
 * failure naming a component that does not exist, or failures leaving no VSA or media agent. `source` names the scenario for the error (default
 * "scenario", which the lab's runner replaces with the scenario file).
 *
 * @example
 * const spec = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as FleetSpec;
 * checkFleetSpec({ ...spec, failures: [{ phase: "restore", at: 1e9, target: "mediaAgent", index: 9 }] }, "x.yaml")
 * // throws "x.yaml: model.failures[0].index: an index below the 4 media agents"
 * checkFleetSpec({ ...spec, mediaAgents: { ...spec.mediaAgents, site: "vault" } }, "x.yaml")
 * // throws "x.yaml: model.mediaAgents.site: a site of model.sites (a)"
 */
export function checkFleetSpec(spec: FleetSpec, source = "scenario"): void {
  if (!spec.backup && !spec.restore) throw new InputError(source, "model", "a backup or a restore job (or both)");
  const sites = spec.sites.map((site) => site.name);
  for (const [field, site] of [["model.mediaAgents.site", spec.mediaAgents.site], ["model.restore.site", spec.restore?.site]] as const) {
    if (site !== undefined && !sites.includes(site)) throw new InputError(source, field, `a site of model.sites (${sites.join(", ")})`);
  }
  spec.failures.forEach((f, i) => {
    const count = f.target === "vsa" ? spec.vsas.count : spec.mediaAgents.count;
    if (f.index >= count) throw new InputError(source, `model.failures[${i}].index`, `an index below the ${count} ${f.target === "vsa" ? "VSAs" : "media agents"}`);
  });
  for (const target of ["vsa", "mediaAgent"] as const) {
    const count = target === "vsa" ? spec.vsas.count + spec.create.max : spec.mediaAgents.count;
    for (const phase of ["backup", "restore"] as const) {
      const failed = new Set(spec.failures.filter((f) => f.target === target && f.phase === phase).map((f) => f.index));
      if (failed.size > 0 && failed.size >= count) throw new InputError(source, "model.failures", `at least one ${target === "vsa" ? "VSA" : "media agent"} that survives the ${phase}`);
    }
  }
}

/**
 * Runs a fleet replication on `streams`: the backup phase if declared, then the restore phase.
 * `options.onProgress` hears each phase's `phaseProgress` (progress.ts), the phases sharing the
 * line by their estimated events (`phaseWeights`), and 1 at the end.
 *
 * @example
 * const spec = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as FleetSpec;
 * runFleet(spec, new RngStreams("1/0")).metrics.some((m) => m.name === "tts.p95") // => true // with a restore job
 */
export function runFleet(spec: FleetSpec, streams: RngStreams, options: PhaseOptions = {}): FleetResult {
  checkFleetSpec(spec);
  const estate = generateEstate(spec, streams);
  const phases: PhaseResult[] = [];
  const onProgress = options.onProgress;
  const weights = onProgress && phaseWeights(spec, estate, options.restoreEvents);
  let before = 0;
  for (const phase of ["backup", "restore"] as const) {
    if (spec[phase] === undefined) continue;
    const share = weights?.[phase] ?? 0;
    const start = before;
    const within = onProgress && ((fraction: number) => onProgress(Math.min(1, start + share * fraction)));
    phases.push(runPhase(spec, estate, phase, streams, { ...options, onProgress: within }));
    before += share;
    within?.(1);
  }
  return {
    metrics: phases.flatMap((p) => p.metrics),
    fingerprint: phases.map((p) => p.fingerprint).join(""),
    events: phases.reduce((sum, p) => sum + p.events, 0),
    tables: [{ name: "utilisation", rows: phases.flatMap((p) => p.utilisation) }],
    phases,
  };
}
