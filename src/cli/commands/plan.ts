/**
 * `rtolab plan <scenario> --vary NAME=a..b ... --budget "metric<=value" ...`: the smallest
 * configuration meeting every budget on the upper 95% confidence bound, the frontier (for each
 * outer value, the smallest last-dimension value), a chart of it and CSVs. The search itself is
 * `planCapacity` in `src/fleet/plan.ts`; this file runs scenarios for it and writes the results.
 */
import { join } from "node:path";
import type { Argv } from "yargs";
import { FLEET_PLAN_FIELDS } from "../../fleet/spec.ts";
import { bandVerdict, parsePlanBudget, parseVary, planCapacity, planCsvColumns, planCsvRows, type Evaluate, type FrontierPoint, type MetricBounds, type PlanResult, type PlanRun } from "../../fleet/plan.ts";
import type { Budget } from "../../metrics/budget.ts";
import { bindingLabel, fleetBindings, BINDING_THRESHOLD, WAIT_THRESHOLD, type Binding } from "../../fleet/binding.ts";
import { createRunPool, runScenarioOnPool } from "../../lab/run-pool.ts";
import { runScenario, type RunResult } from "../../lab/run.ts";
import { writeFolderAtomically } from "../../report/atomic-folder.ts";
import { checkOutputFolder } from "../../report/output-folder.ts";
import { bindingMap, type BindingRow } from "../../report/charts/binding-map.ts";
import { sweepSurface, type SweepRow } from "../../report/charts/sweep-surface.ts";
import { toCsv } from "../../report/csv.ts";
import { buildReportHtml, type PivotCell, type PivotTable, type ReportChart } from "../../report/html/report.ts";
import { baseVariantOnly, type LoadedScenario } from "../../scenario/load.ts";
import { loadScenario } from "../../lab/load.ts";
import { InputError, isInputError } from "../../util/errors.ts";
import { formatNumber, textTable } from "../format.ts";
import { holdSignalsFromHere } from "../interrupt.ts";
import { createProgress } from "../progress.ts";
import { PlanRuns, type TaskRunner } from "./plan-runs.ts";
import { workersOption } from "./workers-option.ts";
import { COMMANDS } from "./catalog.ts";
import { warnAboutScenario } from "../scenario-warnings.ts";
import { neighbourChanges } from "../../fleet/sensitivity.ts";

interface PlanArguments {
  scenario: string;
  vary: string[];
  budget: string[];
  weight: string[];
  replications?: number;
  seed?: number;
  out?: string;
  set: string[];
  chart: boolean;
  workers?: number;
  variant?: string;
  quiet: boolean;
}

/** Adds the `plan` command. */
export function planCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.plan.usage,
    COMMANDS.plan.describe,
    (command) =>
      command
        .positional("scenario", { type: "string", demandOption: true, describe: "scenario file" })
        .option("vary", { type: "string", array: true, demandOption: true, describe: "NAME=a..b (or a,b,c); fleet names: mediaAgents, vsas; or a field path. The last --vary is binary-searched" })
        .option("budget", { type: "string", array: true, demandOption: true, describe: 'metric<=value with units, e.g. "tts.p95<=5min"' })
        .option("weight", { type: "string", array: true, default: [] as string[], describe: "cost weight NAME=w (default 1 each): cost = sum of weight × value" })
        .option("replications", { type: "number", describe: "replications per configuration (at least 2; default the scenario's, at least 2)" })
        .option("seed", { type: "number", describe: "master seed" })
        .option("out", { type: "string", describe: "results folder (default results/<scenario>/plan-s<seed>)" })
        .option("set", { type: "string", array: true, default: [] as string[], describe: "override a field: --set model.restore.vms=50" })
        .option("variant", { type: "string", describe: "the variant to plan, when the scenario declares variants (one frontier per run; `base` plans the scenario without any variant's overrides)" })
        .option("chart", { type: "boolean", default: true, describe: "write charts (--no-chart to skip)" })
        .option("workers", { type: "number", describe: "worker threads for each configuration's replications (default: cores; 0 runs in this thread); results do not depend on it" })
        .option("quiet", { type: "boolean", default: false, describe: "no progress line" })
        .example('$0 plan scenarios/fleet/mass-restore.yaml --variant locality-first --vary mediaAgents=1..8 --vary vsas=2..32 --budget "tts.p95<=5min" --budget "backupWindow<=8h"', "size media agents and VSAs"),
    async (argv) => executePlan(argv as unknown as PlanArguments),
  );
}

