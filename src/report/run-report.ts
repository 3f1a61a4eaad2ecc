/**
 * Charts and `report.html` of a results folder, built from the folder's own files (summary.json
 * and the tidy CSVs), so `rtolab run` and `rtolab chart` render exactly the same views.
 *
 * ## Table name → view contract (for model-kind authors)
 * A replication may return `tables` (see `ReplicationResult.tables`); each is written as
 * `<name>.csv` with `scenario`, `seed`, `run`, `variant` and `replication` columns added. A table whose name is below gets
 * its standard chart (replication 0 of each variant for time series; every replication for `tts`):
 *
 * | table name           | columns (units in the name)                          | view                    |
 * |----------------------|------------------------------------------------------|-------------------------|
 * | `latencyOverTime`    | timeS, p50Ms, p95Ms, p99Ms                           | a panel per variant     |
 * | `phases`             | timeS, label (power-on, service ready, switch-over)  | marks on latencyOverTime|
 * | `relocationProgress` | timeS, fractionCopied (0–1), [strategy]              | relocation progress     |
 * | `hitRatioOverTime`   | timeS, hitRatio (0–1), [series]                      | hit ratio over time     |
 * | `utilisation`        | timeS, utilisation (0–1), resource                   | utilisation over time   |
 * | `tts`                | ttsSeconds, [strategy, vm, ttsLower/UpperSeconds]    | TTS box plot (+ bands)  |
 * | `missRatioCurve`     | policy, size, missRatio (0–1), [sizeUnit]            | miss-ratio curve        |
 *
 * Missing optional series columns fall back to the variant name. Every run also gets
 * `metrics`: the metric means of each variant side by side, with each banded metric's model
 * band (`band_low`/`band_high` of metrics.csv) as an error bar.
 */
import type { TopLevelSpec } from "vega-lite";
// The spec builders from their own modules: charts/index.ts also re-exports the renderer.
import { comparisonBars } from "./charts/comparison-bars.ts";
import { hitRatioOverTime } from "./charts/hit-ratio-over-time.ts";
import { latencyOverTime } from "./charts/latency-over-time.ts";
import { missRatioCurve } from "./charts/miss-ratio-curve.ts";
import { relocationProgress } from "./charts/relocation-progress.ts";
import { ttsDistribution } from "./charts/tts-distribution.ts";
import { utilisationOverTime } from "./charts/utilisation-over-time.ts";
import { buildReportHtml, type PivotCell, type PivotTable, type ReportChart } from "./html/report.ts";
import type { FolderContents } from "./atomic-folder.ts";
import { canonicalJson } from "../util/canonical-json.ts";

/** A standard view of a results folder: file stem, title and Vega-Lite spec. */
export interface NamedView {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/** A CSV row as read back: every cell a string. */
export type CsvRow = Record<string, string>;

/** Which files to render for each view. */
export type ChartFormat = "vl.json" | "svg" | "png";

/**
 * Parses CSV text written by `toCsv` (RFC 4180 quoting) into rows keyed by the header.
 *
 * @example
 * parseCsv('a,b\n1,"x,y"\n') // => [{ a: "1", b: "x,y" }]
 */
export function parseCsv(text: string): CsvRow[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") record.push(field), (field = "");
    else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      record.push(field), records.push(record), (record = []), (field = "");
    } else field += char;
  }
  if (field !== "" || record.length > 0) record.push(field), records.push(record);
  const [header = [], ...body] = records;
  return body.map((cells) => Object.fromEntries(header.map((name, column) => [name, cells[column] ?? ""])));
}

const num = (text: string | undefined): number => (text === undefined || text === "" ? NaN : Number(text));

/** The CI cells of a metrics.csv row with at least 2 replications (one replication has none). */
function csvCi(n: string | undefined, low: string | undefined, high: string | undefined): { ciLow?: number; ciHigh?: number } {
  return Number(n) >= 2 && low !== undefined && low !== "" && high !== undefined && high !== "" ? { ciLow: num(low), ciHigh: num(high) } : {};
}

/** A model band read back from two CSV cells (`band_low`, `band_high`), when both hold a number. */
function csvBand(low: string | undefined, high: string | undefined): { lower?: number; upper?: number } {
  const [lower, upper] = [num(low), num(high)];
  return Number.isFinite(lower) && Number.isFinite(upper) ? { lower, upper } : {};
}

