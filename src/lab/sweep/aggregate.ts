/**
 * The aggregate step of a finished sweep: read every job's result file in job order and write
 * `sweep.csv` (tidy: a row per point × replication × metric; the scenario, seed and run id
 * columns of a run's CSVs; swept fields as columns, as written and, for values with a unit, in
 * SI units: `<field>_s`, `<field>_bytes`, `<field>_bytes_per_s`),
 * `summary.csv` (n, mean, sd and 95% CI per point × metric), `summary.json`, `charts/` (a
 * response surface with CI bands per metric) and `report.html`. It reads only the folder, so a
 * single run, a resumed run and merged shards give the same bytes.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { summarizeReplications } from "../../metrics/summarize.ts";
import { bandCells, toCsv } from "../../report/csv.ts";
import { RUN_COLUMNS, runId } from "../../report/run-results.ts";
import { writeFolderAtomically } from "../../report/atomic-folder.ts";
import { renderViews, type ChartFormat } from "../../report/run-report.ts";
import { canonicalJson } from "../../util/canonical-json.ts";
import { InputError } from "../../util/errors.ts";
import { readJsonFile } from "../../util/read-file.ts";
import { readJob, sweepJobs, writeFileAtomically, type JobResult } from "./jobs.ts";
import { manifestHash, type SweepManifest, type SweepPoint } from "./plan.ts";
import { MANIFEST_FILE } from "./run.ts";
import { assignments, fieldCell, siColumns } from "./points.ts";
import { loadScenario } from "../load.ts";
import { sweepReportHtml, sweepViews, type PointSummary } from "./views.ts";

export type { PointSummary };

/** A sweep folder read back: manifest, hash, and every job result in job order. */
export interface SweepResults {
  manifest: SweepManifest;
  hash: string;
  /** Per point (manifest order), its replications in order. */
  results: JobResult[][];
}

/** A manifest lists every point with its --set assignments: 10^5 points fit well under this. */
const MAX_MANIFEST_BYTES = 256 * 2 ** 20;

/**
 * Reads a sweep folder's manifest; throws an {@link InputError} when it has none.
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * await runSweep(plan, `${tmp}/sweep`, { workers: 0 });
 * readManifest(`${tmp}/sweep`).points.length // => 8
 */
export function readManifest(folder: string): SweepManifest & { hash: string } {
  const path = join(folder, MANIFEST_FILE);
  if (!existsSync(path)) throw new InputError(folder, "", `a sweep folder (no ${MANIFEST_FILE})`);
  const manifest = readJsonFile(path, MAX_MANIFEST_BYTES, "sweep manifest") as SweepManifest & { hash: string };
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) throw new InputError(path, "", "a sweep manifest (a JSON object with points, fields and hash)");
  const { hash, ...rest } = manifest;
  if (manifestHash(rest) !== hash) throw new InputError(path, "hash", "the hash of this manifest (the file was edited)");
  return manifest;
}

/**
 * Reads every job result of a complete sweep folder; throws an {@link InputError} naming the
 * number of missing jobs otherwise.
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * await runSweep(plan, `${tmp}/sweep`, { workers: 0 });
 * readSweepResults(`${tmp}/sweep`).results[0].length // => 2 // replications
 */
export function readSweepResults(folder: string): SweepResults {
  const { hash, ...manifest } = readManifest(folder);
  const results: JobResult[][] = manifest.points.map(() => []);
  let missing = 0;
  for (const job of sweepJobs(manifest)) {
    const read = readJob(folder, job.file, hash);
    if ("problem" in read) throw new InputError(join(folder, job.file), "", `${read.problem}; delete it and run rtolab sweep --out on this folder to recompute it`);
    if ("result" in read) results[job.point].push(read.result);
    else missing++;
  }
  if (missing > 0) throw new InputError(folder, "points", `every job's result (${missing} missing: run the remaining shards, or rtolab sweep --out on this folder)`);
  return { manifest, hash, results };
}

/**
 * Each point's metrics over its replications (mean, sd, 95% CI).
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * await runSweep(plan, `${tmp}/sweep`, { workers: 0 });
 * summarizePoints(readSweepResults(`${tmp}/sweep`))[0].metrics[0].ci95 // ≈ [-1.836, 3.409] // two replications of 500 customers: wide
 */
export function summarizePoints(sweep: SweepResults): PointSummary[] {
  return sweep.manifest.points.map((point, index) => ({ point, metrics: summarizeReplications(sweep.results[index]) }));
}

/**
 * A sweep's run id: `sweep-s<seed>-<hash prefix>`, the name of its default folder and the `run`
 * column of its tidy CSVs.
 *
 * @example
 * sweepRunId(1, "ab12cd34ef5678") // => "sweep-s1-ab12cd34ef"
 */
export function sweepRunId(seed: number, hash: string): string {
  return `sweep-${runId(seed, hash)}`;
}

/** The swept fields' columns, each as written and, for quantities with a unit, in SI units (`<field>_s`, `<field>_bytes`). */
function fieldColumnsOf(manifest: SweepManifest): { names: string[]; cells: (point: SweepPoint) => Record<string, string | number> } {
  const si = siColumns(manifest.fields, manifest.points.map((point) => point.values));
  const names = manifest.fields.flatMap((field) => [field, ...si.filter((c) => c.field === field).map((c) => c.column)]);
  return {
    names,
    cells: (point) => ({
      ...Object.fromEntries(manifest.fields.map((field) => [field, point.values[field] === undefined ? "" : fieldCell(point.values[field])])),
      ...Object.fromEntries(si.map((c) => [c.column, c.cell(point.values)])),
    }),
  };
}

