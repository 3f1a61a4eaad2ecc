/**
 * The files of one run's results folder: summary.json, tidy CSVs, the model's own tables, and
 * (see run-report.ts) `charts/` and `report.html` rendered from them. Content depends only on
 * the scenario, its hash and the seed, so two runs give identical bytes.
 */
import { join } from "node:path";
import type { ReplicationResult } from "../contracts/model-kind.ts";
import type { MetricSummary } from "../metrics/summarize.ts";
import type { LoadedScenario } from "../scenario/load.ts";
import { scenarioFileLabel } from "../util/paths.ts";
import { canonicalJson } from "../util/canonical-json.ts";
import { InputError } from "../util/errors.ts";
import { readJsonFile } from "../util/read-file.ts";
import { rtolabVersion } from "../util/version.ts";
import { writeFolderAtomically, type FolderContents } from "./atomic-folder.ts";
import { bandCells, toCsv } from "./csv.ts";
import { runReportFiles } from "./run-report.ts";

/** The outcome of one variant of a scenario. */
export interface VariantResult {
  name: string;
  description?: string;
  replications: ReplicationResult[];
  metrics: MetricSummary[];
}

/** The outcome of one scenario run (made by lab/run.ts, written here). */
export interface RunResult {
  loaded: LoadedScenario;
  seed: number;
  variants: VariantResult[];
  /** Hash over every replication's event fingerprint, in order. */
  fingerprint: string;
  events: number;
}

/**
 * The default folder of a run: `results/<scenario>/s<seed>-<hash prefix>`. Deterministic, so a
 * rerun of the same scenario and seed replaces its earlier result rather than piling up copies.
 *
 * @example
 * defaultRunFolder("results", "mm1", 7, "ab12cd34ef56...") // => "results/mm1/s7-ab12cd34ef"
 */
export function defaultRunFolder(resultsRoot: string, scenarioName: string, seed: number, hash: string): string {
  return join(resultsRoot, scenarioName, runId(seed, hash));
}

/** The summary.json object of a run: per variant, each metric with unit, mean, sd, CI and (when banded) `lower`/`upper`. */
export function runSummary(result: RunResult): Record<string, unknown> {
  const { scenario, hash, path } = result.loaded;
  const variants: Record<string, unknown> = {};
  for (const variant of result.variants) {
    const metrics: Record<string, unknown> = {};
    for (const metric of variant.metrics) {
      metrics[metric.name] = {
        unit: metric.unit,
        mean: metric.mean,
        sd: metric.sd,
        ci95: metric.ci95,
        n: metric.n,
        ...(metric.analytic === undefined ? {} : { analytic: metric.analytic }),
        ...(metric.lower === undefined || metric.upper === undefined ? {} : { lower: metric.lower, upper: metric.upper }),
        ...(metric.description === undefined ? {} : { description: metric.description }),
      };
    }
    variants[variant.name] = { ...(variant.description ? { description: variant.description } : {}), metrics };
  }
  return {
    rtolab: rtolabVersion(),
    scenario: { name: scenario.name, file: scenarioFileLabel(path), hash },
    seed: result.seed,
    replications: scenario.replications,
    fingerprint: result.fingerprint,
    events: result.events,
    variants,
    definition: scenario,
  };
}

/**
 * The run id of a result: `s<seed>-<first 10 hex digits of the scenario hash>`, the name of its
 * default results folder. The tidy CSVs carry it (with scenario and seed) in every row, so the
 * CSVs of many runs concatenate into one table.
 *
 * @example
 * runId(7, "ab12cd34ef56...") // => "s7-ab12cd34ef"
 */
export function runId(seed: number, hash: string): string {
  return `s${seed}-${hash.slice(0, 10)}`;
}

/** The leading columns of every tidy CSV of a run. */
export const RUN_COLUMNS = ["scenario", "seed", "run"] as const;


/** A run's summary.json is a few KiB per metric and variant; 64 MiB is far past any rtolab wrote. */
const MAX_SUMMARY_BYTES = 64 * 2 ** 20;

