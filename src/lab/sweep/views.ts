/**
 * The charts and report page of a sweep: one response surface per metric (mean and 95% CI band
 * against a swept field, a line per series), and `report.html` with a table of point means.
 *
 * The x axis is the swept field with the most distinct numeric values (numbers, durations like
 * `"2ms"` shown in the largest fitting unit, sizes like `"64GiB"`); the other fields and the
 * variant name each line. With no numeric field, x is the combination index.
 */
import type { MetricSummary } from "../../metrics/summarize.ts";
import { sweepSurface, type SweepRow } from "../../report/charts/sweep-surface.ts";
import { paretoChart, type FrontierRow } from "../../report/charts/pareto-frontier.ts";
import { buildReportHtml, type PivotTable, type ReportChart } from "../../report/html/report.ts";
import type { NamedView } from "../../report/run-report.ts";
import { NS_PER, parseDuration, parseSize } from "../../util/units.ts";
import type { SweepManifest, SweepPoint } from "./plan.ts";
import { fieldCell } from "./points.ts";

/**
 * One point's results: the point and its metrics summarised over replications. (aggregate.ts
 * makes these; declared here, with the views drawn from them, so the two files import one way.)
 */
export interface PointSummary {
  point: SweepPoint;
  metrics: MetricSummary[];
}

/** A swept field read as numbers for an axis. */
export interface NumericAxis {
  field: string;
  title: string;
  /** Field value → number in the axis unit. */
  value: (raw: unknown) => number;
}

const SIZE_UNITS: [string, number][] = [["TiB", 2 ** 40], ["GiB", 2 ** 30], ["MiB", 2 ** 20], ["KiB", 2 ** 10], ["B", 1]];
const TIME_UNITS: [string, number][] = [["h", NS_PER.h], ["min", NS_PER.min], ["s", NS_PER.s], ["ms", NS_PER.ms], ["us", NS_PER.us], ["ns", 1]];

function unitAxis(field: string, raws: readonly unknown[], parse: (text: string) => number | undefined, units: [string, number][]): NumericAxis | undefined {
  const parsed = raws.map((raw) => (typeof raw === "string" ? parse(raw) : undefined));
  if (parsed.some((value) => value === undefined)) return undefined;
  const largest = Math.max(...(parsed as number[]).map(Math.abs));
  const [unit, scale] = units.find(([, size]) => largest >= size) ?? units[units.length - 1];
  return { field, title: `${field} (${unit})`, value: (raw) => (parse(String(raw)) ?? NaN) / scale };
}

/**
 * A numeric axis for a swept field's values, or undefined when they are not all numbers,
 * durations or sizes.
 *
 * @example
 * numericAxis("model.arrival.mean", ["1ms", "2ms"])?.title // => "model.arrival.mean (ms)"
 */
export function numericAxis(field: string, raws: readonly unknown[]): NumericAxis | undefined {
  if (raws.length === 0) return undefined;
  if (raws.every((raw) => typeof raw === "number")) return { field, title: field, value: (raw) => raw as number };
  const timed = unitAxis(field, raws, (text) => (/[a-zµ]\s*$/i.test(text) ? parseDuration(text) : undefined), TIME_UNITS);
  return timed ?? unitAxis(field, raws, (text) => (/B\s*$/.test(text) ? parseSize(text) : undefined), SIZE_UNITS);
}

/**
 * The x axis of a sweep's surfaces: the numeric field with the most distinct values.
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * sweepAxis(plan.manifest)?.field // => "model.arrival.mean"
 */
export function sweepAxis(manifest: SweepManifest): NumericAxis | undefined {
  let best: { axis: NumericAxis; distinct: number } | undefined;
  for (const field of manifest.fields) {
    const raws = manifest.points.map((point) => point.values[field]);
    const axis = raws.every((raw) => raw !== undefined) ? numericAxis(field, raws) : undefined;
    const distinct = new Set(raws.map((raw) => JSON.stringify(raw))).size;
    if (axis && (!best || distinct > best.distinct)) best = { axis, distinct };
  }
  return best?.axis;
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, "-");
}

/**
 * One response surface per metric, in the order the model reports metrics.
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * await runSweep(plan, `${tmp}/sweep`, { workers: 0 });
 * const summaries = summarizePoints(readSweepResults(`${tmp}/sweep`));
 * sweepViews(plan.manifest, summaries).map((view) => view.name)
 * // => ["surface-waitMean", "surface-responseMean", "surface-utilisation", "surface-queueLengthMean", "surface-inSystemMean", "surface-customersServed"]
 */