/** Rows of a table with the time-series views' convention: replication 0, series named. */
function firstReplication(rows: readonly CsvRow[]): CsvRow[] {
  return rows.filter((row) => row.replication === undefined || row.replication === "0");
}

/** The series of a row: its own column when present, else its variant, prefixed when several variants. */
function seriesOf(row: CsvRow, column: string, manyVariants: boolean): string {
  const own = row[column];
  if (own === undefined || own === "") return row.variant ?? "";
  return manyVariants && row.variant ? `${row.variant}: ${own}` : own;
}

/** The view builders of the table contract above: table rows → views. */
const tableViews: Record<string, (rows: CsvRow[], tables: ReadonlyMap<string, CsvRow[]>, manyVariants: boolean) => NamedView[]> = {
  latencyOverTime: (rows, tables) => {
    // One chart, a panel per variant on shared scales (eight charts on eight scales did not compare).
    const variants = [...new Set(rows.map((row) => row.variant ?? ""))];
    const mine = variants.flatMap((variant) => firstReplication(rows.filter((row) => (row.variant ?? "") === variant)));
    const marks = variants.flatMap((variant) => firstReplication((tables.get("phases") ?? []).filter((row) => (row.variant ?? "") === variant)));
    const spec = latencyOverTime(
      mine.map((row) => ({ timeS: num(row.timeS), p50Ms: num(row.p50Ms), p95Ms: num(row.p95Ms), p99Ms: num(row.p99Ms), variant: row.variant ?? "" })),
      marks.map((row) => ({ timeS: num(row.timeS), label: row.label ?? "", variant: row.variant ?? "" })),
      { title: "I/O latency over time" },
    );
    return [{ name: "latency", title: "I/O latency over time", spec }];
  },
  relocationProgress: (rows, _tables, many) => {
    const data = firstReplication(rows).map((row) => ({ timeS: num(row.timeS), fractionCopied: num(row.fractionCopied), strategy: seriesOf(row, "strategy", many) }));
    return [{ name: "relocation", title: "Relocation progress", spec: relocationProgress(data) }];
  },
  hitRatioOverTime: (rows, _tables, many) => {
    const data = firstReplication(rows).map((row) => ({ timeS: num(row.timeS), hitRatio: num(row.hitRatio), series: seriesOf(row, "series", many) }));
    return [{ name: "hit-ratio", title: "Hit ratio over time", spec: hitRatioOverTime(data) }];
  },
  utilisation: (rows, _tables, many) => {
    const data = firstReplication(rows).map((row) => ({ timeS: num(row.timeS), utilisation: num(row.utilisation), resource: seriesOf(row, "resource", many) }));
    return [{ name: "utilisation", title: "Utilisation over time", spec: utilisationOverTime(data) }];
  },
  tts: (rows) => {
    const data = rows.map((row) => ({
      strategy: seriesOf(row, "strategy", false),
      ttsSeconds: num(row.ttsSeconds),
      ...(row.vm === undefined ? {} : { vm: `${row.replication ?? "0"}/${row.vm}` }),
      ...csvBand(row.ttsLowerSeconds, row.ttsUpperSeconds),
    }));
    return [{ name: "tts", title: "Time to service by strategy", spec: ttsDistribution(data) }];
  },
  missRatioCurve: (rows) => {
    const data = firstReplication(rows).map((row) => ({ policy: row.policy ?? row.variant ?? "", size: num(row.size), missRatio: num(row.missRatio) }));
    return [{ name: "mrc", title: "Miss ratio by cache size", spec: missRatioCurve(data, { sizeUnit: rows[0]?.sizeUnit || "blocks" }) }];
  },
};

/** Table names with a standard view, in the order their charts appear. */
export const VIEW_TABLES: readonly string[] = Object.keys(tableViews);

/** At most this many metric panels in the `metrics` chart (the first ones the model reports). */
const MAX_PANELS = 12;

/**
 * The standard views of a run folder's files: `metrics` (each variant's metric means), then one
 * per table of the contract above that the folder holds.
 *
 * @example
 * import { runFiles } from "./run-results.ts";
 * const files = runFiles(runScenario(loadScenario("scenarios/validation/mm1.yaml", { sets: ["replications=2", "model.customers=2000", "model.warmupCustomers=100"] }), { seed: 7 }));
 * runViews(files).map((view) => view.name) // => ["metrics"] // queue-station emits no tables
 */
