/** `rtolab run <scenario>`: run one scenario, print its metrics, write its results folder. */
import type { Argv } from "yargs";
import { runScenarioOnWorkers } from "../../lab/run-pool.ts";
import { replicationCount, runScenario, type VariantResult } from "../../lab/run.ts";
import type { MetricSummary } from "../../metrics/summarize.ts";
import { checkOutputFolder } from "../../report/output-folder.ts";
import { defaultRunFolder, writeRunResults } from "../../report/run-results.ts";
import { loadScenario } from "../../lab/load.ts";
import { InputError } from "../../util/errors.ts";
import { checkResultsFolder } from "../../util/paths.ts";
import { formatBanded, formatNumber, textTable } from "../format.ts";
import { holdSignalsFromHere } from "../interrupt.ts";
import { workersOption } from "./workers-option.ts";
import { RESOURCE_OPTIONS, type ResourceArguments } from "./resource-options.ts";
import { checkResources, resourceLimits } from "../../lab/resources.ts";
import { setEventBudget } from "../../kernel/simulation.ts";
import { createProgress } from "../progress.ts";
import { COMMANDS } from "./catalog.ts";
import { warnAboutScenario } from "../scenario-warnings.ts";

export interface RunArguments extends ResourceArguments {
  scenario: string;
  seed?: number;
  out?: string;
  results: string;
  set: string[];
  quiet: boolean;
  workers?: number;
}

/** Adds the `run` command to a yargs instance. */
export function runCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.run.usage,
    COMMANDS.run.describe,
    (command) =>
      command
        .positional("scenario", { type: "string", demandOption: true, describe: "scenario file (.yaml or .json)" })
        .option("seed", { type: "number", describe: "master seed (overrides the scenario's seed)" })
        .option("out", { type: "string", describe: "exact results folder (default results/<scenario>/s<seed>-<hash>)" })
        .option("results", { type: "string", default: "results", describe: "results root folder" })
        .option("set", { type: "string", array: true, default: [] as string[], describe: "override a field: --set model.servers=2" })
        .option("quiet", { type: "boolean", default: false, describe: "no progress line" })
        .option("workers", { type: "number", describe: "worker threads for the replications (default: cores; 0 runs in this thread); results do not depend on it" })
        .option("max-memory", RESOURCE_OPTIONS.maxMemory)
        .option("max-events", RESOURCE_OPTIONS.maxEvents)
        .example("$0 run scenarios/validation/mm1.yaml --seed 7", "M/M/1: simulated vs analytic waiting time")
        .example("$0 run scenarios/validation/mmc.yaml --set model.servers=8 --set replications=5", "override fields"),
    (argv) => executeRun(argv as unknown as RunArguments),
  );
}


function checkSeed(seed: number | undefined): number | undefined {
  if (seed === undefined) return undefined;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InputError("--seed", "", "a non-negative integer");
  return seed;
}

/**
 * Runs the command: prints a metrics table, the fingerprint and the folder written. `--out` is
 * used as given (the user chose it); the default folder must stay inside `--results`. Either is
 * checked before the run starts (`checkOutputFolder`: absent, empty or a folder rtolab wrote).
 *
 * Signals (see `../interrupt.ts`): replications run on worker threads, so Ctrl-C or SIGTERM are
 * answered at once with how many replications had finished and "nothing saved" (exit 130 or
 * 143); during the atomic write of the results folder they are held until it is done, then
 * reported ("results saved in ..."). With `--workers 0` the simulation runs in this thread and
 * a signal ends the process without a message (nothing has been written then either).
 */