export function sweepViews(manifest: SweepManifest, summaries: readonly PointSummary[]): NamedView[] {
  const axis = sweepAxis(manifest);
  const variants = new Set(manifest.points.map((point) => point.variant)).size;
  const seriesOf = (summary: PointSummary): string => {
    const parts = manifest.fields.filter((field) => field !== axis?.field).map((field) => `${field}=${fieldCell(summary.point.values[field])}`);
    if (variants > 1 || parts.length === 0) parts.unshift(summary.point.variant);
    return parts.join(", ");
  };
  const metrics = [...new Set(summaries.flatMap((summary) => summary.metrics.map((m) => m.name)))];
  const frontier = manifest.frontier === undefined ? [] : [frontierView(manifest, summaries, manifest.frontier)];
  return [...frontier, ...metrics.map((metric) => {
    const rows: SweepRow[] = [];
    let unit = "";
    for (const summary of summaries) {
      const m = summary.metrics.find((candidate) => candidate.name === metric);
      if (!m) continue;
      unit = m.unit;
      const x = axis ? axis.value(summary.point.values[axis.field]) : summary.point.combination;
      rows.push({ x, mean: m.mean, ciLow: m.ci95[0], ciHigh: m.ci95[1], series: seriesOf(summary) });
    }
    const yTitle = `${metric} (${unit})`;
    const title = `${metric} by ${axis?.field ?? "point"} (mean, 95% CI)`;
    return { name: `surface-${safeName(metric)}`, title, spec: sweepSurface(rows, { xTitle: axis?.title ?? "combination", yTitle, title }) };
  })];
}

/**
 * The frontier view: every point's means of the two metrics, one series per variant, labelled
 * with its swept fields' values, the Pareto frontier marked (points lacking a metric left out).
 */
function frontierView(manifest: SweepManifest, summaries: readonly PointSummary[], metrics: { x: string; y: string }): NamedView {
  const rows: FrontierRow[] = [];
  const units = { x: "", y: "" };
  for (const summary of summaries) {
    const x = summary.metrics.find((m) => m.name === metrics.x);
    const y = summary.metrics.find((m) => m.name === metrics.y);
    if (x === undefined || y === undefined) continue;
    units.x = x.unit;
    units.y = y.unit;
    const label = manifest.fields.map((field) => `${field.split(".").pop()}=${fieldCell(summary.point.values[field])}`).join(" ");
    rows.push({ x: x.mean, y: y.mean, series: summary.point.variant, label });
  }
  const title = `${metrics.y} against ${metrics.x} per point, Pareto frontier in black`;
  return { name: "frontier", title, spec: paretoChart(rows, { xTitle: `${metrics.x} (${units.x})`, yTitle: `${metrics.y} (${units.y})`, title }) };
}

/** Rows shown in the report's table; the full table is summary.csv. */
const MAX_TABLE_ROWS = 200;

/**
 * The sweep's points as a pivot table: a row per point (id, variant, swept values), a column per
 * metric with its unit, each cell the mean ± 95% CI half-width (n ≥ 2).
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * await runSweep(plan, `${tmp}/sweep`, { workers: 0 });
 * const table = sweepPivot(plan.manifest, summarizePoints(readSweepResults(`${tmp}/sweep`)));
 * [table.labelHeaders, table.columns[0], table.rows[0].labels]
 * // => [["Point", "Variant", "model.servers", "model.arrival.mean"], "waitMean (ms)", ["p0000", "base", "1", "2ms"]]
 */
export function sweepPivot(manifest: SweepManifest, summaries: readonly PointSummary[]): PivotTable {
  const metrics = new Map<string, string>();
  for (const { metrics: list } of summaries) for (const m of list) if (!metrics.has(m.name)) metrics.set(m.name, m.unit);
  const names = [...metrics.keys()];
  const rows = summaries.map(({ point, metrics: list }) => ({
    labels: [point.id, point.variant, ...manifest.fields.map((field) => String(fieldCell(point.values[field])))],
    cells: names.map((name) => {
      const m = list.find((candidate) => candidate.name === name);
      return m === undefined ? undefined : { value: m.mean, ...(m.n > 1 ? { halfWidth: (m.ci95[1] - m.ci95[0]) / 2 } : {}) };
    }),
  }));
  return { labelHeaders: ["Point", "Variant", ...manifest.fields], columns: names.map((name) => `${name} (${metrics.get(name)})`), rows };
}

/**
 * The sweep's `report.html`: the scenario's description and sources when given (`scenario`: the
 * manifest, which names the sweep by its hash, does not carry them), point means with 95% CIs
 * (first 200 points), notes, then the surfaces.
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * await runSweep(plan, `${tmp}/sweep`, { workers: 0 });
 * const summaries = summarizePoints(readSweepResults(`${tmp}/sweep`));
 * sweepReportHtml(plan.manifest, summaries, []).includes("<h1>") // => true
 */
export function sweepReportHtml(
  manifest: SweepManifest, summaries: readonly PointSummary[], charts: readonly ReportChart[], scenario: { description?: string; sources?: readonly string[] } = {},
): string {
  const table = sweepPivot(manifest, summaries);
  const notes = [
    `${manifest.points.length} points × ${manifest.replications} replications, master seed ${manifest.seed}; replication r of every point uses seed "${manifest.seed}/r" (common random numbers)`,
    `scenario ${manifest.scenario.file} (hash ${manifest.scenario.hash.slice(0, 16)}); rtolab ${manifest.rtolab}`,
    ...(table.rows.length > MAX_TABLE_ROWS ? [`The table shows the first ${MAX_TABLE_ROWS} of ${table.rows.length} points; all are in summary.csv.`] : []),
  ];
  return buildReportHtml({
    title: `${manifest.scenario.name} sweep`,
    ...(scenario.description ? { description: scenario.description } : {}),
    ...(scenario.sources && scenario.sources.length > 0 ? { sources: scenario.sources } : {}),
    tableTitle: "Points",
    table: { ...table, rows: table.rows.slice(0, MAX_TABLE_ROWS) },
    notes,
    charts,
  });
}
