/** `rtolab compare A B` or `rtolab compare FOLDER --variants X,Y`: paired differences and verdicts. */
import type { Argv } from "yargs";
import { basename, dirname, resolve } from "node:path";
import { compareResults, maxReplications, readReplicationTable, type CompareRequest, type MetricComparison } from "../../lab/compare.ts";
import { formatWithCi } from "../../metrics/precision.ts";
import { writeFileAtomically } from "../../lab/sweep/jobs.ts";
import { pairedDifferences } from "../../report/charts/paired-differences.ts";
import { renderPng, renderSvg } from "../../report/charts/render.ts";
import { bandCells, toCsv } from "../../report/csv.ts";
import { canonicalJson } from "../../util/canonical-json.ts";
import { InputError } from "../../util/errors.ts";
import { formatBanded, formatNumber, textTable } from "../format.ts";
import { COMMANDS } from "./catalog.ts";

export interface CompareArguments {
  folders: string[];
  variants?: string;
  /** "1%": changes smaller than this fraction of A's mean are negligible. */
  minEffect?: string;
  json?: boolean;
  csv?: boolean;
  /** Also write the chart of the differences to this file (.vl.json, .svg or .png). */
  chart?: string;
}

/** Adds the `compare` command to a yargs instance. */
export function compareCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.compare.usage,
    COMMANDS.compare.describe,
    (command) =>
      command
        .positional("folders", { type: "string", array: true, demandOption: true, describe: "A B (two run or sweep folders), or one folder with --variants" })
        .option("variants", { type: "string", describe: "X,Y: compare variant Y against X within one folder" })
        .option("min-effect", { type: "string", describe: 'a relative change, e.g. "1%": smaller differences (or CIs wholly within ±1%) are reported as negligible' })
        .option("json", { type: "boolean", describe: "print the comparisons as a JSON array" })
        .option("csv", { type: "boolean", describe: "print the comparisons as CSV (one row per metric)" })
        .option("chart", { type: "string", describe: "also write a chart of the differences with their 95% CIs to FILE: .vl.json (Vega-Lite), .svg or .png" })
        .conflicts("json", "csv")
        .example("$0 compare results/mm1/s7-a results/mm1/s7-b", "B against A, paired by replication")
        .example("$0 compare results/cache/s1-x --variants lru,arc", "arc against lru")
        .example("$0 compare results/cache/s1-x --variants lru,arc --min-effect 1% --csv", "as CSV; changes under 1% are negligible")
        .example("$0 compare results/cache/s1-x --variants lru,arc --chart diff.svg", "and a chart of the differences"),
    (argv) => executeCompare(argv as unknown as CompareArguments),
  );
}

/** Parses the arguments into a request; throws an {@link InputError} on a bad combination. */
export function compareRequest(args: CompareArguments): CompareRequest {
  if (args.variants !== undefined) {
    const names = args.variants.split(",").map((name) => name.trim());
    if (names.length !== 2 || names.some((name) => name === "")) throw new InputError("--variants", args.variants, "two variant names, X,Y");
    if (args.folders.length !== 1) throw new InputError("compare", args.folders.join(" "), "one results folder with --variants");
    return { folder: args.folders[0], variants: [names[0], names[1]] };
  }
  if (args.folders.length !== 2) throw new InputError("compare", args.folders.join(" "), "two results folders A B (or one with --variants X,Y)");
  return { folders: [args.folders[0], args.folders[1]] };
}

/**
 * The `--min-effect` option as a fraction: "1%" or "0.5%" (0 when absent); throws an
 * {@link InputError} otherwise.
 *
 * @example
 * minEffectOption("1%") // => 0.01
 * minEffectOption(undefined) // => 0
 */
export function minEffectOption(text: string | undefined): number {
  if (text === undefined) return 0;
  const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  if (!match || Number(match[1]) >= 100) throw new InputError("--min-effect", text, 'a percentage of A\'s mean below 100%, e.g. "1%"');
  return Number(match[1]) / 100;
}

const band = (b: [number, number] | undefined) => (b === undefined ? {} : { lower: b[0], upper: b[1] });

