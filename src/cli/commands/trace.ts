/** `rtolab trace info|convert`: look at a trace, or rewrite it in another format. */
import type { Argv } from "yargs";
import { convertTrace, openTraceWriter, type ConvertFormat } from "../../workloads/traces/convert.ts";
import { formatTraceInfo, traceInfo } from "../../workloads/traces/info.ts";
import { TRACE_FORMATS, detectTraceFormat, openTrace } from "../../workloads/traces/open.ts";
import type { TraceFormat } from "../../workloads/traces/types.ts";
import { InputError } from "../../util/errors.ts";
import { isSameFile } from "../../util/same-file.ts";
import { COMMANDS } from "./catalog.ts";

interface InfoArguments {
  file: string;
  format?: TraceFormat;
  block: number;
  json: boolean;
}

interface ConvertArguments {
  input: string;
  output: string;
  from?: TraceFormat;
  to: ConvertFormat;
}

function checkBlock(block: number): number {
  if (!Number.isSafeInteger(block) || block <= 0) throw new InputError("--block", String(block), "a positive number of bytes, like 4096");
  return block;
}

/** Adds the `trace` command group (`info`, `convert`). */
export function traceCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.trace.usage,
    COMMANDS.trace.describe, (trace) =>
    trace
      .command(
        "info <file>",
        "Requests, bytes, read/write mix, distinct blocks, duration, size and offset histograms",
        (command) =>
          command
            .positional("file", { type: "string", demandOption: true })
            .option("format", { choices: TRACE_FORMATS, describe: "trace format (default: from the file name)" })
            .option("block", { type: "number", default: 4096, describe: "block size for distinct-block counts, bytes" })
            .option("json", { type: "boolean", default: false, describe: "print JSON" })
            .example("$0 trace info traces/boot0.csv", "the boot trace's figures"),
        (argv) => {
          const args = argv as unknown as InfoArguments;
          const info = traceInfo(openTrace(args.file, args.format ?? detectTraceFormat(args.file)), { blockSize: checkBlock(args.block) });
          console.log(args.json ? JSON.stringify(info, null, 2) : formatTraceInfo(info));
        },
      )
      .command(
        "convert <input> <output>",
        "Rewrite a trace as rtolab CSV or SNIA/MSR-Cambridge CSV",
        (command) =>
          command
            .positional("input", { type: "string", demandOption: true })
            .positional("output", { type: "string", demandOption: true })
            .option("from", { choices: TRACE_FORMATS, describe: "input format (default: from the file name)" })
            .option("to", { choices: ["csv", "msr"] as const, default: "csv" as ConvertFormat, describe: "output format" })
            .example("$0 trace convert traces/cloudPhysicsIO.vscsi cloud.csv", "vscsi to rtolab CSV"),
        (argv) => {
          const args = argv as unknown as ConvertArguments;
          // Checked before the output is opened: opening it truncates it.
          if (isSameFile(args.input, args.output)) {
            throw new InputError(args.output, "", `an output file other than the input ${args.input} (writing it would destroy the input)`);
          }
          const requests = openTrace(args.input, args.from ?? detectTraceFormat(args.input));
          let writer: ReturnType<typeof openTraceWriter>;
          try {
            writer = openTraceWriter(args.output);
          } catch (error) {
            throw new InputError(args.output, "", `a writable file (${(error as NodeJS.ErrnoException).code ?? "error"})`);
          }
          try {
            const result = convertTrace(requests, writer, { format: args.to });
            console.log(`${args.output}: ${result.written} requests written${result.skipped ? `, ${result.skipped} skipped (not representable in ${args.to})` : ""}`);
          } finally {
            writer.close();
          }
        },
      )
      .demandCommand(1, "name a trace command: info or convert"),
  );
}