export async function executeRun(args: RunArguments): Promise<void> {
  const seed = checkSeed(args.seed);
  const workers = workersOption(args.workers);
  if (args.out !== undefined) checkOutputFolder(args.out);
  const limits = resourceLimits(args);
  const loaded = loadScenario(args.scenario, { sets: args.set });
  // The estimate runs before the output folder is touched and before any replication starts.
  checkResources(loaded, limits, workers === 0 ? 1 : Math.min(workers, replicationCount(loaded)));
  // And while running, in this thread and (with the tasks) on the worker threads: a guard past the estimate.
  setEventBudget(limits.maxEvents);
  const out = checkOutputFolder(
    args.out ?? checkResultsFolder(args.results, defaultRunFolder(args.results, loaded.scenario.name, seed ?? loaded.scenario.seed, loaded.hash), args.scenario),
  );
  warnAboutScenario(loaded, args.scenario, args.quiet);
  const progress = createProgress(loaded.scenario.name, { quiet: args.quiet });
  const unfinished = (finished: number) =>
    `nothing saved: ${finished} of ${replicationCount(loaded)} replications had finished (a run writes its results only when complete)`;
  let saved = unfinished(0);
  // Replications run on worker threads, so this thread can answer a signal at once.
  holdSignalsFromHere(() => saved);
  const result =
    workers === 0
      ? runScenario(loaded, { seed, onProgress: (f) => progress.update(f) })
      : await runScenarioOnWorkers(loaded, {
          seed,
          sets: args.set,
          workers,
          maxEvents: limits.maxEvents,
          onReplication: (done) => {
            saved = unfinished(done);
          },
          // Inside each replication too: the workers post their progress.
          onProgress: (fraction) => progress.update(fraction),
        });
  progress.done();
  saved = "nothing saved (the results folder was not written)";
  const folder = await writeRunResults(result, { resultsRoot: args.results, out });
  saved = `results saved in ${folder}`;
  const { scenario } = loaded;
  console.log(`${scenario.name}: ${scenario.replications} replication(s), seed ${result.seed}, ${result.events} events`);
  console.log(result.variants.length === 1 ? metricsTable(result.variants[0].metrics) : comparisonTable(result.variants));
  console.log(`fingerprint ${result.fingerprint}`);
  console.log(`results: ${folder}`);
}

/**
 * The relative error of a metric's mean against its analytic value (`0.5823%`), or "" without one.
 *
 * @example
 * analyticError({ name: "waitMean", unit: "ms", n: 10, mean: 4.023, sd: 0.1, ci95: [3.956, 4.09], analytic: 4 }) // => "0.575%"
 */
export function analyticError(m: MetricSummary): string {
  return m.analytic === undefined || m.analytic === 0 ? "" : `${formatNumber((100 * (m.mean - m.analytic)) / m.analytic)}%`;
}

/**
 * One variant's metrics: mean (with its model band, `43.72 [41.2–47.9]`, when banded), CI
 * half-width, the analytic value and the error against it.
 *
 * @example
 * metricsTable([{ name: "tts", unit: "s", n: 1, mean: 43.72, sd: 0, ci95: [43.72, 43.72], lower: 41.2, upper: 47.9 }])
 * // => "metric  unit  simulated          95% CI  analytic  error\ntts     s     43.72 [41.2–47.9]"
 */
export function metricsTable(metrics: readonly MetricSummary[]): string {
  const rows = metrics.map((m) => {
    const half = (m.ci95[1] - m.ci95[0]) / 2;
    return [m.name, m.unit, formatBanded(formatNumber(m.mean), m), m.n > 1 ? `± ${formatNumber(half)}` : "", formatNumber(m.analytic), analyticError(m)];
  });
  return textTable(["metric", "unit", "simulated", "95% CI", "analytic", "error"], rows);
}

/**
 * Variants side by side: a row per metric, a column per variant (mean ± CI half-width, then the
 * model band in brackets when the metric has one). A variant with analytic values (validation
 * scenarios) gets two more columns after its own: `analytic` and `error`.
 *
 * @example
 * comparisonTable([{ name: "lazy", replications: [], metrics: [{ name: "tts", unit: "s", n: 1, mean: 43.72, sd: 0, ci95: [43.72, 43.72], lower: 41.2, upper: 47.9 }] }])
 * // => "metric  unit  lazy\ntts     s     43.72 [41.2–47.9]"
 */
export function comparisonTable(variants: readonly Pick<VariantResult, "name" | "metrics">[]): string {
  const names = [...new Set(variants.flatMap((v) => v.metrics.map((m) => m.name)))];
  const withAnalytic = variants.map((v) => v.metrics.some((m) => m.analytic !== undefined));
  const rows = names.map((name) => {
    const unit = variants.flatMap((v) => v.metrics).find((m) => m.name === name)?.unit ?? "";
    const cells = variants.flatMap((variant, i) => {
      const m = variant.metrics.find((metric) => metric.name === name);
      const extra = withAnalytic[i] ? [m ? formatNumber(m.analytic) : "", m ? analyticError(m) : ""] : [];
      if (!m) return ["", ...extra];
      const half = (m.ci95[1] - m.ci95[0]) / 2;
      return [formatBanded(m.n > 1 && half > 0 ? `${formatNumber(m.mean)} ± ${formatNumber(half)}` : formatNumber(m.mean), m), ...extra];
    });
    return [name, unit, ...cells];
  });
  const headers = variants.flatMap((v, i) => (withAnalytic[i] ? [v.name, "analytic", "error"] : [v.name]));
  return textTable(["metric", "unit", ...headers], rows);
}
