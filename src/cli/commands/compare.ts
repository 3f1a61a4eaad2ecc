/** `rtolab compare A B` or `rtolab compare FOLDER --variants X,Y`: paired differences and verdicts. */
import type { Argv } from "yargs";
import { compareResults, type CompareRequest } from "../../lab/compare.ts";
import { InputError } from "../../util/errors.ts";
import { formatNumber, textTable } from "../format.ts";

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

/** Prints a table of means and differences, then one verdict line per metric. */
export function executeCompare(args: CompareArguments): void {
  const comparisons = compareResults(compareRequest(args));
  if (comparisons.length === 0) throw new InputError("compare", args.folders.join(" "), "metrics with at least 2 replications in both");
  const groups = comparisons.some((c) => c.group !== "");
  const rows = comparisons.map((c) => [
    ...(groups ? [c.group] : []),
    c.metric,
    c.unit,
    formatNumber(c.meanA),
    formatNumber(c.meanB),
    `${formatNumber(c.difference)} ± ${formatNumber(c.halfWidth)}`,
  ]);
  console.log(textTable([...(groups ? ["point"] : []), "metric", "unit", "A", "B", "B − A (95% CI)"], rows));
  console.log("");
  for (const c of comparisons) console.log(groups ? `${c.group}: ${c.verdict}` : c.verdict);
}