function positiveInteger(flag: string, value: number | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < min) throw new InputError(flag, String(value), `an integer of at least ${min}`);
  return value;
}

function parseWeights(texts: readonly string[]): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const text of texts) {
    const match = /^\s*([\w.]+)\s*=\s*([0-9.eE+]+)\s*$/.exec(text);
    const value = match ? Number(match[2]) : NaN;
    if (!match || !(value >= 0)) throw new InputError("--weight", text, "NAME=w with a non-negative number w, like mediaAgents=4");
    weights[match[1]] = value;
  }
  return weights;
}

/** The scenario with the overrides, as its base variant only. */
function loadBase(path: string, sets: readonly string[]): LoadedScenario {
  return baseVariantOnly(loadScenario(path, { sets }));
}

/**
 * The `--set` overrides of the variant to plan: none for a scenario without variants or for
 * `base`; a scenario that declares variants must name one, since a plan has one frontier (exit 2
 * naming them otherwise). The variant's overrides become `--set`s, so every configuration, in
 * this thread or a worker, is the variant's scenario with the plan's values on top.
 *
 * @example
 * variantSets({ variants: [{ name: "lru", set: { "model.cache.policy": "lru" } }] }, "lru") // => ['model.cache.policy="lru"']
 * variantSets({}, undefined) // => []
 * variantSets({ variants: [{ name: "lru", set: {} }] }, undefined) // throws "--variant: (none): the variant to plan: one of base, lru (the scenario declares 1 variant; a plan has one frontier)"
 */
export function variantSets(scenario: { variants?: ReadonlyArray<{ name: string; set: Record<string, unknown> }> }, name: string | undefined): string[] {
  const declared = scenario.variants ?? [];
  if (name === "base" || (name === undefined && declared.length === 0)) return [];
  const chosen = declared.find((v) => v.name === name);
  if (chosen === undefined) {
    const names = ["base", ...declared.map((v) => v.name)].join(", ");
    throw new InputError("--variant", name ?? "(none)", `the variant to plan: one of ${names} (the scenario declares ${declared.length} variant${declared.length === 1 ? "" : "s"}; a plan has one frontier)`);
  }
  return Object.entries(chosen.set).map(([path, value]) => `${path}=${JSON.stringify(value)}`);
}

/** A run's base-variant metrics as budget bounds (mean and 95% CI), by name. */
function metricBounds(result: RunResult): Map<string, MetricBounds> {
  return new Map(result.variants[0].metrics.map((m): [string, MetricBounds] => [
    m.name,
    { unit: m.unit, mean: m.mean, low: m.ci95[0], high: m.ci95[1], ...(m.lower !== undefined && m.upper !== undefined ? { bandLow: m.lower, bandHigh: m.upper } : {}) },
  ]));
}

/**
 * Runs the command. Each configuration's replications run on one pool of `--workers` threads,
 * created once for the whole plan; results do not depend on the thread count. Signals (see
 * `../interrupt.ts`): the folder is written atomically at the end, so Ctrl-C or SIGTERM during
 * the search exits at once (130, 143) saying nothing was saved and how many configurations had
 * been evaluated; with `--workers 0` it is answered between configurations.
 */
