/**
 * Latency budgets for `rtolab check`: a YAML file naming, per scenario, conditions on metric
 * means like `waitMean <= 5ms`, `tts.p95@instant <= 90s` or `utilisation < 85%`.
 *
 * ```yaml
 * version: 1
 * tolerance: 0.05            # baseline rule: relative change allowed beyond replication noise
 * singleReplicationTolerance: 0.02  # the same for a baseline from 1 replication (zero-width CIs)
 * scenarios:
 *   mm1:                     # scenario name (its `name:` field)
 *     - waitMean <= 5ms      # every variant's mean
 *     - waitMean@fast <= 3ms # one variant
 * ```
 * The grammar of a line and its units are metrics/budget.ts's, shared with `rtolab plan --budget`.
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { BUDGET_EXPECTED, parseBudget, type Budget } from "../../metrics/budget.ts";
import { InputError } from "../../util/errors.ts";

/** One budget line of a budgets file: the shared grammar's {@link Budget}, with its scenario and place. */
export interface ScenarioBudget extends Budget {
  scenario: string;
  /** Where it was written, for errors: `scenarios.mm1[0]`. */
  where: string;
}

/** A budgets file. */
export interface BudgetsFile {
  path: string;
  /** Relative tolerance of the baseline rule (default 0.05). */
  tolerance: number;
  /**
   * Relative tolerance for a metric whose baseline or new value comes from one replication (a
   * zero-width CI, so the rule's CI test passes nothing): `singleReplicationTolerance`, or
   * absent when the file does not declare one (then `tolerance` applies, with a warning).
   */
  singleReplicationTolerance?: number;
  budgets: ScenarioBudget[];
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
  const raw = document.toJS({ maxAliasCount: 0 }) as { version?: unknown; tolerance?: unknown; singleReplicationTolerance?: unknown; scenarios?: unknown } | null;
  if (raw?.version !== 1) throw new InputError(path, "version", "1 (the budgets file format version)");
  const tolerance = raw.tolerance ?? 0.05;
  if (typeof tolerance !== "number" || !(tolerance >= 0 && tolerance < 10)) throw new InputError(path, "tolerance", "a relative tolerance like 0.05");
  const single = raw.singleReplicationTolerance;
  if (single !== undefined && (typeof single !== "number" || !(single >= 0 && single < 10))) {
    throw new InputError(path, "singleReplicationTolerance", "a relative tolerance like 0.02");
  }
  const scenarios = raw.scenarios;
  if (typeof scenarios !== "object" || scenarios === null || Array.isArray(scenarios)) throw new InputError(path, "scenarios", "a map of scenario name → list of budgets");
  const budgets: ScenarioBudget[] = [];
  for (const [scenario, lines] of Object.entries(scenarios)) {
    if (!Array.isArray(lines)) throw new InputError(path, `scenarios.${scenario}`, 'a list of budgets like "waitMean <= 5ms"');
    lines.forEach((line, i) => {
      const where = `scenarios.${scenario}[${i}]`;
      if (typeof line !== "string") throw new InputError(path, where, BUDGET_EXPECTED);
      budgets.push({ scenario, where, ...parseBudget(line, path, where) });
    });
  }
  return { path, tolerance, ...(single === undefined ? {} : { singleReplicationTolerance: single }), budgets };
}
