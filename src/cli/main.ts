/**
 * The `rtolab` command line: a thin layer over the library. Exit codes: 0 success, 1 a budget or
 * check failed, 2 bad input (one line on stderr naming the file, field and what was expected).
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { resolve } from "node:path";
import { InputError, isInputError } from "../util/errors.ts";
import { rtolabVersion } from "../util/version.ts";
import { runCommand } from "./commands/run.ts";
import { cachesimCommand } from "./commands/cachesim.ts";
import { profileCommand } from "./commands/profile.ts";
import { schemaCommand } from "./commands/schema.ts";
import { traceCommand } from "./commands/trace.ts";
import { sweepCommand } from "./commands/sweep.ts";
import { mergeCommand } from "./commands/merge.ts";
import { compareCommand } from "./commands/compare.ts";
import { checkCommand } from "./commands/check.ts";
import { chartCommand } from "./commands/chart.ts";
import { planCommand } from "./commands/plan.ts";
import { replayCommand } from "./commands/replay.ts";
import { validateCommand } from "./commands/validate.ts";

/** Exit code for bad input. */
export const EXIT_BAD_INPUT = 2;

function fail(message: string): never {
  process.stderr.write(`rtolab: ${message}\n`);
  process.exit(EXIT_BAD_INPUT);
}

/**
 * A reader that closes stdout early (`rtolab run ... | head -1`) ends rtolab quietly: the
 * EPIPE error on stdout exits 0 with no stack trace. Whatever the command was writing to disk
 * was written before its table is printed (results folders are written first), so nothing is
 * cut short but the printout.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") exit(0);
    else throw error;
  });
}

/**
 * `--data-dir DIR`: an explicit, logged permission for scenarios to name files under DIR, passed
 * on as the override `dataDir=<absolute DIR>` (so worker threads, which load the scenario again,
 * get it too, and the path checks of util/paths.ts apply to it as to the scenario's own folder).
 */
function dataDirMiddleware(argv: Record<string, unknown>): void {
  const dir = argv.dataDir;
  if (dir === undefined) return;
  if (typeof dir !== "string" || dir === "") throw new InputError("--data-dir", String(dir), "a folder path");
  if (!Array.isArray(argv.set)) throw new InputError("--data-dir", dir, "a command that runs scenarios (run, sweep, check, plan)");
  const absolute = resolve(dir);
  argv.set = [...(argv.set as string[]), `dataDir=${JSON.stringify(absolute)}`];
  process.stderr.write(`rtolab: --data-dir: scenario paths may also name files under ${absolute}\n`);
}

/** Parses `argv` and runs the command. */
export async function main(argv: string[]): Promise<void> {
  let cli = yargs(argv)
    .scriptName("rtolab")
    .usage("$0 <command> [options]\n\nDeterministic simulator for instant recovery of backed-up VMs.")
    .version(rtolabVersion())
    .strict()
    .demandCommand(1, "name a command, e.g. rtolab run scenarios/validation/mm1.yaml")
    .recommendCommands()
    .option("data-dir", {
      type: "string",
      global: true,
      describe: "a folder outside the scenario's project that its paths (traces, profiles) may also name (run, sweep, check, plan)",
    })
    .middleware(dataDirMiddleware)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      if (error) throw error;
      fail(message.split("\n")[0]);
    });
  cli = runCommand(cli);
  cli = cachesimCommand(cli);
  cli = traceCommand(cli);
  cli = profileCommand(cli);
  cli = schemaCommand(cli);
  cli = sweepCommand(cli);
  cli = mergeCommand(cli);
  cli = compareCommand(cli);
  cli = checkCommand(cli);
  cli = chartCommand(cli);
  cli = planCommand(cli);
  cli = replayCommand(cli);
  cli = validateCommand(cli);
  try {
    await cli.parseAsync();
  } catch (error) {
    if (isInputError(error)) fail(error.message);
    throw error;
  }
}

endQuietlyOnClosedPipe();
await main(hideBin(process.argv));
