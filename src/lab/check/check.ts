/**
 * `rtolab check`: evaluate run results against budgets and a committed baseline. Pure over
 * {@link RunResult}s; running the scenarios and printing are the CLI's job.
 */
import type { RunResult } from "../run.ts";
import type { MetricSummary } from "../../metrics/summarize.ts";
import { InputError } from "../../util/errors.ts";
import { regresses, type Baseline, type BaselineMetric, type Direction } from "./baseline.ts";
import { budgetLimit, holds } from "../../metrics/budget.ts";
import type { BudgetsFile } from "./budgets.ts";

/** One evaluated check: a budget on one variant's metric, or a metric against its baseline. */
export interface CheckRow {
  scenario: string;
  /**
   * A name that stays the same while the numbers change (JUnit test names):
   * `tts@profile <= 50s` (the limit as written), `waitMean@base baseline`.
   */
  name: string;
  variant: string;
  metric: string;
  unit: string;
  mean: number;
  halfWidth: number;
  /** What was checked: `<= 5` (budget, in the metric unit) or `baseline 4.02 ± 0.1`. */
  check: string;
  ok: boolean;
  /** Why it failed, or a note (no baseline yet, scenario changed). */
  message?: string;
}

const halfWidthOf = (m: MetricSummary): number => (m.n > 1 ? (m.ci95[1] - m.ci95[0]) / 2 : 0);

function budgetRows(result: RunResult, budgets: BudgetsFile): CheckRow[] {
  const scenario = result.loaded.scenario.name;
  return budgets.budgets
    .filter((budget) => budget.scenario === scenario)
    .flatMap((budget) => {
      const variants = result.variants.filter((v) => budget.variant === undefined || v.name === budget.variant);
      if (variants.length === 0) throw new InputError(budgets.path, budget.where, `a variant of ${scenario} (${result.variants.map((v) => v.name).join(", ")})`);
      return variants.map((variant): CheckRow => {
        const metric = variant.metrics.find((m) => m.name === budget.metric);
        if (!metric) throw new InputError(budgets.path, budget.where, `a metric of ${scenario} (${variant.metrics.map((m) => m.name).join(", ")})`);
        const limit = budgetLimit(budget, metric.unit, budgets.path, budget.where);
        const ok = holds(metric.mean, budget.operator, limit);
        const row = { scenario, variant: variant.name, metric: metric.name, unit: metric.unit, mean: metric.mean, halfWidth: halfWidthOf(metric) };
        const name = `${metric.name}@${variant.name} ${budget.operator} ${budget.limit}`;
        return { ...row, name, check: `${budget.operator} ${limit}`, ok, ...(ok ? {} : { message: `${metric.name} = ${metric.mean} ${metric.unit} breaks ${budget.text}` }) };
      });
    });
}

/** The regression direction of each metric: from its budgets, or either way. */
function directions(scenario: string, budgets: BudgetsFile): Map<string, Direction> {
  const found = new Map<string, Direction>();
  for (const budget of budgets.budgets.filter((b) => b.scenario === scenario)) {
    const direction: Direction = budget.operator.startsWith("<") ? "up" : "down";
    const previous = found.get(budget.metric);
    found.set(budget.metric, previous === undefined || previous === direction ? direction : "either");
  }
  return found;
}

/** Whether a baseline comparison rests on one replication on either side (a zero-width CI). */
const singleReplication = (n: number, base: BaselineMetric): boolean => n < 2 || base.n < 2;

function baselineRows(result: RunResult, budgets: BudgetsFile, baseline: Baseline): CheckRow[] {
  const scenario = result.loaded.scenario.name;
  const stored = baseline.scenarios[scenario];
  const direction = directions(scenario, budgets);
  return result.variants.flatMap((variant) =>
    variant.metrics.map((metric): CheckRow => {
      const row = { scenario, name: `${metric.name}@${variant.name} baseline`, variant: variant.name, metric: metric.name, unit: metric.unit, mean: metric.mean, halfWidth: halfWidthOf(metric) };
      const base = stored?.variants[variant.name]?.[metric.name];
      if (!base) return { ...row, check: "baseline", ok: true, message: "no baseline yet (rtolab check --update-baseline)" };
      const changed = stored.hash !== result.loaded.hash ? "; the scenario changed since the baseline" : "";
      const single = singleReplication(metric.n, base);
      const tolerance = single ? (budgets.singleReplicationTolerance ?? budgets.tolerance) : budgets.tolerance;
      const bad = regresses({ mean: metric.mean, halfWidth: row.halfWidth }, base, tolerance, direction.get(metric.name) ?? "either");
      const check = `baseline ${base.mean} ± ${base.halfWidth}`;
      if (!bad) return { ...row, check, ok: true, ...(changed ? { message: changed.slice(2) } : {}) };
      const relative = base.mean === 0 ? "" : ` (${((100 * (metric.mean - base.mean)) / Math.abs(base.mean)).toFixed(1)}%)`;
      const beyond = single ? `beyond the ${tolerance * 100}% tolerance (1 replication: no CI)` : `beyond both CIs and the ${tolerance * 100}% tolerance`;
      return { ...row, check, ok: false, message: `${metric.name} moved from ${base.mean} to ${metric.mean} ${metric.unit}${relative}, ${beyond}${changed}` };
    }),
  );
}