async function executePlan(args: PlanArguments): Promise<void> {
  if (args.vary.length === 0) throw new InputError("--vary", "", "at least one NAME=a..b");
  if (args.out !== undefined) checkOutputFolder(args.out);
  const workers = workersOption(args.workers);
  const declared = loadScenario(args.scenario, { sets: args.set });
  const sets = [...variantSets(declared.scenario, args.variant), ...args.set];
  const first = loadScenario(args.scenario, { sets });
  const aliases = (first.scenario.model as { kind: string }).kind === "fleet" ? FLEET_PLAN_FIELDS : {};
  const varies = args.vary.map((text, i) => parseVary(text, aliases, i === args.vary.length - 1));
  const budgets = args.budget.map(parsePlanBudget);
  const weights = parseWeights(args.weight);
  const seed = positiveInteger("--seed", args.seed, 0) ?? first.scenario.seed;
  // The results folder is checked before the search, which can take minutes.
  const folder = checkOutputFolder(args.out ?? join("results", first.scenario.name, `plan-s${seed}`));
  const replications = positiveInteger("--replications", args.replications, 2) ?? Math.max(2, first.scenario.replications);
  const setsFor = (assignment: Readonly<Record<string, number>>) => [...sets, ...varies.map((v) => `${v.field}=${assignment[v.name]}`), `replications=${replications}`];
  // A field the scenario does not have is a flag error, found before any run.
  try {
    loadBase(args.scenario, setsFor(Object.fromEntries(varies.map((v) => [v.name, v.values[0]]))));
  } catch (error) {
    if (isInputError(error)) throw new InputError("--vary", args.vary.join(" "), `fields of the scenario (${error.where || error.message})`);
    throw error;
  }
  // After every flag is checked: a bad flag's error stays the one line on stderr.
  warnAboutScenario(first, args.scenario, args.quiet);
  const unfinished = (evaluated: number) => `nothing saved: ${evaluated} configuration(s) had been evaluated (a plan writes its results only when complete)`;
  let evaluated = 0;
  let saved = unfinished(0);
  holdSignalsFromHere(() => saved);
  // One pool for the whole plan: a pool per configuration would start its threads every time.
  const threads = Math.min(workers, replications);
  const pool = workers === 0 ? undefined : createRunPool(threads);
  /** Metrics of one configuration, or undefined when the model refuses it (it then meets nothing). */
  const configuration = async (assignment: Readonly<Record<string, number>>, runner?: TaskRunner) => {
    try {
      const sets = setsFor(assignment);
      const loaded = loadBase(args.scenario, sets);
      // runScenarioOnPool only calls the pool's run(); PlanRuns queues the tasks in front of it.
      if (runner) return metricBounds(await runScenarioOnPool(loaded, runner, { seed, sets }));
      // In this thread: let a pending signal's listener run between configurations.
      await new Promise((resolve) => setImmediate(resolve));
      return metricBounds(runScenario(loaded, { seed }));
    } catch (error) {
      // A configuration the model refuses (e.g. a failure naming a missing media agent) meets nothing.
      if (isInputError(error)) return undefined;
      throw error;
    }
  };
  // On threads, the configurations the search will probably need next run in the idle ones.
  const runs = pool && new PlanRuns(pool, threads, configuration);
  // The search evaluates at most the whole grid, usually far fewer: the bar and its ETA are bounds.
  const grid = varies.reduce((size, vary) => size * vary.values.length, 1);
  const progress = createProgress(`plan ${first.scenario.name}`, { quiet: args.quiet });
  const evaluate: Evaluate = async (assignment) => {
    try {
      return await (runs ? runs.need(assignment) : configuration(assignment));
    } finally {
      saved = unfinished(++evaluated);
      progress.update(evaluated / grid, `${evaluated} configurations (at most ${grid})`);
    }
  };
  let plan: PlanResult;
  try {
    plan = await planCapacity(varies, budgets, evaluate, { weights, upcoming: runs && ((next) => runs.expect(next)) });
  } finally {
    progress.done();
    await pool?.destroy();
  }
  const planned = args.variant === undefined ? "" : ` (variant ${args.variant})`;
  console.log(`plan ${first.scenario.name}${planned}: ${plan.evaluations.length} configurations × ${replications} replications, seed ${seed}; a budget is met only when its 95% confidence bound is (upper for <=, lower for >=); cells: mean (bound)`);
  console.log(frontierTable(plan));
  if (plan.evaluations.some((e) => e.metrics && fleetBindings(e.metrics).length > 0)) {
    console.log(`binding resource of every configuration evaluated (${BINDING_NOTE}):`);
    console.log(evaluationTable(plan));
  }
  console.log(plan.best ? `smallest: ${describe(plan, plan.best)} (cost ${formatNumber(plan.best.cost)})` : "smallest: no configuration in the ranges meets every budget");
  saved = "nothing saved (the results folder was not written)";
  writeFolderAtomically(folder, await planFiles(plan, { scenario: first.scenario.name, seed }, args.chart, first.scenario));
  saved = `results saved in ${folder}`;
  console.log(`results: ${folder}`);
}

