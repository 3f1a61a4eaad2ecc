/** `rtolab compare A B` or `rtolab compare FOLDER --variants X,Y`: paired differences and verdicts. */
import type { Argv } from "yargs";
import { compareResults, type CompareRequest, type MetricComparison } from "../../lab/compare.ts";
import { InputError } from "../../util/errors.ts";
import { formatBanded, formatNumber, textTable } from "../format.ts";

export interface CompareArguments {
  folders: string[];
  variants?: string;
}

/** Adds the `compare` command to a yargs instance. */
export function compareCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    "compare <folders..>",
    "Paired differences per metric (95% CI) between two result folders, or two variants of one",
    (command) =>
      command
        .positional("folders", { type: "string", array: true, demandOption: true, describe: "A B (two run or sweep folders), or one folder with --variants" })
        .option("variants", { type: "string", describe: "X,Y: compare variant Y against X within one folder" })
        .example("$0 compare results/mm1/s7-a results/mm1/s7-b", "B against A, paired by replication")
        .example("$0 compare results/cache/s1-x --variants lru,arc", "arc against lru"),
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

const band = (b: [number, number] | undefined) => (b === undefined ? {} : { lower: b[0], upper: b[1] });

/**
 * The comparison table: means (with their model bands when banded), the difference with its
 * 95% CI and, when any metric is banded on both sides, a `model bands` column (`overlap`: the
 * difference may be a model artefact; `apart`).
 *
 * @example
 * compareTable([{ group: "", metric: "tts", unit: "s", meanA: 40, meanB: 38, difference: -2, halfWidth: 0.5, n: 3, paired: true, significant: true,
 *   bandA: [38, 45], bandB: [36, 43], bandsOverlap: true, verdict: "" }])
 * // => "metric  unit  A           B           B − A (95% CI)  model bands\ntts     s     40 [38–45]  38 [36–43]  -2 ± 0.5        overlap"
 */
export function compareTable(comparisons: readonly MetricComparison[]): string {
  const groups = comparisons.some((c) => c.group !== "");
  const banded = comparisons.some((c) => c.bandsOverlap !== undefined);
  const rows = comparisons.map((c) => [
    ...(groups ? [c.group] : []),
    c.metric,
    c.unit,
    formatBanded(formatNumber(c.meanA), band(c.bandA)),
    formatBanded(formatNumber(c.meanB), band(c.bandB)),
    `${formatNumber(c.difference)} ± ${formatNumber(c.halfWidth)}`,
    ...(banded ? [c.bandsOverlap === undefined ? "" : c.bandsOverlap ? "overlap" : "apart"] : []),
  ]);
  return textTable([...(groups ? ["point"] : []), "metric", "unit", "A", "B", "B − A (95% CI)", ...(banded ? ["model bands"] : [])], rows);
}

/** Prints a table of means and differences, then one verdict line per metric. */
export function executeCompare(args: CompareArguments): void {
  const comparisons = compareResults(compareRequest(args));
  if (comparisons.length === 0) throw new InputError("compare", args.folders.join(" "), "metrics with at least 2 replications in both");
  const groups = comparisons.some((c) => c.group !== "");
  console.log(compareTable(comparisons));
  console.log("");
  for (const c of comparisons) console.log(groups ? `${c.group}: ${c.verdict}` : c.verdict);
}