/**
 * The data files of a sweep folder: `sweep.csv`, `summary.csv`, `summary.json`.
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * await runSweep(plan, `${tmp}/sweep`, { workers: 0 });
 * [...sweepDataFiles(readSweepResults(`${tmp}/sweep`)).keys()] // => ["sweep.csv", "summary.csv", "summary.json"]
 */
export function sweepDataFiles(sweep: SweepResults): Map<string, string> {
  const { manifest } = sweep;
  const summaries = summarizePoints(sweep);
  const fields = fieldColumnsOf(manifest);
  // The leading columns of a run's tidy CSVs, so sweeps and runs of many seeds concatenate.
  const run = { scenario: manifest.scenario.name, seed: manifest.seed, run: sweepRunId(manifest.seed, sweep.hash) };
  const tidy = manifest.points.flatMap((point, index) =>
    sweep.results[index].flatMap((result) =>
      result.metrics.map((m) => ({ ...run, point: point.id, variant: point.variant, ...fields.cells(point), replication: result.replication, metric: m.name, unit: m.unit, value: m.value, ...bandCells(m) })),
    ),
  );
  const rows = summaries.flatMap(({ point, metrics }) =>
    metrics.map((m) => ({ ...run, point: point.id, variant: point.variant, ...fields.cells(point), metric: m.name, unit: m.unit, n: m.n, mean: m.mean, sd: m.sd, ci95_low: m.ci95[0], ci95_high: m.ci95[1], analytic: m.analytic ?? "", ...bandCells(m) })),
  );
  const fingerprint = createHash("sha256");
  let events = 0;
  for (const result of sweep.results.flat()) fingerprint.update(result.fingerprint), (events += result.events);
  const summary = {
    rtolab: manifest.rtolab,
    scenario: manifest.scenario,
    sweep: sweep.hash,
    seed: manifest.seed,
    replications: manifest.replications,
    fields: manifest.fields,
    fingerprint: fingerprint.digest("hex").slice(0, 16),
    events,
    points: summaries.map(({ point, metrics }) => ({
      id: point.id,
      variant: point.variant,
      values: point.values,
      metrics: Object.fromEntries(metrics.map((m) => [m.name, { unit: m.unit, n: m.n, mean: m.mean, sd: m.sd, ci95: m.ci95, ...(m.analytic === undefined ? {} : { analytic: m.analytic }), ...(m.lower === undefined || m.upper === undefined ? {} : { lower: m.lower, upper: m.upper }) }])),
    })),
  };
  const columns = (extra: string[]) => [...RUN_COLUMNS, "point", "variant", ...fields.names, ...extra];
  return new Map([
    ["sweep.csv", toCsv(tidy, columns(["replication", "metric", "unit", "value", "band_low", "band_high"]))],
    ["summary.csv", toCsv(rows, columns(["metric", "unit", "n", "mean", "sd", "ci95_low", "ci95_high", "analytic", "band_low", "band_high"]))],
    ["summary.json", `${canonicalJson(summary, 2)}\n`],
  ]);
}

/**
 * Writes the aggregate files of a complete sweep folder (each atomically; `charts/` replaced
 * as a whole) and returns their names.
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * await runSweep(plan, `${tmp}/sweep`, { workers: 0 });
 * await aggregateSweep(`${tmp}/sweep`, ["vl.json"])
 * // => ["sweep.csv", "summary.csv", "summary.json", "charts/surface-waitMean.vl.json", "charts/surface-responseMean.vl.json",
 * //     "charts/surface-utilisation.vl.json", "charts/surface-queueLengthMean.vl.json", "charts/surface-inSystemMean.vl.json",
 * //     "charts/surface-customersServed.vl.json", "report.html"]
 */
export async function aggregateSweep(folder: string, formats?: readonly ChartFormat[]): Promise<string[]> {
  const sweep = readSweepResults(folder);
  const data = sweepDataFiles(sweep);
  const summaries = summarizePoints(sweep);
  const rendered = await renderViews(sweepViews(sweep.manifest, summaries), formats);
  for (const [name, content] of data) writeFileAtomically(folder, name, content);
  const charts = new Map([...rendered.files].map(([name, content]) => [name.replace(/^charts\//, ""), content]));
  writeFolderAtomically(join(folder, "charts"), charts);
  writeFileAtomically(folder, "report.html", sweepReportHtml(sweep.manifest, summaries, rendered.charts, sweptScenarioText(sweep.manifest)));
  return [...data.keys(), ...rendered.files.keys(), "report.html"];
}

/**
 * The description and sources of the sweep's scenario, for its report: read from the scenario
 * file named in the manifest (its path from the project root, resolved from the working folder)
 * only when that file, with the sweep's command-line `--set`s, still loads to the manifest's
 * hash; otherwise none (a changed or missing file says nothing about this sweep).
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500"] });
 * sweptScenarioText(plan.manifest).sources?.length // => 1
 * sweptScenarioText({ ...plan.manifest, scenario: { ...plan.manifest.scenario, hash: "0" } }) // => {}
 */
export function sweptScenarioText(manifest: SweepManifest): { description?: string; sources?: readonly string[] } {
  const point = manifest.points[0];
  if (point === undefined || !existsSync(manifest.scenario.file)) return {};
  // A point's sets are the command line's, then its own assignments.
  const commandLine = point.sets.slice(0, point.sets.length - assignments(point.values).length);
  try {
    const loaded = loadScenario(manifest.scenario.file, { sets: commandLine });
    if (loaded.hash !== manifest.scenario.hash) return {};
    const { description, sources } = loaded.scenario as { description?: string; sources?: readonly string[] };
    return { ...(description ? { description } : {}), ...(sources ? { sources } : {}) };
  } catch {
    return {};
  }
}