/**
 * Reads the summary.json of a run folder, checking the fields readers use (`seed`, `scenario`,
 * `variants`); an InputError names the file and the field when it is not one rtolab wrote.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync(`${tmp}/summary.json`, '{"seed": "seven"}');
 * readRunSummary(tmp)
 * // throws `${tmp}/summary.json: seed: a non-negative integer, the run's master seed (this summary.json was edited or not written by rtolab)`
 */
export function readRunSummary(folder: string): { seed: number; scenario?: { name?: string }; replications?: number } {
  const path = join(folder, "summary.json");
  const value = readJsonFile(path, MAX_SUMMARY_BYTES, "summary.json");
  const wrong = (where: string, expected: string) => new InputError(path, where, `${expected} (this summary.json was edited or not written by rtolab)`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw wrong("", "a JSON object");
  const summary = value as Record<string, unknown>;
  if (typeof summary.seed !== "number" || !Number.isInteger(summary.seed) || summary.seed < 0) throw wrong("seed", "a non-negative integer, the run's master seed");
  if (summary.scenario !== undefined && (typeof summary.scenario !== "object" || summary.scenario === null || Array.isArray(summary.scenario))) throw wrong("scenario", "an object (name, file, hash)");
  if (summary.variants !== undefined && (typeof summary.variants !== "object" || summary.variants === null || Array.isArray(summary.variants))) throw wrong("variants", "an object of variants");
  return summary as { seed: number };
}

/** Every file of the results folder, by name. */
export function runFiles(result: RunResult): FolderContents {
  const files: FolderContents = new Map();
  const run = { scenario: result.loaded.scenario.name, seed: result.seed, run: runId(result.seed, result.loaded.hash) };
  files.set("summary.json", `${canonicalJson(runSummary(result), 2)}\n`);
  files.set(
    "metrics.csv",
    toCsv(
      result.variants.flatMap((variant) =>
        variant.metrics.map((m) => ({
          ...run,
          variant: variant.name,
          metric: m.name,
          unit: m.unit,
          n: m.n,
          mean: m.mean,
          sd: m.sd,
          ci95_low: m.ci95[0],
          ci95_high: m.ci95[1],
          analytic: m.analytic ?? "",
          ...bandCells(m),
        })),
      ),
      [...RUN_COLUMNS, "variant", "metric", "unit", "n", "mean", "sd", "ci95_low", "ci95_high", "analytic", "band_low", "band_high"],
    ),
  );
  const perReplication = result.variants.flatMap((variant) =>
    variant.replications.flatMap((replication, index) =>
      replication.metrics.map((m) => ({ ...run, variant: variant.name, replication: index, metric: m.name, unit: m.unit, value: m.value, ...bandCells(m) })),
    ),
  );
  files.set("replications.csv", toCsv(perReplication, [...RUN_COLUMNS, "variant", "replication", "metric", "unit", "value", "band_low", "band_high"]));
  const tables = new Map<string, Record<string, string | number>[]>();
  for (const variant of result.variants) {
    variant.replications.forEach((replication, index) => {
      for (const table of replication.tables ?? []) {
        const rows = tables.get(table.name) ?? [];
        for (const row of table.rows) rows.push({ ...run, variant: variant.name, replication: index, ...row });
        tables.set(table.name, rows);
      }
    });
  }
  for (const [name, rows] of tables) files.set(`${name}.csv`, toCsv(rows));
  return files;
}
/**
 * Writes a run's results folder atomically (data files, `charts/*.vl.json|svg|png` and
 * `report.html`) and returns its path.
 *
 * @example
 * const result = runScenario(loadScenario("scenarios/validation/mm1.yaml", { sets: ["replications=2", "model.customers=2000", "model.warmupCustomers=100"] }), { seed: 7 });
 * (await writeRunResults(result, { resultsRoot: tmp })).startsWith(`${tmp}/mm1/s7-`) // => true
 */
export async function writeRunResults(result: RunResult, options: { resultsRoot?: string; out?: string }): Promise<string> {
  const folder =
    options.out ?? defaultRunFolder(options.resultsRoot ?? "results", result.loaded.scenario.name, result.seed, result.loaded.hash);
  const files = runFiles(result);
  for (const [name, content] of await runReportFiles(files)) files.set(name, content);
  writeFolderAtomically(folder, files);
  return folder;
}
