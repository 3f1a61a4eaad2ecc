/**
 * Every command's usage and one-line description, without its module: what `rtolab --help`
 * lists, so that `--help` and `--version` import no command (src/cli/main.ts loads a command's
 * module only when the command line names it). Each command module registers itself under its
 * entry here. Order = the order of `--help`.
 */

/** A command as the top-level help shows it. */
export interface CommandSummary {
  /** yargs command string: name and positional arguments. */
  readonly usage: string;
  readonly describe: string;
}

/** The commands by name. */
export const COMMANDS = {
  run: { usage: "run <scenario>", describe: "Run a scenario and write results/<scenario>/<run-id>/" },
  cachesim: { usage: "cachesim", describe: "Replay a trace through cache policies: misses and miss ratio per policy and size" },
  trace: { usage: "trace <command>", describe: "Inspect or convert block I/O traces" },
  profile: { usage: "profile <command>", describe: "Operational profiles for pre-staging" },
  schema: { usage: "schema", describe: "Write the JSON Schema of scenario files (for editor validation)" },
  sweep: { usage: "sweep <scenario>", describe: "Run a scenario's sweep: every point × replication on worker threads, then CSVs, CIs, charts, report.html" },
  merge: { usage: "merge <out> <shards..>", describe: "Join shard folders of one sweep into OUT and write its CSVs, charts and report" },
  compare: { usage: "compare <folders..>", describe: "Paired differences per metric (95% CI) between two result folders, or two variants of one" },
  check: { usage: "check <scenarios..>", describe: "Run scenarios and check metric budgets and a baseline (exit 1 on a breach), for CI" },
  chart: { usage: "chart <results>", describe: "Re-render the standard views of a run or sweep folder from its CSVs" },
  plan: { usage: "plan <scenario>", describe: "Smallest configuration meeting every budget (upper 95% bound over replications); prints and charts the frontier" },
  replay: { usage: "replay <command>", describe: "Replay plans of boot traces" },
  fleet: { usage: "fleet <action> <scenario>", describe: "`fleet calibrate`: fit the coarse fleet restore model to the scenario's restore pipeline, written beside it (model.restore.coarseFit)" },
  validate: { usage: "validate <what>", describe: "Validate a model against measurements: `validate replay` predicts every what-if pair's service-ready time in both directions" },
} as const satisfies Record<string, CommandSummary>;

/** A command's name. */
export type CommandName = keyof typeof COMMANDS;

/**
 * The commands whose modules a command line needs: every word of `argv` that names a command
 * (normally the first; an option's value may come before it, `--data-dir run sweep s.yaml`).
 * None for `--help`, `--version`, a typo or nothing: those are answered from the catalog.
 *
 * @example
 * commandsNamed(["run", "scenarios/validation/mm1.yaml"]) // => ["run"]
 * commandsNamed(["--help"]) // => []
 */
export function commandsNamed(argv: readonly string[]): CommandName[] {
  const named = argv.filter((arg): arg is CommandName => Object.hasOwn(COMMANDS, arg));
  return [...new Set(named)];
}

