/**
 * Capacity planning: which configuration is the smallest that meets every budget? Pure search
 * over an injected evaluator (the CLI runs scenarios; tests pass closed forms). A configuration
 * meets a budget only if the 95% confidence bound on the bad side does (the upper bound for
 * `<=`), so one lucky seed cannot carry it.
 *
 * Search: every combination of the outer `--vary` dimensions (all but the last), and for each a
 * binary search over the last dimension for its smallest value meeting all budgets. This
 * assumes that meeting the budgets is monotone in the last dimension (more VSAs never hurt) and,
 * with one outer dimension, in the outer one too (more media agents never need more VSAs), so
 * the answer for the previous outer value bounds the next search.
 */
import { InputError } from "../util/errors.ts";
import { budgetLimit, holds, parseBudget, type Budget } from "../metrics/budget.ts";
import { bindingLabel, fleetBindings } from "./binding.ts";

/** One `--vary`: a name, the scenario field it sets, and the values to try (ascending). */
export interface Vary {
  name: string;
  field: string;
  values: number[];
}


/** A metric across replications: mean and 95% confidence bounds, in `unit`. */
export interface MetricBounds {
  unit: string;
  mean: number;
  low: number;
  high: number;
  /**
   * The model band of the mean (the replay's slack and chain readings, docs/replay.md), when the
   * metric has one: how far the mean could move on the dependency guess alone.
   */
  bandLow?: number;
  bandHigh?: number;
}

/**
 * Runs one configuration; metrics by name, or undefined when the configuration is invalid. May
 * return a promise (the CLI runs the replications on worker threads); the search awaits each
 * evaluation before choosing the next, so the order of evaluations does not depend on it.
 */
export type Evaluate = (
  assignment: Readonly<Record<string, number>>,
) => Map<string, MetricBounds> | undefined | Promise<Map<string, MetricBounds> | undefined>;

/** One evaluated configuration. */
export interface PlanEvaluation {
  assignment: Record<string, number>;
  metrics: Map<string, MetricBounds> | undefined;
  meets: boolean;
}

/** The answer for one combination of the outer dimensions. */
export interface FrontierPoint {
  outer: Record<string, number>;
  /** Smallest value of the last dimension meeting every budget, or undefined if none does. */
  smallest: number | undefined;
  cost: number | undefined;
  metrics: Map<string, MetricBounds> | undefined;
}

/** What `planCapacity` returns. */
export interface PlanResult {
  varies: Vary[];
  budgets: Budget[];
  evaluations: PlanEvaluation[];
  frontier: FrontierPoint[];
  /** The frontier point of least cost (ties: fewer of the first dimension), if any. */
  best: FrontierPoint | undefined;
}

const MAX_OUTER_VALUES = 16;

/**
 * Values of a range `a..b` (integers, ascending; more than 16 values step geometrically when
 * `geometric`) or a list `a,b,c`. Throws an InputError naming `--vary`.
 *
 * @example
 * rangeValues("2..5", false)    // => [2, 3, 4, 5]
 * rangeValues("1..1000", true)  // => [1, 2, 3, 5, 8, 11, 17, 26, 39, 58, 87, 131, 197, 296, 444, 666, 1000]
 */
export function rangeValues(text: string, geometric: boolean): number[] {
  const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    if (a < 1 || b < a || b > 1e6) throw new InputError("--vary", text, "a range a..b of integers with 1 <= a <= b <= 1000000");
    if (!geometric || b - a + 1 <= MAX_OUTER_VALUES) return Array.from({ length: b - a + 1 }, (_, i) => a + i);
    const steps = MAX_OUTER_VALUES + 1;
    const values = new Set<number>();
    for (let i = 0; i <= steps; i++) values.add(Math.round(a * (b / a) ** (i / steps)));
    return [...values].sort((x, y) => x - y);
  }
  const list = text.split(",").map((part) => part.trim());
  if (list.length > 0 && list.every((part) => /^\d+$/.test(part) && Number(part) >= 1)) {
    return [...new Set(list.map(Number))].sort((x, y) => x - y);
  }
  throw new InputError("--vary", text, 'a range like 1..8 or a list like 2,4,8 of positive integers');
}

/**
 * Parses `name=range`: a name the scenario kind declares (`aliases`, e.g. `vsas` →
 * `model.vsas.count`) or a full field path (`model.mediaAgents.count=1..8`).
 *
 * @example
 * parseVary("vsas=2..4", { vsas: "model.vsas.count" }, true) // => { name: "vsas", field: "model.vsas.count", values: [2, 3, 4] }
 */