/**
 * A mean with its band, at the difference's precision when it has one; a mean that precision
 * would round to 0 keeps its own digits (0.2145 ms beside a ±13 ms difference is not 0).
 */
function meanText(value: number, halfWidth: number, b: [number, number] | undefined): string {
  const rounded = formatWithCi(value, halfWidth, formatNumber).value;
  return formatBanded(Number(rounded) === 0 && value !== 0 ? formatNumber(value) : rounded, band(b));
}

/**
 * The comparison table: each side's mean headed with its name (variant or folder), with its
 * model band when banded, the difference B − A with its 95% CI, means and difference rounded to
 * the CI's precision, and, when any metric is banded on both sides, a `model bands` column
 * (`overlap`: the difference may be a model artefact; `apart`).
 *
 * @example
 * compareTable([{ group: "", labelA: "lazy", labelB: "profile", metric: "tts", unit: "s", meanA: 40.123, meanB: 38.071, difference: -2.052, halfWidth: 0.5,
 *   n: 3, paired: true, significant: true, effect: "lower", bandA: [38, 45], bandB: [36, 43], bandsOverlap: true, verdict: "" }])
 * // => "metric  unit  lazy          profile       profile − lazy (95% CI)  model bands\ntts     s     40.1 [38–45]  38.1 [36–43]  -2.1 ± 0.5               overlap"
 */
export function compareTable(comparisons: readonly MetricComparison[]): string {
  const groups = comparisons.some((c) => c.group !== "");
  const banded = comparisons.some((c) => c.bandsOverlap !== undefined);
  const rows = comparisons.map((c) => {
    const difference = formatWithCi(c.difference, c.halfWidth, formatNumber);
    return [
      ...(groups ? [c.group] : []),
      c.metric,
      c.unit,
      meanText(c.meanA, c.halfWidth, c.bandA),
      meanText(c.meanB, c.halfWidth, c.bandB),
      `${difference.value} ± ${difference.halfWidth}`,
      ...(banded ? [c.bandsOverlap === undefined ? "" : c.bandsOverlap ? "overlap" : "apart"] : []),
    ];
  });
  const [labelA, labelB] = comparisons.length > 0 ? [comparisons[0].labelA, comparisons[0].labelB] : ["A", "B"];
  return textTable([...(groups ? ["point"] : []), "metric", "unit", labelA, labelB, `${labelB} − ${labelA} (95% CI)`, ...(banded ? ["model bands"] : [])], rows);
}

/** Columns of `rtolab compare --csv`, one row per metric (and group). */
export const COMPARE_CSV_COLUMNS = [
  "group", "metric", "unit", "a", "b", "mean_a", "mean_b", "difference", "ci_half_width", "n", "paired", "effect",
  "band_a_low", "band_a_high", "band_b_low", "band_b_high", "bands_overlap", "verdict",
] as const;

/**
 * The comparisons as CSV rows (full precision: rounding is for reading, not for further analysis).
 *
 * @example
 * compareCsv([{ group: "", labelA: "fifo", labelB: "fast", metric: "waitMean", unit: "ms", meanA: 4, meanB: 3, difference: -1, halfWidth: 0.2,
 *   n: 3, paired: true, significant: true, effect: "lower", verdict: "fast lowers waitMean by 25% ± 5% (paired, n=3)" }]).split("\n")[1]
 * // => ",waitMean,ms,fifo,fast,4,3,-1,0.2,3,true,lower,,,,,,\"fast lowers waitMean by 25% ± 5% (paired, n=3)\""
 */
export function compareCsv(comparisons: readonly MetricComparison[]): string {
  const rows = comparisons.map((c) => {
    const [a, b] = [bandCells(band(c.bandA)), bandCells(band(c.bandB))];
    return {
      group: c.group, metric: c.metric, unit: c.unit, a: c.labelA, b: c.labelB, mean_a: c.meanA, mean_b: c.meanB, difference: c.difference,
      ci_half_width: c.halfWidth, n: c.n, paired: String(c.paired), effect: c.effect,
      band_a_low: a.band_low, band_a_high: a.band_high, band_b_low: b.band_low, band_b_high: b.band_high,
      bands_overlap: c.bandsOverlap === undefined ? "" : String(c.bandsOverlap), verdict: c.verdict,
    };
  });
  return toCsv(rows, COMPARE_CSV_COLUMNS);
}

