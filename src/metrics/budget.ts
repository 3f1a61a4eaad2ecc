/**
 * The budget grammar, shared by `rtolab check` (budgets files) and `rtolab plan` (`--budget`):
 *
 *   metric[@variant] <op> limit      op: <=  <  >=  >
 *
 * e.g. `waitMean <= 5ms`, `tts.p95@instant<=90s`, `utilisation < 85%`, `backup.crossSite<2TiB`.
 * A bare limit is in the metric's own unit; a limit with a unit is converted to it (a duration
 * to a time unit, a size to a byte unit, `85%` to a fraction). How a budget is judged (on the
 * mean, or on a confidence bound) is the caller's: {@link holds} compares one number.
 */
import { InputError } from "../util/errors.ts";
import { NS_PER, parseDuration, parseSize } from "../util/units.ts";

/** A comparison operator of a budget. */
export type BudgetOperator = "<=" | "<" | ">=" | ">";

/** One budget, parsed; its limit is converted once the metric's unit is known ({@link budgetLimit}). */
export interface Budget {
  metric: string;
  /** Only this variant; every variant (or the only one) when absent. */
  variant?: string;
  operator: BudgetOperator;
  /** The limit as written (`5ms`). */
  limit: string;
  /** The budget as written, trimmed, for messages. */
  text: string;
}

/** What a malformed budget should have looked like (one message wherever budgets are written). */
export const BUDGET_EXPECTED = 'a budget metric[@variant] <op> limit, like "waitMean <= 5ms" or "tts.p95@instant<=90s" (op: <=, <, >=, >)';

const EXPRESSION = /^\s*([A-Za-z_][\w.]*)(?:@([A-Za-z0-9._-]+))?\s*(<=|<|>=|>)\s*(\S+)\s*$/;

/**
 * Parses one budget; throws an {@link InputError} `source: where: <the grammar>` when malformed.
 *
 * @example
 * parseBudget("waitMean@fast <= 5ms", "b.yaml", "scenarios.mm1[0]")
 * // => { metric: "waitMean", variant: "fast", operator: "<=", limit: "5ms", text: "waitMean@fast <= 5ms" }
 * parseBudget("tts.p95<=5min", "--budget", "tts.p95<=5min").limit // => "5min"
 */
export function parseBudget(text: string, source: string, where: string): Budget {
  const match = EXPRESSION.exec(text);
  if (!match) throw new InputError(source, where, BUDGET_EXPECTED);
  const [, metric, variant, operator, limit] = match;
  return { metric, ...(variant ? { variant } : {}), operator: operator as BudgetOperator, limit, text: text.trim() };
}

const SIZE_UNITS: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
const BARE_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A budget's limit in the metric's unit; throws an {@link InputError} `source: where: ...` when
 * the limit's unit does not fit the metric's.
 *
 * @example
 * budgetLimit({ limit: "5ms" }, "s", "b.yaml", "scenarios.mm1[0]") // => 0.005
 * budgetLimit({ limit: "90min" }, "h", "--budget", "backupWindow<=90min") // => 1.5
 * budgetLimit({ limit: "2TiB" }, "GiB", "--budget", "x<2TiB") // => 2048
 * budgetLimit({ limit: "85%" }, "fraction", "b.yaml", "") // => 0.85
 */
export function budgetLimit(budget: Pick<Budget, "limit">, unit: string, source: string, where: string): number {
  const text = budget.limit;
  if (BARE_NUMBER.test(text)) return Number(text);
  if (/%$/.test(text) && BARE_NUMBER.test(text.slice(0, -1))) return Number(text.slice(0, -1)) / 100;
  if (unit in NS_PER) {
    const ns = parseDuration(text);
    if (ns !== undefined) return ns / NS_PER[unit as keyof typeof NS_PER];
  }
  if (unit in SIZE_UNITS) {
    const bytes = parseSize(text);
    if (bytes !== undefined) return bytes / SIZE_UNITS[unit];
  }
  throw new InputError(source, where, `a limit in ${unit} (a bare number, or a value with a matching unit), not "${text}"`);
}

/**
 * Whether `value` meets a budget's comparison with `limit` (both in the metric's unit).
 *
 * @example
 * holds(4.9, "<=", 5) // => true
 * holds(5, "<", 5) // => false
 */
export function holds(value: number, operator: BudgetOperator, limit: number): boolean {
  switch (operator) {
    case "<=":
      return value <= limit;
    case "<":
      return value < limit;
    case ">=":
      return value >= limit;
    case ">":
      return value > limit;
  }
}