export function parseVary(text: string, aliases: Readonly<Record<string, string>>, last: boolean): Vary {
  const match = /^\s*([A-Za-z_][\w.[\]-]*)\s*=\s*(.+)$/.exec(text);
  if (!match) throw new InputError("--vary", text, `name=range like mediaAgents=1..8 (names: ${Object.keys(aliases).join(", ")}, or a field path like model.vsas.count)`);
  const name = match[1];
  const field = aliases[name] ?? (name.includes(".") ? name : undefined);
  if (field === undefined) throw new InputError("--vary", text, `a name of ${Object.keys(aliases).join(", ")} or a field path like model.vsas.count`);
  return { name, field, values: rangeValues(match[2], !last) };
}

/**
 * Parses one `--budget` (metrics/budget.ts's grammar: `metric<=value`, also `<`, `>=`, `>`; the
 * value may carry a unit: `5min`, `8h`, `2TiB`). A plan evaluates each configuration's base
 * scenario, so a budget naming a variant is an InputError.
 *
 * @example
 * parsePlanBudget("tts.p95<=5min") // => { metric: "tts.p95", operator: "<=", limit: "5min", text: "tts.p95<=5min" }
 */
export function parsePlanBudget(text: string): Budget {
  const budget = parseBudget(text, "--budget", text);
  if (budget.variant !== undefined) throw new InputError("--budget", text, "a budget without @variant (a plan evaluates the scenario's base configuration)");
  return budget;
}

/**
 * True when the configuration's metrics meet `budget` on the cautious side of the 95% CI.
 *
 * @example
 * meetsBudget(parsePlanBudget("tts.p95<=5min"), { unit: "min", mean: 4, low: 3, high: 5.5 }) // => false
 */
export function meetsBudget(budget: Budget, bounds: MetricBounds): boolean {
  const limit = budgetLimit(budget, bounds.unit, "--budget", budget.text);
  // The cautious side: an upper limit must hold for the upper bound, a lower limit for the lower.
  return holds(budget.operator.startsWith("<") ? bounds.high : bounds.low, budget.operator, limit);
}

/**
 * Whether a budget's verdict rests on the replay model's dependency guess: `"flips"` when the
 * configuration meets the budget with its confidence bound moved to one end of the model band
 * and fails it at the other (the bound shifted by the band's offset from the mean), `"holds"`
 * when both ends give the same verdict, undefined for a metric without a band.
 *
 * @example
 * const b = parsePlanBudget("tts.p95<=5min");
 * bandVerdict(b, { unit: "min", mean: 4, low: 3.8, high: 4.2, bandLow: 3.5, bandHigh: 5.1 }) // => "flips" // 4.2 + 1.1 > 5
 * bandVerdict(b, { unit: "min", mean: 4, low: 3.8, high: 4.2, bandLow: 3.5, bandHigh: 4.6 }) // => "holds"
 * bandVerdict(b, { unit: "min", mean: 4, low: 3.8, high: 4.2 }) // => undefined
 */
export function bandVerdict(budget: Budget, bounds: MetricBounds): "holds" | "flips" | undefined {
  if (bounds.bandLow === undefined || bounds.bandHigh === undefined) return undefined;
  const at = (end: number) => meetsBudget(budget, { ...bounds, low: bounds.low + end - bounds.mean, high: bounds.high + end - bounds.mean });
  return at(bounds.bandLow) === at(bounds.bandHigh) ? "holds" : "flips";
}

function outerCombinations(varies: readonly Vary[]): Record<string, number>[] {
  let combos: Record<string, number>[] = [{}];
  for (const vary of varies) combos = combos.flatMap((c) => vary.values.map((v) => ({ ...c, [vary.name]: v })));
  return combos;
}

/**
 * The search, as a generator: yields each configuration to evaluate, in search order, and is
 * sent back whether it meets every budget; returns, per outer combination, the index of the
 * smallest last-dimension value meeting them (undefined when none does). Pure, so it can be
 * replayed with guessed answers to see which configurations come next.
 */
function* searchOrder(varies: readonly Vary[]): Generator<Record<string, number>, (number | undefined)[], boolean> {
  const inner = varies[varies.length - 1];
  const found: (number | undefined)[] = [];
  let bound = inner.values.length - 1;
  for (const outer of outerCombinations(varies.slice(0, -1))) {
    const at = (i: number) => ({ ...outer, [inner.name]: inner.values[i] });
    const upper = varies.length === 2 ? bound : inner.values.length - 1;
    let smallest: number | undefined;
    if (yield at(upper)) {
      let [lo, hi] = [0, upper];
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (yield at(mid)) hi = mid;
        else lo = mid + 1;
      }
      smallest = lo;
      bound = lo;
    }
    found.push(smallest);
  }
  return found;
}