export function runViews(files: ReadonlyMap<string, string | Uint8Array>): NamedView[] {
  const metrics = parseCsv(textOf(files, "metrics.csv"));
  const names = [...new Set(metrics.map((row) => row.metric))].slice(0, MAX_PANELS);
  const bars = metrics
    .filter((row) => names.includes(row.metric))
    .map((row) => ({ strategy: row.variant, metric: row.metric, value: num(row.mean), unit: row.unit, ...csvBand(row.band_low, row.band_high), ...csvCi(row.n, row.ci95_low, row.ci95_high) }));
  const views: NamedView[] = bars.length > 0 ? [{ name: "metrics", title: "Metrics by variant", spec: comparisonBars(bars, { title: "Metrics by variant" }) }] : [];
  const tables = new Map<string, CsvRow[]>();
  for (const [file, content] of files) {
    const name = /^([A-Za-z0-9_-]+)\.csv$/.exec(file)?.[1];
    if (name && (name in tableViews || name === "phases")) tables.set(name, parseCsv(typeof content === "string" ? content : new TextDecoder().decode(content)));
  }
  const manyVariants = new Set(metrics.map((row) => row.variant)).size > 1;
  for (const name of VIEW_TABLES) {
    const rows = tables.get(name);
    if (rows && rows.length > 0) views.push(...tableViews[name](rows, tables, manyVariants));
  }
  return views;
}

function textOf(files: ReadonlyMap<string, string | Uint8Array>, name: string): string {
  const content = files.get(name);
  if (content === undefined) return "";
  return typeof content === "string" ? content : new TextDecoder().decode(content);
}

/**
 * Renders views to `charts/<name>.<format>` files, returning them with the SVGs for a report.
 *
 * @example
 * import { runFiles } from "./run-results.ts";
 * const views = runViews(runFiles(runScenario(loadScenario("scenarios/validation/mm1.yaml", { sets: ["replications=2", "model.customers=2000", "model.warmupCustomers=100"] }), { seed: 7 })));
 * (await renderViews(views, ["svg"])).files.has("charts/metrics.svg") // => true
 */
export async function renderViews(views: readonly NamedView[], formats: readonly ChartFormat[] = ["vl.json", "svg", "png"]): Promise<{ files: FolderContents; charts: ReportChart[] }> {
  // Loaded only when charts are rendered: the renderer (vega, vega-lite, resvg) is ~1 s of start-up
  // that a refused `rtolab run` (bad input, a user's --out) need not pay.
  const { renderPng, renderSvg } = await import("./charts/render.ts");
  const files: FolderContents = new Map();
  const charts: ReportChart[] = [];
  for (const view of views) {
    const svg = await renderSvg(view.spec);
    if (formats.includes("vl.json")) files.set(`charts/${view.name}.vl.json`, `${canonicalJson(view.spec, 2)}\n`);
    if (formats.includes("svg")) files.set(`charts/${view.name}.svg`, svg);
    if (formats.includes("png")) files.set(`charts/${view.name}.png`, renderPng(svg));
    charts.push({ name: view.name, title: view.title, svg, spec: view.spec });
  }
  return { files, charts };
}

interface SummaryJson {
  scenario?: { name?: string };
  seed?: number;
  replications?: number;
  fingerprint?: string;
  events?: number;
  rtolab?: string;
  variants?: Record<string, { description?: string; metrics?: Record<string, { description?: string }> }>;
  definition?: { description?: unknown; sources?: unknown };
}

/**
 * The metrics of metrics.csv as a pivot table: a row per metric (first-seen order) with its
 * unit, a column per variant, each cell the mean with its 95% CI half-width (n ≥ 2), model band
 * and closed form (`analytic`) when it has them.
 *
 * @example
 * const csv = "variant,metric,unit,n,mean,ci95_low,ci95_high,analytic,band_low,band_high\nlru,tts,s,2,40.123,39.9,40.346,,,\narc,tts,s,2,35,35,35,,,\n";
 * metricsPivot(parseCsv(csv)).rows
 * // ≈ [{ labels: ["tts", "s"], cells: [{ value: 40.123, halfWidth: 0.223 }, { value: 35, halfWidth: 0 }] }]
 */
