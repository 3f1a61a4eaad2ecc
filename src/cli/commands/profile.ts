/** `rtolab profile learn`: learn an operational profile from earlier boots, score it on others. */
import type { Argv } from "yargs";
import { learnProfile, profileAccuracyCoverage, saveProfile } from "../../workloads/profile/index.ts";
import { detectTraceFormat, openTrace } from "../../workloads/traces/open.ts";
import { InputError } from "../../util/errors.ts";
import { formatNumber, textTable } from "../format.ts";
import { COMMANDS } from "./catalog.ts";

interface LearnArguments {
  traces: string[];
  out: string;
  block: number;
  against: string[];
  minRuns: number;
}

/**
 * Splits `FILE@CUT_US` into the file and the service-ready moment (µs) to cut the boot at.
 *
 * @example
 * traceWithCut("traces/boot0.csv@31187961") // => { file: "traces/boot0.csv", cutAtUs: 31187961 }
 */
export function traceWithCut(argument: string): { file: string; cutAtUs?: number } {
  const at = argument.lastIndexOf("@");
  if (at < 0) return { file: argument };
  // Decimal digits only: Number() would take "" as 0, "0x10" as 16 and "1e3" as 1000.
  const text = argument.slice(at + 1);
  const cut = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(cut)) {
    throw new InputError(argument, "", "FILE or FILE@CUT, CUT the service-ready time in µs (an integer)");
  }
  return { file: argument.slice(0, at), cutAtUs: cut };
}

/** Adds the `profile` command group (`learn`). */
export function profileCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.profile.usage,
    COMMANDS.profile.describe, (profile) =>
    profile
      .command(
        "learn <traces..>",
        "Learn a profile from earlier boots (FILE or FILE@SERVICE_READY_US to cut at service ready)",
        (command) =>
          command
            .positional("traces", { type: "string", array: true, demandOption: true })
            .option("out", { alias: "o", type: "string", demandOption: true, describe: "profile file to write (JSON)" })
            .option("block", { type: "number", default: 4096, describe: "block size, bytes" })
            .option("against", { type: "string", array: true, default: [] as string[], describe: "other boots to score the profile on (FILE or FILE@CUT)" })
            .option("min-runs", { type: "number", default: 1, describe: "count only blocks read in at least this many learned runs" })
            .example(
              "$0 profile learn traces/gboot0.csv@36524944 traces/gboot1.csv@35724121 -o gboot.profile.json --against traces/gboot4_gen2.csv@36653904",
              "learn from two boots, score on the next generation",
            ),
        (argv) => executeLearn(argv as unknown as LearnArguments),
      )
      .demandCommand(1, "name a profile command: learn"),
  );
}

function executeLearn(args: LearnArguments): void {
  if (!Number.isSafeInteger(args.block) || args.block <= 0) throw new InputError("--block", String(args.block), "a positive number of bytes, like 4096");
  const learned = args.traces.map(traceWithCut);
  const profile = learnProfile(
    learned.map(({ file }) => openTrace(file, detectTraceFormat(file))),
    { blockSize: args.block, cutAtUs: learned.map(({ cutAtUs }) => cutAtUs) },
  );
  try {
    saveProfile(args.out, profile);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(args.out, "", `a writable file (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  console.log(`${args.out}: ${profile.blocks.length} blocks of ${args.block} B from ${profile.runs} run(s)`);
  if (args.against.length === 0) return;
  const rows = args.against.map((argument) => {
    const { file, cutAtUs } = traceWithCut(argument);
    const score = profileAccuracyCoverage(profile, openTrace(file, detectTraceFormat(file)), { cutAtUs, minRuns: args.minRuns });
    return [file, score.bootBlocks, score.commonBlocks, formatNumber(score.accuracy), formatNumber(score.coverage)];
  });
  console.log(textTable(["boot", "blocks read", "in profile", "accuracy", "coverage"], rows));
}