/**
 * The next `count` configurations the search would evaluate if every one not yet answered met
 * the budgets (`known` holds the answers so far; `current`, being evaluated, is guessed too).
 */
function upcoming(varies: readonly Vary[], known: ReadonlyMap<string, PlanEvaluation>, current: string, count: number): Record<string, number>[] {
  const next: Record<string, number>[] = [];
  const listed = new Set([current]);
  const search = searchOrder(varies);
  let step = search.next();
  while (!step.done && next.length < count) {
    const key = JSON.stringify(step.value);
    const answer = known.get(key);
    if (answer === undefined && !listed.has(key)) {
      listed.add(key);
      next.push(step.value);
    }
    step = search.next(answer?.meets ?? true);
  }
  return next;
}

/** Options of {@link planCapacity}. */
export interface PlanOptions {
  /** Cost weight per dimension name (default 1 each): cost = Σ weight × value. */
  weights?: Readonly<Record<string, number>>;
  /**
   * Called right after each evaluation starts with the configurations the search will probably
   * evaluate next (those it would if every open one met the budgets), most likely first, at
   * most `lookahead` of them: an evaluator with idle threads may start them early. It changes
   * neither which evaluations the search uses nor their order.
   */
  upcoming?: (assignments: readonly Record<string, number>[]) => void;
  /** How many configurations `upcoming` is told ahead (default 2). */
  lookahead?: number;
}

/**
 * Finds, for every combination of the outer dimensions, the smallest value of the last one that
 * meets all budgets (binary search), and the frontier point of least weighted cost
 * (Σ weight × value, weights default 1). Evaluations are awaited one at a time, in search order
 * (`options.upcoming` may let an evaluator start the probable next ones early).
 * Rejects with an InputError when a budget names a metric the scenario does not report.
 *
 * @example
 * const ma = parseVary("mediaAgents=1..4", { mediaAgents: "model.mediaAgents.count" }, false);
 * const vsas = parseVary("vsas=1..2", { vsas: "model.vsas.count" }, true);
 * // a toy model: p95 time to service 12 min over the media agents
 * const evaluate = (a: Readonly<Record<string, number>>) => {
 *   const tts = 12 / a.mediaAgents;
 *   return new Map([["tts.p95", { unit: "min", mean: tts, low: tts, high: tts }]]);
 * };
 * (await planCapacity([ma, vsas], [parsePlanBudget("tts.p95<=5min")], evaluate)).best?.outer // => { mediaAgents: 3 }
 */
export async function planCapacity(varies: readonly Vary[], budgets: readonly Budget[], evaluate: Evaluate, options: PlanOptions = {}): Promise<PlanResult> {
  const weights = options.weights ?? {};
  const evaluations: PlanEvaluation[] = [];
  const cache = new Map<string, PlanEvaluation>();
  const inner = varies[varies.length - 1];
  const search = searchOrder(varies);
  let step = search.next();
  while (!step.done) {
    const assignment = step.value;
    const key = JSON.stringify(assignment);
    let evaluation = cache.get(key);
    if (evaluation === undefined) {
      const pending = evaluate(assignment);
      options.upcoming?.(upcoming(varies, cache, key, options.lookahead ?? 2));
      const metrics = await pending;
      const meets = metrics !== undefined && budgets.every((budget) => {
        const bounds = metrics.get(budget.metric);
        if (!bounds) throw new InputError("--budget", budget.text, `a metric the scenario reports: ${[...metrics.keys()].join(", ")}`);
        return meetsBudget(budget, bounds);
      });
      evaluation = { assignment, metrics, meets };
      cache.set(key, evaluation);
      evaluations.push(evaluation);
    }
    step = search.next(evaluation.meets);
  }
  const found = step.value;
  const frontier = outerCombinations(varies.slice(0, -1)).map((outer, i): FrontierPoint => {
    const smallest = found[i] === undefined ? undefined : inner.values[found[i]];
    const point = { ...outer, ...(smallest === undefined ? {} : { [inner.name]: smallest }) };
    const cost = smallest === undefined ? undefined : Object.entries(point).reduce((sum, [name, value]) => sum + (weights[name] ?? 1) * value, 0);
    // The smallest meeting value was evaluated on the way (it is the upper end or a mid that met).
    return { outer, smallest, cost, metrics: smallest === undefined ? undefined : cache.get(JSON.stringify({ ...outer, [inner.name]: smallest }))?.metrics };
  });
  let best: FrontierPoint | undefined;
  for (const point of frontier) if (point.cost !== undefined && (best === undefined || point.cost < (best.cost as number))) best = point;
  return { varies: [...varies], budgets: [...budgets], evaluations, frontier, best };
}

