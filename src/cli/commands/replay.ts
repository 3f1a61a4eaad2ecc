/** `rtolab replay calibrate BASE DELAYED -o PLAN`: a replay plan learnt from two recordings of one VM. */
import { writeFileSync } from "node:fs";
import { basename } from "node:path";
import type { Argv } from "yargs";
import { InputError } from "../../util/errors.ts";
import { calibrateReplayPlan } from "../../workloads/replay/calibrate.ts";
import { planFileText } from "../../workloads/replay/plan-file.ts";
import { detectTraceFormat, openTrace } from "../../workloads/traces/open.ts";
import type { TraceRequest } from "../../workloads/traces/types.ts";
import { COMMANDS } from "./catalog.ts";

interface CalibrateArguments {
  base: string;
  delayed: string;
  output: string;
  threads: number;
}

/** Reads a trace (any format rtolab reads) whose every request has its latency (calibration needs completions). */
function recording(path: string): TraceRequest[] {
  const requests = [...openTrace(path, detectTraceFormat(path))];
  if (requests.length === 0) throw new InputError(path, "", "a boot trace with at least one request");
  const missing = requests.findIndex((r) => r.latencyUs === undefined);
  if (missing >= 0) throw new InputError(path, `request ${missing + 1}`, "a latency_us for every request (calibration compares completions)");
  return requests;
}

/** Adds `replay calibrate`. */
export function replayCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.replay.usage,
    COMMANDS.replay.describe, (replay) =>
    replay
      .command(
        "calibrate <base> <delayed>",
        "Learn a trace's replay plan from a second recording of the same VM at another disk latency (e.g. nbdkit's delay filter)",
        (command) =>
          command
            .positional("base", { type: "string", demandOption: true, describe: "the trace to replay, with latencies (rtolab CSV with latency_us, nbdkit's log, …)" })
            .positional("delayed", { type: "string", demandOption: true, describe: "the same VM and disk state, booted with a slower (or faster) disk" })
            .option("output", { alias: "o", type: "string", demandOption: true, describe: "plan file to write (JSON)" })
            .option("threads", { type: "number", default: 2, describe: "the guest's threads that wait for their own reads (the prior model's rule 3, docs/replay.md)" })
            .example("$0 replay calibrate traces/k2boot1.csv traces/k2boot_d20ms.csv -o k2boot1.plan.json", "a plan scenarios name with replayPlan: / vms.replay:"),
        (argv) => {
          const args = argv as unknown as CalibrateArguments;
          if (!Number.isInteger(args.threads) || args.threads < 1) throw new InputError("--threads", String(args.threads), "a whole number of threads ≥ 1");
          if (args.output === "") throw new InputError("--output", "''", "a plan file path");
          const base = recording(args.base);
          const delayed = recording(args.delayed);
          const calibration = calibrateReplayPlan(base, delayed, { threads: args.threads });
          const about = {
            base: basename(args.base), delayed: basename(args.delayed), matched: calibration.matched, confirmed: calibration.confirmed,
            refuted: calibration.refuted, absorbed: calibration.absorbed, addedLatencyUs: calibration.addedLatencyUs,
            resumeStretchUs: calibration.resumeStretchUs, resumeUs: calibration.plan.resume.costUs,
          };
          try {
            writeFileSync(args.output, planFileText(calibration.plan, base, { threads: args.threads }, about));
          } catch (error) {
            throw new InputError(args.output, "", `a writable plan file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
          }
          console.log(
            `${args.output}: ${base.length} requests; ${calibration.matched} matched in ${about.delayed} (median added latency ${calibration.addedLatencyUs} µs); ` +
              `${calibration.confirmed} confirmed, ${calibration.refuted} dependencies refuted, ${calibration.absorbed} gaps absorbed delay; ` +
              `resume cost ${calibration.plan.resume.costUs} µs (think after a serial read grew ${calibration.resumeStretchUs} µs)`,
          );
        },
      )
      .demandCommand(1, "name a replay command: calibrate"),
  );
}
