/**
 * The `rtolab` command line: a thin layer over the library. Exit codes: 0 success, 1 a budget or
 * check failed, 2 bad input (one line on stderr naming the file, field and what was expected).
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { resolve } from "node:path";
import { InputError, isInputError } from "../util/errors.ts";
import { rtolabVersion } from "../util/version.ts";
import type { Argv } from "yargs";
import { COMMANDS, commandsNamed, type CommandName } from "./commands/catalog.ts";

/** Adds one command to the parser. */
type CommandAdder = <T>(cli: Argv<T>) => Argv<T>;

/**
 * Every command's module, by name, loaded on demand: a run imports only the module of the
 * command it names (a `rtolab cachesim` does not load the chart renderer or the scenario schemas
 * that other commands need, ~4 s of start-up under tsx); `--help`, `--version` and a typo
 * import none (the list comes from ./commands/catalog.ts).
 */
const LOADERS: Record<CommandName, () => Promise<CommandAdder>> = {
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
  fleet: async () => (await import("./commands/fleet.ts")).fleetCommand,
  validate: async () => (await import("./commands/validate.ts")).validateCommand,
};

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

/** What yargs passes a check as its options: the keys declared with each type. */
interface DeclaredOptions {
  array?: string[];
  string?: string[];
  number?: string[];
}

/**
 * An option that takes one value, given more than once (`--junit a.xml --junit b.xml`), is bad
 * input: yargs would hand the command a list where it expects a string.
 */
function refuseRepeatedOptions(argv: Record<string, unknown>, declared: unknown): true {
  const options = declared as DeclaredOptions;
  const lists = new Set(options.array ?? []);
  for (const key of [...(options.string ?? []), ...(options.number ?? [])]) {
    const value = argv[key];
    if (lists.has(key) || !Array.isArray(value)) continue;
    throw new InputError(`--${key}`, "", `one value, given ${value.length} times (${value.map(String).join(", ")})`);
  }
  return true;
}

/**
 * Adds every command of the catalog by usage and description only, when the command line names
 * none: what `--help` lists and `recommendCommands` suggests from. The entries have no handler,
 * and no command can run through them (a command line that names one loads its module).
 */
function listCommands<T>(cli: Argv<T>): Argv<T> {
  let out = cli;
  for (const { usage, describe } of Object.values(COMMANDS)) out = out.command(usage, describe);
  return out;
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
    .check(refuseRepeatedOptions, true)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      if (error) throw error;
      fail(message.split("\n")[0]);
    });
  const named = commandsNamed(argv);
  if (named.length === 0) cli = listCommands(cli);
  for (const name of named) cli = (await LOADERS[name]())(cli);
  try {
    await cli.parseAsync();
  } catch (error) {
    if (isInputError(error)) fail(error.message);
    throw error;
  }
}

endQuietlyOnClosedPipe();
await main(hideBin(process.argv));