/** Why nothing could be compared, as an error that says what to do. */
function nothingToCompare(args: CompareArguments, request: CompareRequest): InputError {
  const folders = "variants" in request ? [request.folder] : request.folders;
  const fewest = Math.min(...folders.map((folder) => maxReplications(readReplicationTable(resolve(folder)))));
  const what = "metrics with at least 2 replications in both (a confidence interval needs 2 or more";
  if (fewest < 2) return new InputError("compare", args.folders.join(" "), `${what}; this run has ${fewest}: rerun it with --set replications=10)`);
  return new InputError("compare", args.folders.join(" "), `${what}; these folders share no metric)`);
}

/** The chart formats of `--chart`, by the file name's ending. */
const CHART_ENDINGS = [".vl.json", ".svg", ".png"] as const;

/**
 * The `--chart` file's format from its name; throws an {@link InputError} for any other ending.
 *
 * @example
 * chartFormat("out/diff.vl.json") // => ".vl.json"
 * chartFormat("diff.pdf") // throws "--chart: diff.pdf: a file name ending in .vl.json, .svg or .png"
 */
export function chartFormat(file: string): (typeof CHART_ENDINGS)[number] {
  const ending = CHART_ENDINGS.find((end) => file.toLowerCase().endsWith(end) && file.length > end.length);
  if (ending === undefined) throw new InputError("--chart", file, "a file name ending in .vl.json, .svg or .png");
  return ending;
}

/**
 * The Vega-Lite spec of the comparisons' chart (see `pairedDifferences`): a panel per metric,
 * B − A with its 95% CI, in the metric's unit; groups (sweep points, variants of two folders)
 * are the rows of each panel.
 *
 * @example
 * const c = { group: "", labelA: "fifo", labelB: "fast", metric: "waitMean", unit: "ms", meanA: 4, meanB: 3, difference: -1, halfWidth: 0.2,
 *   n: 3, paired: true, significant: true, effect: "lower" as const, verdict: "" };
 * (compareChart([c]).title as { text: string }).text // => "fast − fifo: differences with 95% CIs"
 */
export function compareChart(comparisons: readonly MetricComparison[]): ReturnType<typeof pairedDifferences> {
  const [first] = comparisons;
  return pairedDifferences(comparisons, { labelA: first?.labelA ?? "A", labelB: first?.labelB ?? "B", paired: comparisons.every((c) => c.paired) });
}

/** Writes the chart of the comparisons to `file` (atomically), in the format its name ends with. */
async function writeCompareChart(file: string, comparisons: readonly MetricComparison[]): Promise<void> {
  const format = chartFormat(file);
  const spec = compareChart(comparisons);
  const content = format === ".vl.json" ? `${canonicalJson(spec, 2)}\n` : format === ".svg" ? await renderSvg(spec) : renderPng(await renderSvg(spec));
  writeFileAtomically(dirname(resolve(file)), basename(file), content);
}

/** Prints a table of means and differences, then one verdict line per metric (or JSON, or CSV); with `--chart`, writes the chart too. */
export function executeCompare(args: CompareArguments): void | Promise<void> {
  const request = compareRequest(args);
  if (args.chart !== undefined) chartFormat(args.chart);
  const comparisons = compareResults(request, { minEffect: minEffectOption(args.minEffect) });
  if (comparisons.length === 0) throw nothingToCompare(args, request);
  const chart = args.chart === undefined ? undefined : writeCompareChart(args.chart, comparisons);
  if (args.json) console.log(JSON.stringify(comparisons, null, 2));
  else if (args.csv) process.stdout.write(compareCsv(comparisons));
  else {
    const groups = comparisons.some((c) => c.group !== "");
    console.log(compareTable(comparisons));
    console.log("");
    for (const c of comparisons) console.log(groups ? `${c.group}: ${c.verdict}` : c.verdict);
  }
  return chart;
}
