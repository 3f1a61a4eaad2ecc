/**
 * Replay plan files: a calibrated plan (calibrate.ts) saved as JSON next to the trace it was
 * learnt from, so a scenario can name it (`replayPlan:` / `vms.replay:`). The file holds the
 * per-request rule arrays and the identity of the trace (request count and a hash of its
 * requests); loading it against another trace is refused.
 */
import { readFileSync } from "node:fs";
import { InputError } from "../../util/errors.ts";
import type { TraceRequest } from "../traces/types.ts";
import { assemblePlan, inferReplayPlan, type ReplayInferenceOptions, REPLAY_DEFAULTS, type ReplayPlan, resumeOf, traceTimes } from "./plan.ts";

/** The `format` field of a plan file. */
export const PLAN_FORMAT = "rtolab-replay-plan";

/** A plan file's content (version 1). */
export interface PlanFile {
  format: typeof PLAN_FORMAT;
  version: 1;
  origin: string;
  trace: { requests: number; hash: string };
  options: Required<ReplayInferenceOptions>;
  /** Free-form facts about how the plan was made (calibration counts, file names). */
  about: Record<string, string | number>;
  dep: number[];
  thinkUs: number[];
  notBeforeUs: number[];
  kind: number[];
}

/**
 * FNV-1a (32-bit) over each request's issue time, op, offset, length and latency: identifies a
 * trace's content, so a plan is only ever used with the trace it was made for.
 *
 * @example
 * traceHash([{ timeUs: 0, op: "R", offset: 0, length: 512, latencyUs: 10 }]) // => "92a993af"
 */
export function traceHash(requests: readonly TraceRequest[]): string {
  let h = 0x811c9dc5;
  for (const r of requests) {
    const text = `${r.timeUs},${r.op},${r.offset},${r.length},${r.latencyUs ?? ""};`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * The JSON content of a plan file for `plan` over `requests`.
 *
 * @example
 * JSON.parse(planFileText(inferReplayPlan(boot1), boot1, {}, {})).format // => "rtolab-replay-plan"
 */
export function planFileText(plan: ReplayPlan, requests: readonly TraceRequest[], options: ReplayInferenceOptions, about: PlanFile["about"]): string {
  const file: PlanFile = {
    format: PLAN_FORMAT, version: 1, origin: plan.origin,
    trace: { requests: requests.length, hash: traceHash(requests) },
    // The plan's own resume cost (a calibration learns it) wins over the options it was made with.
    options: { ...REPLAY_DEFAULTS, ...options, resumeUs: plan.resume.costUs, resumeFullAfterUs: plan.resume.fullAfterUs }, about,
    dep: [...plan.dep], thinkUs: [...plan.thinkUs], notBeforeUs: [...plan.notBeforeUs], kind: [...plan.kind],
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

/**
 * Loads a plan file for `requests` (the trace the scenario replays). An InputError naming the
 * file and `where` when it is not a plan file, is damaged, or was made for another trace.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync(`${tmp}/boot1.plan.json`, planFileText(inferReplayPlan(boot1), boot1, {}, {}));
 * loadPlanFile(`${tmp}/boot1.plan.json`, boot1, "model.replayPlan").count // => 1767
 */
export function loadPlanFile(path: string, requests: readonly TraceRequest[], where: string): ReplayPlan {
  let file: PlanFile;
  try {
    file = JSON.parse(readFileSync(path, "utf8")) as PlanFile;
  } catch (error) {
    throw new InputError(path, where, `a replay plan file written by \`rtolab replay calibrate\` (${(error as Error).message})`);
  }
  if (file === null || typeof file !== "object" || file.format !== PLAN_FORMAT || file.version !== 1) {
    throw new InputError(path, where, `a replay plan file (format "${PLAN_FORMAT}", version 1)`);
  }
  if (file.trace?.requests !== requests.length || file.trace.hash !== traceHash(requests)) {
    throw new InputError(path, where, `a plan made for this trace (${requests.length} requests, hash ${traceHash(requests)}); it was made for ${file.trace?.requests} requests, hash ${file.trace?.hash}`);
  }
  const n = requests.length;
  for (const field of ["dep", "thinkUs", "notBeforeUs", "kind"] as const) {
    const values = file[field];
    if (!Array.isArray(values) || values.length !== n || !values.every((v) => typeof v === "number" && Number.isFinite(v))) {
      throw new InputError(path, `${where}: ${field}`, `${n} finite numbers`);
    }
  }
  const dep = Int32Array.from(file.dep);
  for (let j = 0; j < n; j++) {
    if (dep[j] >= j || dep[j] < -1) throw new InputError(path, `${where}: dep[${j}]`, `-1 or an earlier request index (got ${file.dep[j]})`);
  }
  // Files written before rule 5 have no resume fields: they get the defaults, as a prior plan would.
  // Files written before rule 3 counted threads name the count `vcpus`: the same number of threads.
  const { vcpus: legacyThreads, ...written } = (file.options ?? {}) as Partial<ReplayInferenceOptions> & { vcpus?: number };
  const options = { ...REPLAY_DEFAULTS, ...(legacyThreads === undefined ? {} : { threads: legacyThreads }), ...written };
  let resume;
  try {
    resume = resumeOf(options);
  } catch (error) {
    throw new InputError(path, `${where}: options`, (error as Error).message);
  }
  const prior = inferReplayPlan(requests, options);
  return assemblePlan(
    requests, traceTimes(requests),
    { dep, thinkUs: Float64Array.from(file.thinkUs), notBeforeUs: Float64Array.from(file.notBeforeUs), kind: Uint8Array.from(file.kind) },
    (_plan, timeUs) => prior.milestoneRule(prior, timeUs), file.origin, resume,
  );
}