function describe(plan: PlanResult, point: FrontierPoint): string {
  const inner = plan.varies[plan.varies.length - 1];
  return [...Object.entries(point.outer), [inner.name, point.smallest]].map(([k, v]) => `${k}=${v}`).join(", ");
}

/**
 * A budget cell: the mean and the bound the budget is judged on, with the metric's unit, and
 * `‡` when the verdict flips within the replay model's band ({@link bandVerdict}).
 *
 * @example
 * import { parsePlanBudget } from "../../fleet/plan.ts";
 * boundCell({ unit: "min", mean: 1.7741, low: 1.70, high: 1.8512 }, parsePlanBudget("tts.p95<=5min")) // => "1.774 min (≤1.851 min)"
 * boundCell({ unit: "min", mean: 4, low: 3.8, high: 4.2, bandLow: 3.5, bandHigh: 5.1 }, parsePlanBudget("tts.p95<=5min")) // => "4 min (≤4.2 min) ‡"
 * boundCell(undefined, parsePlanBudget("tts.p95<=5min")) // => ""
 */
export function boundCell(bounds: MetricBounds | undefined, budget: Budget): string {
  if (!bounds) return "";
  const op = budget.operator;
  const side = op.startsWith("<") ? bounds.high : bounds.low;
  const unit = bounds.unit === "" ? "" : ` ${bounds.unit}`;
  const flips = bandVerdict(budget, bounds) === "flips" ? " ‡" : "";
  return `${formatNumber(bounds.mean)}${unit} (${op.startsWith("<") ? "≤" : "≥"}${formatNumber(side)}${unit})${flips}`;
}

/** The line under a plan's table when some verdict rests on the replay model's band. */
export const BAND_FOOTNOTE = "‡ the verdict flips within the replay model's band (docs/replay.md): it rests on the dependency guess, not only on the configuration";

/** How binding is judged, for the printed output and the report (fleet/binding.ts). */
const BINDING_NOTE = `a throughput resource (MA storage, ingest, NIC, WAN, VSA throughput) binds at utilisation ≥ ${BINDING_THRESHOLD} over the phase, the highest first; else the larger queue when tasks spent ≥ ${WAIT_THRESHOLD} of their time in it: VSA slots (wait for a slot) or MA storage (demand reads queued for a fetch slot or a disk); else none`;

/** The binding resources of a configuration as one cell: the phase named when there are several. */
function bindingCell(metrics: ReadonlyMap<string, MetricBounds> | undefined): string {
  const bindings = metrics === undefined ? [] : fleetBindings(metrics);
  return bindings.map((b) => bindingLabel(b, bindings.length > 1)).join("; ");
}

function frontierTable(plan: PlanResult): string {
  const outer = plan.varies.slice(0, -1).map((v) => v.name);
  const inner = plan.varies[plan.varies.length - 1];
  const binds = plan.frontier.some((p) => bindingCell(p.metrics) !== "");
  const header = [...outer, `smallest ${inner.name}`, "cost", ...plan.budgets.map((b) => `${b.metric} (${b.operator}${b.limit})`), ...(binds ? ["binding"] : [])];
  const rows = plan.frontier.map((point) => [
    ...outer.map((name) => point.outer[name]),
    point.smallest ?? `none ≤ ${inner.values[inner.values.length - 1]}`,
    point.cost === undefined ? "" : formatNumber(point.cost),
    ...plan.budgets.map((b) => boundCell(point.metrics?.get(b.metric), b)),
    ...(binds ? [bindingCell(point.metrics)] : []),
  ]);
  const table = textTable(header, rows);
  return rows.some((row) => row.some((cell) => String(cell).endsWith("‡"))) ? `${table}\n${BAND_FOOTNOTE}` : table;
}

