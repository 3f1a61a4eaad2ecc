/**
 * Latency budgets for `rtolab check`: a YAML file naming, per scenario, conditions on metric
 * means like `waitMean <= 5ms`, `tts.p95@instant <= 90s` or `utilisation < 85%`.
 *
 * ```yaml
 * version: 1
 * tolerance: 0.05            # baseline rule: relative change allowed beyond replication noise
 * scenarios:
 *   mm1:                     # scenario name (its `name:` field)
 *     - waitMean <= 5ms      # every variant's mean
 *     - waitMean@fast <= 3ms # one variant
 * ```
 * A bare number is in the metric's own unit; a value with a unit is converted to it (times to
 * a time unit, sizes to a size unit, `85%` to a fraction).
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { InputError } from "../../util/errors.ts";
import { NS_PER, parseDuration, parseSize } from "../../util/units.ts";

/** A comparison operator of a budget. */
export type BudgetOperator = "<=" | "<" | ">=" | ">";

/** One budget line, parsed. */
export interface Budget {
  scenario: string;
  metric: string;
  /** Only this variant; every variant when absent. */
  variant?: string;
  operator: BudgetOperator;
  /** The limit as written (`5ms`), converted once the metric's unit is known. */
  limit: string;
  /** Where it was written, for errors: `scenarios.mm1[0]`. */
  where: string;
  text: string;
}

/** A budgets file. */
export interface BudgetsFile {
  path: string;
  /** Relative tolerance of the baseline rule (default 0.05). */
  tolerance: number;
  budgets: Budget[];
}

const EXPRESSION = /^\s*([A-Za-z_][\w.]*)(?:@([A-Za-z0-9._-]+))?\s*(<=|<|>=|>)\s*(\S+)\s*$/;

/**
 * Parses one budget expression; throws an {@link InputError} naming `where` when malformed.
 *
 * @example
 * parseBudget("mm1", "waitMean@fast <= 5ms", "b.yaml", "scenarios.mm1[0]")
 * // => { scenario: "mm1", metric: "waitMean", variant: "fast", operator: "<=", limit: "5ms", where: "scenarios.mm1[0]", text: "waitMean@fast <= 5ms" }
 */
export function parseBudget(scenario: string, text: string, path: string, where: string): Budget {
  const match = EXPRESSION.exec(text);
  if (!match) throw new InputError(path, where, 'a budget like "waitMean <= 5ms" or "tts.p95@instant <= 90s"');
  const [, metric, variant, operator, limit] = match;
  return { scenario, metric, ...(variant ? { variant } : {}), operator: operator as BudgetOperator, limit, where, text: text.trim() };
}

const SIZE_UNITS: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/**
 * A budget's limit in the metric's unit; throws an {@link InputError} when the units do not fit.
 *
 * @example
 * limitIn({ limit: "5ms", where: "scenarios.mm1[0]" }, "s", "b.yaml") // => 0.005
 * limitIn({ limit: "85%", where: "scenarios.mm1[1]" }, "fraction", "b.yaml") // => 0.85
 */
export function limitIn(budget: Pick<Budget, "limit" | "where">, unit: string, path: string): number {
  const text = budget.limit;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (/%$/.test(text) && Number.isFinite(Number(text.slice(0, -1)))) return Number(text.slice(0, -1)) / 100;
  if (unit in NS_PER) {
    const ns = parseDuration(text);
    if (ns !== undefined) return ns / NS_PER[unit as keyof typeof NS_PER];
  }
  if (unit in SIZE_UNITS) {
    const bytes = parseSize(text);
    if (bytes !== undefined) return bytes / SIZE_UNITS[unit];
  }
  throw new InputError(path, budget.where, `a limit in ${unit} (a bare number, or a value with a matching unit), not "${text}"`);
}

/**
 * Reads a budgets file; throws an {@link InputError} naming the field on bad input.
 *
 * @example
 * readBudgets("budgets/validation.yaml").budgets[0].text // => "waitMean <= 4.5ms"
 */
export function readBudgets(path: string): BudgetsFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(path, "", `a readable budgets file (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors[0]) throw new InputError(path, `line ${document.errors[0].linePos?.[0]?.line ?? "?"}`, "valid YAML");
  const raw = document.toJS({ maxAliasCount: 0 }) as { version?: unknown; tolerance?: unknown; scenarios?: unknown } | null;
  if (raw?.version !== 1) throw new InputError(path, "version", "1 (the budgets file format version)");
  const tolerance = raw.tolerance ?? 0.05;
  if (typeof tolerance !== "number" || !(tolerance >= 0 && tolerance < 10)) throw new InputError(path, "tolerance", "a relative tolerance like 0.05");
  const scenarios = raw.scenarios;
  if (typeof scenarios !== "object" || scenarios === null || Array.isArray(scenarios)) throw new InputError(path, "scenarios", "a map of scenario name → list of budgets");
  const budgets: Budget[] = [];
  for (const [scenario, lines] of Object.entries(scenarios)) {
    if (!Array.isArray(lines)) throw new InputError(path, `scenarios.${scenario}`, 'a list of budgets like "waitMean <= 5ms"');
    lines.forEach((line, i) => {
      const where = `scenarios.${scenario}[${i}]`;
      if (typeof line !== "string") throw new InputError(path, where, 'a budget like "waitMean <= 5ms"');
      budgets.push(parseBudget(scenario, line, path, where));
    });
  }
  return { path, tolerance, budgets };
}
