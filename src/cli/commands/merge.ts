/** `rtolab merge OUT SHARD...`: join the shard folders of one sweep, then aggregate. */
import type { Argv } from "yargs";
import { aggregateSweep } from "../../lab/sweep/aggregate.ts";
import { mergeShards } from "../../lab/sweep/merge.ts";
import { checkOutputFolder } from "../../report/output-folder.ts";
import { COMMANDS } from "./catalog.ts";

export interface MergeArguments {
  out: string;
  shards: string[];
}

/** Adds the `merge` command to a yargs instance. */
export function mergeCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.merge.usage,
    COMMANDS.merge.describe,
    (command) =>
      command
        .positional("out", { type: "string", demandOption: true, describe: "merged sweep folder (created)" })
        .positional("shards", { type: "string", array: true, demandOption: true, describe: "shard folders written by rtolab sweep --shard k/n" })
        .example("$0 merge results/sweep shard-1 shard-2 shard-3", "join three shards"),
    (argv) => executeMerge(argv as unknown as MergeArguments),
  );
}

/**
 * Runs the command; exits 1 (with what to do) when jobs are still missing. OUT is checked
 * first (`checkOutputFolder`: absent, empty or rtolab's).
 */
export async function executeMerge(args: MergeArguments): Promise<void> {
  checkOutputFolder(args.out, "OUT");
  const stats = mergeShards(args.out, args.shards);
  console.log(`${args.out}: ${stats.jobs} jobs, ${stats.copied} copied from ${args.shards.length} shard folder(s), ${stats.missing} missing`);
  if (stats.missing > 0) {
    console.log("incomplete: run the missing shards (or rtolab sweep <scenario> --out on this folder) and merge again");
    process.exitCode = 1;
    return;
  }
  const files = await aggregateSweep(args.out);
  console.log(`wrote ${files.filter((name) => !name.startsWith("charts/")).join(", ")} and ${files.filter((name) => name.startsWith("charts/")).length} chart files`);
}
