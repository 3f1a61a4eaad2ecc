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
        return { ...row, check: `${budget.operator} ${limit}`, ok, ...(ok ? {} : { message: `${metric.name} = ${metric.mean} ${metric.unit} breaks ${budget.text}` }) };
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

function baselineRows(result: RunResult, budgets: BudgetsFile, baseline: Baseline): CheckRow[] {
  const scenario = result.loaded.scenario.name;
  const stored = baseline.scenarios[scenario];
  const direction = directions(scenario, budgets);
  return result.variants.flatMap((variant) =>
    variant.metrics.map((metric): CheckRow => {
      const row = { scenario, variant: variant.name, metric: metric.name, unit: metric.unit, mean: metric.mean, halfWidth: halfWidthOf(metric) };
      const base = stored?.variants[variant.name]?.[metric.name];
      if (!base) return { ...row, check: "baseline", ok: true, message: "no baseline yet (rtolab check --update-baseline)" };
      const changed = stored.hash !== result.loaded.hash ? "; the scenario changed since the baseline" : "";
      const bad = regresses({ mean: metric.mean, halfWidth: row.halfWidth }, base, budgets.tolerance, direction.get(metric.name) ?? "either");
      const check = `baseline ${base.mean} ± ${base.halfWidth}`;
      if (!bad) return { ...row, check, ok: true, ...(changed ? { message: changed.slice(2) } : {}) };
      const relative = base.mean === 0 ? "" : ` (${((100 * (metric.mean - base.mean)) / Math.abs(base.mean)).toFixed(1)}%)`;
      return { ...row, check, ok: false, message: `${metric.name} moved from ${base.mean} to ${metric.mean} ${metric.unit}${relative}, beyond both CIs and the ${budgets.tolerance * 100}% tolerance${changed}` };
    }),
  );
}

/**
 * Every check of the given results: budgets first, then (with a baseline) every metric of every
 * variant against it. Throws an {@link InputError} when a budget names an unknown metric,
 * variant or unit.
 *
 * @example
 * import { readBudgets } from "./budgets.ts";
 * checkResults([runScenario(loadScenario("scenarios/validation/mm1.yaml", { sets: ["replications=2", "model.customers=2000", "model.warmupCustomers=100"] }))], readBudgets("budgets/validation.yaml"))[0]
 * // ≈ { scenario: "mm1", variant: "base", metric: "waitMean", unit: "ms", mean: 3.44, halfWidth: 5.27, check: "<= 4.5", ok: true } // two short replications
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