export function metricsPivot(metrics: readonly CsvRow[], descriptions: ReadonlyMap<string, string> = new Map()): PivotTable {
  const variants = [...new Set(metrics.map((row) => row.variant ?? ""))];
  const names = [...new Set(metrics.map((row) => row.metric))];
  const byKey = new Map(metrics.map((row) => [`${row.variant ?? ""}\u0000${row.metric}`, row]));
  const rows = names.map((metric) => {
    const cells = variants.map((variant): PivotCell | undefined => {
      const row = byKey.get(`${variant}\u0000${metric}`);
      if (row === undefined) return undefined;
      const ci = csvCi(row.n, row.ci95_low, row.ci95_high);
      const band = csvBand(row.band_low, row.band_high);
      const analytic = num(row.analytic);
      return {
        value: num(row.mean),
        ...(ci.ciLow === undefined || ci.ciHigh === undefined ? {} : { halfWidth: (ci.ciHigh - ci.ciLow) / 2 }),
        ...(band.lower === undefined || band.upper === undefined ? {} : { band: [band.lower, band.upper] as const }),
        ...(Number.isFinite(analytic) ? { reference: { label: "analytic", value: analytic } } : {}),
      };
    });
    const unit = metrics.find((row) => row.metric === metric)?.unit ?? "";
    const description = descriptions.get(metric);
    return { labels: [metric, unit], cells, ...(description ? { description } : {}) };
  });
  return { labelHeaders: ["Metric", "Unit"], columns: variants, rows };
}

/** The scenario's description and sources as summary.json records them, when it does. */
function scenarioText(summary: SummaryJson): { description?: string; sources?: string[] } {
  const { description, sources } = summary.definition ?? {};
  return {
    ...(typeof description === "string" && description.trim() !== "" ? { description: description.trim() } : {}),
    ...(Array.isArray(sources) ? { sources: sources.filter((source): source is string => typeof source === "string") } : {}),
  };
}

/**
 * The `report.html` of a run folder's files: the scenario's name, description and sources, the
 * metrics as a pivot table (mean ± 95% CI half-width and model band per variant), notes (seed,
 * replications, fingerprint, variant descriptions) and the given charts.
 *
 * @example
 * import { runFiles } from "./run-results.ts";
 * const files = runFiles(runScenario(loadScenario("scenarios/validation/mm1.yaml", { sets: ["replications=2", "model.customers=2000", "model.warmupCustomers=100"] }), { seed: 7 }));
 * const { charts } = await renderViews(runViews(files), ["svg"]);
 * runReportHtml(files, charts).includes("<h1>mm1</h1>") // => true
 */
export function runReportHtml(files: ReadonlyMap<string, string | Uint8Array>, charts: readonly ReportChart[]): string {
  const summary = JSON.parse(textOf(files, "summary.json") || "{}") as SummaryJson;
  const descriptions = new Map<string, string>();
  for (const variant of Object.values(summary.variants ?? {})) {
    for (const [name, metric] of Object.entries(variant.metrics ?? {})) if (metric.description) descriptions.set(name, metric.description);
  }
  const variantNotes = Object.entries(summary.variants ?? {}).flatMap(([name, variant]) => (variant.description ? [`${name}: ${variant.description}`] : []));
  const notes = [
    `seed ${summary.seed ?? "?"}, ${summary.replications ?? "?"} replication(s), ${summary.events ?? "?"} events`,
    `event fingerprint ${summary.fingerprint ?? "?"}; rtolab ${summary.rtolab ?? "?"}`,
    ...variantNotes,
    "Every replication's values are in replications.csv; means and CIs in metrics.csv.",
  ];
  const table = metricsPivot(parseCsv(textOf(files, "metrics.csv")), descriptions);
  return buildReportHtml({ title: summary.scenario?.name ?? "run", ...scenarioText(summary), table, notes, charts });
}

/**
 * The chart files and `report.html` of a run folder, from its other files.
 *
 * @example
 * import { runFiles } from "./run-results.ts";
 * const result = runScenario(loadScenario("scenarios/validation/mm1.yaml", { sets: ["replications=2", "model.customers=2000", "model.warmupCustomers=100"] }), { seed: 7 });
 * [...(await runReportFiles(runFiles(result))).keys()] // => ["charts/metrics.vl.json", "charts/metrics.svg", "charts/metrics.png", "report.html"]
 */
export async function runReportFiles(files: ReadonlyMap<string, string | Uint8Array>, formats?: readonly ChartFormat[]): Promise<FolderContents> {
  const rendered = await renderViews(runViews(files), formats);
  rendered.files.set("report.html", runReportHtml(files, rendered.charts));
  return rendered.files;
}