/**
 * Warnings about the evidence behind the checks: a scenario compared with a baseline from one
 * replication (or run with one) has zero-width CIs, so only a relative tolerance judges it;
 * the warning names the tolerance used and, when the budgets file declares no
 * `singleReplicationTolerance`, says to declare one.
 *
 * @example
 * const budgets = { path: "b.yaml", tolerance: 0.05, budgets: [] };
 * const base = { version: 1 as const, scenarios: { boot: { hash: "h", seed: 1, variants: { ssd: { tts: { unit: "s", mean: 35.6, halfWidth: 0, n: 1 } } } } } };
 * const result = { loaded: { scenario: { name: "boot" } }, variants: [{ name: "ssd", metrics: [{ name: "tts", n: 1 }] }] } as unknown as RunResult;
 * checkWarnings([result], budgets, base)
 * // => ["boot: 1 replication (baseline or run): zero-width CIs, so only the 5% relative tolerance judges a change (declare singleReplicationTolerance in b.yaml)"]
 */
export function checkWarnings(results: readonly RunResult[], budgets: BudgetsFile, baseline?: Baseline): string[] {
  if (!baseline) return [];
  return results.flatMap((result) => {
    const scenario = result.loaded.scenario.name;
    const stored = baseline.scenarios[scenario];
    const single = result.variants.some((variant) =>
      variant.metrics.some((metric) => {
        const base = stored?.variants[variant.name]?.[metric.name];
        return base !== undefined && singleReplication(metric.n, base);
      }),
    );
    if (!single) return [];
    const declared = budgets.singleReplicationTolerance;
    const how = declared === undefined ? `the ${budgets.tolerance * 100}% relative tolerance judges a change (declare singleReplicationTolerance in ${budgets.path})` : `singleReplicationTolerance (${declared * 100}%) judges a change`;
    return [`${scenario}: 1 replication (baseline or run): zero-width CIs, so only ${how}`];
  });
}

/**
 * What a check run would leave unchecked, as one line each: a budgets-file scenario that none of
 * the scenarios given is named (a misspelt name), and a scenario given that has neither a budget
 * nor a baseline entry. Both are known before anything runs.
 *
 * @example
 * const budgets = { path: "b.yaml", tolerance: 0.05, budgets: [{ scenario: "mm11", where: "scenarios.mm11[0]", metric: "waitMean", operator: "<=" as const, limit: "5ms", text: "waitMean <= 5ms" }] };
 * unmatchedChecks(["mm1"], budgets)
 * // => ["b.yaml: scenarios.mm11: the name of a scenario checked (mm1); nothing matched it", "mm1: a budget in b.yaml or a baseline entry; nothing would be checked"]
 */
export function unmatchedChecks(scenarios: readonly string[], budgets: BudgetsFile, baseline?: Baseline): string[] {
  const named = new Set(budgets.budgets.map((budget) => budget.scenario));
  const unknown = [...named].filter((name) => !scenarios.includes(name)).map((name) => `${budgets.path}: scenarios.${name}: the name of a scenario checked (${scenarios.join(", ")}); nothing matched it`);
  const unchecked = scenarios
    .filter((name) => !named.has(name) && baseline?.scenarios[name] === undefined)
    .map((name) => `${name}: a budget in ${budgets.path}${baseline ? " or an entry in the baseline" : " or a baseline entry"}; nothing would be checked`);
  return [...unknown, ...unchecked];
}

/**
 * Every check of the given results: budgets first, then (with a baseline) every metric of every
 * variant against it. Throws an {@link InputError} when a budget names an unknown metric,
 * variant or unit.
 *
 * @example
 * import { readBudgets } from "./budgets.ts";
 * checkResults([runScenario(loadScenario("scenarios/validation/mm1.yaml", { sets: ["replications=2", "model.customers=2000", "model.warmupCustomers=100"] }))], readBudgets("budgets/validation.yaml"))[0]
 * // ≈ { scenario: "mm1", name: "waitMean@base <= 4.5ms", variant: "base", metric: "waitMean", unit: "ms", mean: 3.44, halfWidth: 5.27, check: "<= 4.5", ok: true } // two short replications
 */
export function checkResults(results: readonly RunResult[], budgets: BudgetsFile, baseline?: Baseline): CheckRow[] {
  return results.flatMap((result) => [...budgetRows(result, budgets), ...(baseline ? baselineRows(result, budgets, baseline) : [])]);
}

/**
 * A baseline holding `results` (replacing their scenarios in `previous`, keeping the others).
 *
 * @example
 * baselineOf([runScenario(loadScenario("scenarios/validation/mm1.yaml", { sets: ["replications=2", "model.customers=2000", "model.warmupCustomers=100"] }))]).scenarios.mm1.variants.base.waitMean.n // => 2
 */
export function baselineOf(results: readonly RunResult[], previous?: Baseline): Baseline {
  const scenarios = { ...(previous?.scenarios ?? {}) };
  for (const result of results) {
    const variants: Record<string, Record<string, BaselineMetric>> = {};
    for (const variant of result.variants) {
      variants[variant.name] = Object.fromEntries(variant.metrics.map((m) => [m.name, { unit: m.unit, mean: m.mean, halfWidth: halfWidthOf(m), n: m.n }]));
    }
    scenarios[result.loaded.scenario.name] = { hash: result.loaded.hash, seed: result.seed, variants };
  }
  return { version: 1, scenarios };
}