/** Every evaluated configuration, in the order of its dimensions: verdict, budget cells, binding. */
function evaluationTable(plan: PlanResult): string {
  const names = plan.varies.map((v) => v.name);
  // The first budget's metric at each evaluated next value (fleet/sensitivity.ts).
  const metric = plan.budgets[0]?.metric;
  const header = [...names, "budgets", ...plan.budgets.map((b) => b.metric), "binding", ...(metric ? [`${metric} at the next value`] : [])];
  const rows = sortedEvaluations(plan).map((e) => [
    ...names.map((n) => e.assignment[n]),
    e.metrics === undefined ? "invalid" : e.meets ? "met" : "missed",
    ...plan.budgets.map((b) => boundCell(e.metrics?.get(b.metric), b)),
    bindingCell(e.metrics),
    ...(metric ? [neighbourChanges(plan, e.assignment, metric).map((c) => `${c.name}=${c.value}: ${percentChange(c.change)}`).join(", ")] : []),
  ]);
  return textTable(header, rows);
}

/**
 * A relative change as a whole percentage with its sign (0 without one).
 *
 * @example
 * [percentChange(-0.284), percentChange(0.004), percentChange(-0.004), percentChange(0.12)] // => ["-28%", "0%", "0%", "+12%"]
 */
export function percentChange(change: number): string {
  const percent = Math.round(change * 100);
  return percent === 0 ? "0%" : `${percent > 0 ? "+" : ""}${percent}%`;
}

/** The evaluations ordered by their dimensions (first dimension first), not search order. */
function sortedEvaluations(plan: PlanResult): PlanResult["evaluations"] {
  const names = plan.varies.map((v) => v.name);
  return [...plan.evaluations].sort((a, b) => {
    for (const n of names) if (a.assignment[n] !== b.assignment[n]) return a.assignment[n] - b.assignment[n];
    return 0;
  });
}

