/**
 * `rtolab check <scenario...> --budgets FILE [--baseline FILE] [--junit FILE]`: run scenarios,
 * check budgets and the baseline, print a table, write JUnit XML; exit 1 on any breach.
 */
import type { Argv } from "yargs";
import { performance } from "node:perf_hooks";
import { baselineOf, checkResults, checkWarnings, unmatchedChecks, type CheckRow } from "../../lab/check/check.ts";
import { readBaseline } from "../../lab/check/baseline.ts";
import { readBudgets } from "../../lab/check/budgets.ts";
import { junitXml, type CheckCase } from "../../lab/check/junit.ts";
import { runScenario } from "../../lab/run.ts";
import { loadScenario } from "../../lab/load.ts";
import { checkResources, resourceLimits } from "../../lab/resources.ts";
import { setEventBudget } from "../../kernel/simulation.ts";
import { RESOURCE_OPTIONS, type ResourceArguments } from "./resource-options.ts";
import { checkOutputFile, writeOutputFile } from "../../report/output-folder.ts";
import { canonicalJson } from "../../util/canonical-json.ts";
import { InputError } from "../../util/errors.ts";
import { formatNumber, textTable } from "../format.ts";
import { createProgress } from "../progress.ts";
import { COMMANDS } from "./catalog.ts";
import { warnAboutScenario } from "../scenario-warnings.ts";

export interface CheckArguments extends ResourceArguments {
  scenarios: string[];
  budgets: string;
  baseline?: string;
  junit?: string;
  updateBaseline: boolean;
  set: string[];
  quiet: boolean;
}

/** Adds the `check` command to a yargs instance. */
export function checkCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.check.usage,
    COMMANDS.check.describe,
    (command) =>
      command
        .positional("scenarios", { type: "string", array: true, demandOption: true, describe: "scenario files" })
        .option("budgets", { type: "string", demandOption: true, describe: "budgets file (YAML: scenario name → [\"waitMean <= 5ms\", ...])" })
        .option("baseline", { type: "string", describe: "baseline JSON of metric means and CI half-widths to compare with" })
        .option("update-baseline", { type: "boolean", default: false, describe: "write the results as the new --baseline" })
        .option("junit", { type: "string", describe: "write a JUnit XML report here" })
        .option("set", { type: "string", array: true, default: [] as string[], describe: "override a field in every scenario" })
        .option("quiet", { type: "boolean", default: false, describe: "no progress line" })
        .option("max-memory", RESOURCE_OPTIONS.maxMemory)
        .option("max-events", RESOURCE_OPTIONS.maxEvents)
        .example("$0 check scenarios/validation/*.yaml --budgets budgets/validation.yaml --baseline budgets/validation-baseline.json", "the repository's CI check"),
    (argv) => executeCheck(argv as unknown as CheckArguments),
  );
}

/** Runs the command; sets exit code 1 when a check fails. */
export function executeCheck(args: CheckArguments): void {
  // Output files are checked before any scenario runs, so a typo costs no run.
  if (args.junit !== undefined) checkOutputFile(args.junit, "--junit");
  if (args.updateBaseline && args.baseline) checkOutputFile(args.baseline, "--baseline");
  const budgets = readBudgets(args.budgets);
  if (args.updateBaseline && !args.baseline) throw new InputError("--update-baseline", "", "a --baseline FILE to write");
  const previous = args.baseline && !args.updateBaseline ? readBaseline(args.baseline) : undefined;
  const limits = resourceLimits(args);
  const loaded = args.scenarios.map((path) => loadScenario(path, { sets: args.set }));
  // A check that matches nothing is a failure, found before anything runs (not "0 of 0 passed").
  if (!args.updateBaseline) {
    const unmatched = unmatchedChecks(loaded.map((scenario) => scenario.scenario.name), budgets, previous);
    if (unmatched.length > 0) throw new InputError("check", "", unmatched.join("; "));
  }
  const times: Record<string, number> = {};
  for (const scenario of loaded) checkResources(scenario, limits);
  loaded.forEach((scenario, i) => warnAboutScenario(scenario, args.scenarios[i], args.quiet));
  setEventBudget(limits.maxEvents);
  const results = loaded.map((scenario) => {
    const progress = createProgress(scenario.scenario.name, { quiet: args.quiet });
    const started = performance.now();
    const result = runScenario(scenario, { onProgress: (f) => progress.update(f) });
    times[scenario.scenario.name] = (performance.now() - started) / 1000;
    progress.done();
    return result;
  });
  for (const warning of checkWarnings(results, budgets, previous)) process.stderr.write(`rtolab: warning: ${warning}\n`);
  const rows = checkResults(results, budgets, previous);
  console.log(checkTable(rows));
  const failed = rows.filter((row) => !row.ok);
  if (args.junit !== undefined) writeOutputFile(args.junit, junitXml(rows.map(junitCase), times));
  if (args.updateBaseline && args.baseline) {
    let kept;
    try {
      kept = readBaseline(args.baseline);
    } catch {
      kept = undefined;
    }
    writeOutputFile(args.baseline, `${canonicalJson(baselineOf(results, kept), 2)}\n`);
    console.log(`baseline written: ${args.baseline}`);
  }
  for (const row of failed) console.log(`FAIL ${row.scenario} ${row.variant}: ${row.message}`);
  console.log(`${rows.length - failed.length} of ${rows.length} checks passed`);
  if (failed.length > 0) process.exitCode = 1;
}

/** A check as a JUnit case: stable name, values in the output and failure message. */
function junitCase(row: CheckRow): CheckCase {
  const value = `${row.metric}@${row.variant} = ${row.halfWidth > 0 ? `${row.mean} ± ${row.halfWidth}` : row.mean} ${row.unit}; check ${row.check}${row.message && row.ok ? ` (${row.message})` : ""}`;
  return { scenario: row.scenario, name: row.name, output: value, ...(row.ok ? {} : { failure: row.message ?? "failed" }) };
}

function checkTable(rows: readonly CheckRow[]): string {
  const cells = rows.map((row) => [
    row.scenario,
    row.variant,
    row.metric,
    row.unit,
    row.halfWidth > 0 ? `${formatNumber(row.mean)} ± ${formatNumber(row.halfWidth)}` : formatNumber(row.mean),
    row.check.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, (n) => formatNumber(Number(n))),
    row.ok ? (row.message ? `ok (${row.message})` : "ok") : "FAIL",
  ]);
  return textTable(["scenario", "variant", "metric", "unit", "mean (95% CI)", "check", "status"], cells);
}