/** The leading columns of `plan.csv`, as a run's tidy CSVs lead with theirs. */
export interface PlanRun {
  scenario: string;
  seed: number;
}

/**
 * `plan.csv`'s rows, tidy: one per evaluated configuration × metric, in evaluation order, with
 * the scenario and seed, the configuration's values, whether it meets every budget (`meets`),
 * the configuration's binding resource (fleet/binding.ts; empty when no phase reports one), the
 * metric's unit, mean, 95% CI and model band (empty without one), and the budgets on that metric
 * with whether they are met and whether that verdict flips within the band (`budget`, `met`,
 * `verdict_in_band`: empty for a metric without a budget). A configuration the model refuses is one
 * row with `valid` 0 and no metric.
 *
 * @example
 * const budget = parsePlanBudget("tts.max<=50s");
 * const metrics = new Map([["tts.max", { unit: "s", mean: 40, low: 38, high: 42 }], ["vms", { unit: "", mean: 10, low: 10, high: 10 }]]);
 * const plan = { varies: [{ name: "vsas", field: "model.vsas.count", values: [1, 2] }], budgets: [budget], evaluations: [{ assignment: { vsas: 2 }, metrics, meets: true }, { assignment: { vsas: 1 }, metrics: undefined, meets: false }], frontier: [], best: undefined };
 * planCsvRows(plan, { scenario: "toy", seed: 1 }).map((row) => [row.vsas, row.metric, row.mean, row.budget, row.met])
 * // => [[2, "tts.max", 40, "tts.max<=50s", 1], [2, "vms", 10, "", ""], [1, "", "", "", ""]]
 */
export function planCsvRows(plan: PlanResult, run: PlanRun): Record<string, string | number>[] {
  return plan.evaluations.flatMap((evaluation): Record<string, string | number>[] => {
    const metrics = evaluation.metrics;
    const bindings = metrics ? fleetBindings(metrics) : [];
    const binding = bindings.map((b) => bindingLabel(b, bindings.length > 1)).join("; ");
    const lead = { ...run, ...evaluation.assignment, meets: evaluation.meets ? 1 : 0, valid: metrics ? 1 : 0, binding };
    if (!metrics) return [{ ...lead, metric: "", unit: "", mean: "", ci95_low: "", ci95_high: "", band_low: "", band_high: "", budget: "", met: "", verdict_in_band: "" }];
    return [...metrics].map(([metric, bounds]) => {
      const budgets = plan.budgets.filter((budget) => budget.metric === metric);
      const verdicts = budgets.map((budget) => bandVerdict(budget, bounds));
      return {
        ...lead,
        metric,
        unit: bounds.unit,
        mean: bounds.mean,
        ci95_low: bounds.low,
        ci95_high: bounds.high,
        band_low: bounds.bandLow ?? "",
        band_high: bounds.bandHigh ?? "",
        budget: budgets.map((budget) => budget.text).join("; "),
        met: budgets.length === 0 ? "" : budgets.every((budget) => meetsBudget(budget, bounds)) ? 1 : 0,
        // "flips" when any budget on the metric does: its verdict rests on the replay model.
        verdict_in_band: verdicts.includes("flips") ? "flips" : verdicts.includes("holds") ? "holds" : "",
      };
    });
  });
}

/**
 * The columns of `plan.csv` ({@link planCsvRows}) for the plan's dimensions.
 *
 * @example
 * planCsvColumns(["mediaAgents", "vsas"]).join(",")
 * // => "scenario,seed,mediaAgents,vsas,meets,valid,binding,metric,unit,mean,ci95_low,ci95_high,band_low,band_high,budget,met,verdict_in_band"
 */
export function planCsvColumns(names: readonly string[]): string[] {
  return ["scenario", "seed", ...names, "meets", "valid", "binding", "metric", "unit", "mean", "ci95_low", "ci95_high", "band_low", "band_high", "budget", "met", "verdict_in_band"];
}