/** plan.csv (tidy: every evaluated configuration × metric), frontier.csv and the charts. */
async function planFiles(plan: PlanResult, run: PlanRun, chart: boolean, scenario: PlannedScenario): Promise<Map<string, string | Uint8Array>> {
  const names = plan.varies.map((v) => v.name);
  const inner = names[names.length - 1];
  const frontierRows = plan.frontier.map((p) => ({ ...p.outer, [inner]: p.smallest ?? "", cost: p.cost ?? "", binding: bindingCell(p.metrics) }));
  const charts: ReportChart[] = [];
  const files = new Map<string, string | Uint8Array>([
    ["plan.csv", toCsv(planCsvRows(plan, run), planCsvColumns(names))],
    ["frontier.csv", toCsv(frontierRows, [...names, "cost", "binding"])],
  ]);
  if (!chart) return files;
  // Loaded only when charts are written (not by a refused or --no-chart plan): vega, vega-lite, resvg.
  const { chartFiles } = await import("../../report/charts/render.ts");
  const outerName = names.length > 1 ? names[0] : "configuration";
  /** Whether every value of vary `i` is a whole number (a count: integer axis ticks). */
  const whole = (i: number) => plan.varies[i].values.every((v) => Number.isInteger(v));
  const seriesOf = (assignment: Record<string, number>) => names.slice(0, -1).map((n) => `${n}=${assignment[n]}`).join(", ") || "all";
  const frontier: SweepRow[] = plan.frontier.filter((p) => p.smallest !== undefined)
    .map((p) => ({ x: names.length > 1 ? p.outer[names[0]] : 1, mean: p.smallest as number, ciLow: p.smallest as number, ciHigh: p.smallest as number, series: `smallest ${inner} meeting all budgets` }));
  for (const [name, spec] of [
    ["frontier", sweepSurface(frontier, { xTitle: outerName, yTitle: `Smallest ${inner}`, title: `Frontier: smallest ${inner} meeting every budget`, integerX: names.length === 1 || whole(0), integerY: whole(names.length - 1), legendOrient: "bottom" })],
    ...plan.budgets.map((b, i) => {
      const rows: SweepRow[] = plan.evaluations.filter((e) => e.metrics?.has(b.metric)).sort((x, y) => x.assignment[inner] - y.assignment[inner]).map((e) => {
        const m = e.metrics?.get(b.metric) as MetricBounds;
        return { x: e.assignment[inner], mean: m.mean, ciLow: m.low, ciHigh: m.high, series: seriesOf(e.assignment) };
      });
      const unit = rows.length > 0 ? (plan.evaluations.find((e) => e.metrics?.has(b.metric))?.metrics?.get(b.metric)?.unit ?? "") : "";
      return [`budget-${i + 1}`, sweepSurface(rows, { xTitle: inner, yTitle: `${b.metric} (${unit})`, title: `${b.text}: mean and 95% CI by ${inner}`, integerX: whole(names.length - 1) })] as const;
    }),
    ...bindingChart(plan),
  ] as const) {
    for (const [file, content] of await chartFiles(name, spec)) files.set(file, content);
    charts.push({ name, title: String(spec.title ?? name), svg: String(files.get(`charts/${name}.svg`)), spec });
  }
  files.set("report.html", planReportHtml(plan, charts, scenario));
  return files;
}

/** What the plan's report says of its scenario. */
interface PlannedScenario {
  name: string;
  description?: string;
  sources?: readonly string[];
}

/**
 * The binding map: every evaluated configuration at (last dimension, first dimension), coloured
 * by the restore's binding resource (the backup's when there is no restore), the frontier
 * ringed; none when no configuration reports a fleet binding.
 */
function bindingChart(plan: PlanResult): (readonly ["binding", ReturnType<typeof bindingMap>])[] {
  const names = plan.varies.map((v) => v.name);
  const inner = names[names.length - 1];
  const evaluations = sortedEvaluations(plan);
  const rows: BindingRow[] = [];
  const frontier: number[] = [];
  for (const e of evaluations) {
    const bindings = e.metrics ? fleetBindings(e.metrics) : [];
    if (bindings.length === 0) continue;
    const shown = bindings[bindings.length - 1];
    const budgets = plan.budgets.map((b) => `${b.metric} ${boundCell(e.metrics?.get(b.metric), b)}`).join("; ");
    const onFrontier = plan.frontier.some((p) => p.smallest === e.assignment[inner] && names.slice(0, -1).every((n) => p.outer[n] === e.assignment[n]));
    if (onFrontier) frontier.push(rows.length);
    rows.push({ x: e.assignment[inner], y: names.length > 1 ? e.assignment[names[0]] : 1, binding: shown.resource, verdict: e.meets ? "meets" : "misses", detail: `${budgets}; ${bindingLabel(shown, true)}` });
  }
  if (rows.length === 0) return [];
  return [["binding", bindingMap(rows, frontier, { xTitle: inner, yTitle: names.length > 1 ? names[0] : "configuration" })] as const];
}

/**
 * The frontier as a pivot table: a row per frontier point (its outer values), its smallest last
 * value and cost, and each budget's mean ± 95% CI half-width there, headed with unit and limit.
 *
 * @example
 * const bounds = new Map([["tts.max", { unit: "s", mean: 20.123, low: 19.9, high: 20.346 }]]);
 * const plan = { varies: [{ name: "mediaAgents", field: "f", values: [3, 4] }, { name: "vsas", field: "g", values: [1, 2] }],
 *   budgets: [{ metric: "tts.max", operator: "<=", limit: "25s", text: "tts.max<=25s" }],
 *   frontier: [{ outer: { mediaAgents: 3 } }, { outer: { mediaAgents: 4 }, smallest: 2, cost: 6, metrics: bounds }] };
 * const table = planPivot(plan as unknown as PlanResult);
 * [table.columns, table.rows.map((row) => row.labels), table.rows[1].cells[2]]
 * // ≈ [["smallest vsas", "cost", "tts.max (s; budget <= 25s)"], [["3"], ["4"]], { value: 20.123, halfWidth: 0.223 }]
 */
