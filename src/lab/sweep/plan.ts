/**
 * Planning a sweep: load the scenario, expand its points (combinations × variants), validate
 * every point with the scenario schema, and describe the whole sweep in a manifest whose hash
 * identifies it. Nothing runs here; the manifest is what shards, resumption and merge agree on.
 */
import { createHash } from "node:crypto";
import { checkResources, DEFAULT_LIMITS, type ResourceLimits } from "../resources.ts";
import { InputError } from "../../util/errors.ts";
import { scenarioFileLabel } from "../../util/paths.ts";
import { canonicalJson } from "../../util/canonical-json.ts";
import { rtolabVersion } from "../../util/version.ts";
import { loadScenario } from "../load.ts";
import { assignments, pointId, sweepCombinations, type FieldValues } from "./points.ts";
import type { SweepSpec } from "../../scenario/sweep.ts";

/** One point of a sweep: a combination of swept fields under one variant. */
export interface SweepPoint {
  id: string;
  variant: string;
  /** Swept field path → raw value, in sweep field order. */
  values: FieldValues;
  /** Index of the field combination (points of one combination differ only in variant). */
  combination: number;
  /** `--set` assignments that make this point's scenario (command line first, then the point). */
  sets: string[];
  /** Hash of the validated scenario of this point's combination. */
  hash: string;
}

/** Everything that defines a sweep's results; stored as `sweep.json` in its folder. */
export interface SweepManifest {
  rtolab: string;
  scenario: { name: string; file: string; hash: string };
  seed: number;
  replications: number;
  /** Swept field paths, in grid (or first list entry) order. */
  fields: string[];
  points: SweepPoint[];
  /** The two metrics of the frontier chart, when the `sweep:` block asks for it. */
  frontier?: { x: string; y: string };
}

/** The most jobs (points × variants × replications) a sweep may have unless `--max-jobs` says more. */
export const DEFAULT_MAX_JOBS = 1_000_000;

/** A planned sweep: its manifest, the hash naming it, and the scenario file to load in workers. */
export interface SweepPlan {
  manifest: SweepManifest;
  /** First 16 hex digits of sha256 over the canonical manifest. */
  hash: string;
  /** Absolute path of the scenario file. */
  path: string;
}

/**
 * Plans the sweep of a scenario file that has a `sweep:` block. Throws an {@link InputError}
 * when the file has none or a point does not validate (naming the point's fields).
 *
 * @example
 * planSweep("scenarios/sweeps/mm1-load.yaml").manifest.points[0].id // => "p0000"
 */
export function planSweep(path: string, options: { sets?: readonly string[]; limits?: ResourceLimits; concurrent?: number; maxJobs?: number } = {}): SweepPlan {
  const sets = [...(options.sets ?? [])];
  const limits = options.limits ?? DEFAULT_LIMITS;
  const maxJobs = options.maxJobs ?? DEFAULT_MAX_JOBS;
  const base = loadScenario(path, { sets });
  const sweep = (base.scenario as { sweep?: SweepSpec }).sweep;
  if (!sweep) throw new InputError(path, "sweep", "a sweep: block (grid or list) to run `rtolab sweep`");
  const replications = sweep.replications ?? base.scenario.replications;
  const combinations = sweepCombinations(sweep, path);
  checkJobs(path, combinations.length, base.variants.length, replications, maxJobs);
  const fields = [...new Set(combinations.flatMap((values) => Object.keys(values)))];
  const points: Omit<SweepPoint, "id">[] = [];
  combinations.forEach((values, combination) => {
    const pointSets = [...sets, ...assignments(values)];
    let loaded;
    try {
      loaded = loadScenario(path, { sets: pointSets });
      checkResources(loaded, limits, options.concurrent ?? 1);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new InputError(path, `sweep point ${canonicalJson(values)}: ${error.where}`, error.expected);
    }
    // A point's variants may differ from the base's (a swept field can change them): counted as they add up.
    if ((points.length + loaded.variants.length) * replications > maxJobs) checkJobs(path, combinations.length, loaded.variants.length, replications, maxJobs);
    for (const variant of loaded.variants) points.push({ variant: variant.name, values, combination, sets: pointSets, hash: loaded.hash });
  });
  const manifest: SweepManifest = {
    rtolab: rtolabVersion(),
    scenario: { name: base.scenario.name, file: scenarioFileLabel(base.path), hash: base.hash },
    seed: base.scenario.seed,
    replications,
    fields,
    points: points.map((point, index) => ({ id: pointId(index, points.length), ...point })),
    // Only when asked for, so the manifests (and hashes) of other sweeps are unchanged.
    ...(sweep.frontier === undefined ? {} : { frontier: sweep.frontier }),
  };
  return { manifest, hash: manifestHash(manifest), path: base.path };
}

/** Refuses a sweep of more than `maxJobs` jobs, before any is listed or run. */
function checkJobs(path: string, combinations: number, variants: number, replications: number, maxJobs: number): void {
  const jobs = combinations * variants * replications;
  if (jobs <= maxJobs) return;
  throw new InputError(path, "sweep", `a sweep within --max-jobs ${maxJobs}: ${combinations} points × ${variants} variant(s) × ${replications} replications are ${jobs} jobs (raise --max-jobs, or sweep fewer values)`);
}

/**
 * The identity of a sweep: sha256 over its canonical manifest, first 16 hex digits.
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml");
 * manifestHash(plan.manifest) // => "c0b7132381ee0a56"
 */
export function manifestHash(manifest: SweepManifest): string {
  return createHash("sha256").update(canonicalJson(manifest)).digest("hex").slice(0, 16);
}
