/**
 * The `rtolab` command line: a thin layer over the library. Exit codes: 0 success, 1 a budget or
 * check failed, 2 bad input (one line on stderr naming the file, field and what was expected).
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { isInputError } from "../util/errors.ts";
import { rtolabVersion } from "../util/version.ts";
import type { Argv } from "yargs";

/** Adds one command to the parser. */
type CommandAdder = <T>(cli: Argv<T>) => Argv<T>;

/**
 * Every command, by name, loaded on demand: a run imports only the module of the command it
 * names (a `rtolab cachesim` does not load the chart renderer or the scenario schemas that other
 * commands need, ~4 s of start-up under tsx), and every module when no known command is named
 * (`--help`, a typo). Order = the order of `--help`.
 */
const COMMANDS: Record<string, () => Promise<CommandAdder>> = {
  run: async () => (await import("./commands/run.ts")).runCommand,
  cachesim: async () => (await import("./commands/cachesim.ts")).cachesimCommand,
  trace: async () => (await import("./commands/trace.ts")).traceCommand,
  profile: async () => (await import("./commands/profile.ts")).profileCommand,
  schema: async () => (await import("./commands/schema.ts")).schemaCommand,
  sweep: async () => (await import("./commands/sweep.ts")).sweepCommand,
  merge: async () => (await import("./commands/merge.ts")).mergeCommand,
  compare: async () => (await import("./commands/compare.ts")).compareCommand,
  check: async () => (await import("./commands/check.ts")).checkCommand,
  chart: async () => (await import("./commands/chart.ts")).chartCommand,
  plan: async () => (await import("./commands/plan.ts")).planCommand,
  replay: async () => (await import("./commands/replay.ts")).replayCommand,
  validate: async () => (await import("./commands/validate.ts")).validateCommand,
};

/** Exit code for bad input. */
export const EXIT_BAD_INPUT = 2;

function fail(message: string): never {
  process.stderr.write(`rtolab: ${message}\n`);
  process.exit(EXIT_BAD_INPUT);
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
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      if (error) throw error;
      fail(message.split("\n")[0]);
    });
  const named = argv.find((arg) => !arg.startsWith("-"));
  const wanted = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
  for (const name of wanted) cli = (await COMMANDS[name]())(cli);
  try {
    await cli.parseAsync();
  } catch (error) {
    if (isInputError(error)) fail(error.message);
    throw error;
  }
}

await main(hideBin(process.argv));