export function planPivot(plan: PlanResult): PivotTable {
  const outer = plan.varies.slice(0, -1).map((v) => v.name);
  const inner = plan.varies[plan.varies.length - 1].name;
  const unitOf = (metric: string) => plan.frontier.find((p) => p.metrics?.has(metric))?.metrics?.get(metric)?.unit ?? "";
  const binds = plan.frontier.some((p) => p.metrics && fleetBindings(p.metrics).length > 0);
  const columns = [`smallest ${inner}`, "cost", ...plan.budgets.map((b) => `${b.metric} (${[unitOf(b.metric), `budget ${b.operator} ${b.limit}`].filter(Boolean).join("; ")})`), ...(binds ? ["binding resource"] : [])];
  const rows = plan.frontier.map((point) => {
    const budgetCells = plan.budgets.map((b): PivotCell | undefined => {
      const m = point.metrics?.get(b.metric);
      return m ? { value: m.mean, halfWidth: (m.high - m.low) / 2, ...(m.bandLow !== undefined && m.bandHigh !== undefined ? { band: [m.bandLow, m.bandHigh] as const } : {}) } : undefined;
    });
    const smallest: PivotCell = { value: point.smallest ?? "none in range" };
    return {
      labels: outer.length > 0 ? outer.map((name) => String(point.outer[name])) : ["smallest"],
      cells: [smallest, point.cost === undefined ? undefined : { value: point.cost }, ...budgetCells, ...(binds ? [{ value: bindingCell(point.metrics) || "none" }] : [])],
    };
  });
  return { labelHeaders: outer.length > 0 ? outer : ["Plan"], columns, rows };
}

/** The report's note naming each frontier point whose budget verdict flips within the model band. */
function flippingNotes(plan: PlanResult): string[] {
  const flipping = plan.frontier.flatMap((point) => plan.budgets.flatMap((b) => {
    const m = point.metrics?.get(b.metric);
    return m !== undefined && bandVerdict(b, m) === "flips" ? [`${Object.entries(point.outer).map(([k, v]) => `${k}=${v}`).join(", ") || "the plan"}: ${b.text}`] : [];
  }));
  return flipping.length === 0 ? [] : [`${BAND_FOOTNOTE}: ${flipping.join("; ")}.`];
}

/**
 * The plan's report.html, laid out as a run's: the scenario's name, description and sources, the
 * frontier table (see {@link planPivot}), how budgets are judged, then the frontier and budget charts.
 */
function planReportHtml(plan: PlanResult, charts: readonly ReportChart[], scenario: PlannedScenario): string {
  const notes = [
    `${plan.evaluations.length} configurations evaluated; a budget is met only when its 95% confidence bound is (upper for <=, lower for >=).`,
    plan.best ? `Smallest configuration: ${describe(plan, plan.best)} (cost ${formatNumber(plan.best.cost)}).` : "No configuration in the ranges meets every budget.",
    `Budgets: ${plan.budgets.map((b) => b.text).join("; ")}.`,
    ...flippingNotes(plan),
    ...(charts.some((c) => c.name === "binding") ? [`Binding resource: ${BINDING_NOTE} (utilisation: mean over replications; src/fleet/binding.ts).`] : []),
  ];
  return buildReportHtml({
    title: `Capacity plan: ${scenario.name}`,
    ...(scenario.description ? { description: scenario.description } : {}),
    ...(scenario.sources ? { sources: scenario.sources } : {}),
    tableTitle: "Frontier",
    table: planPivot(plan),
    notes,
    charts,
  });
}
