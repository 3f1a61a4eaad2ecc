/** `rtolab cachesim`: trace-driven cache simulation, miss ratios per policy and size, MRC chart. */
import { basename, extname, join } from "node:path";
import type { Argv } from "yargs";
import { cachePolicies } from "../../policies/cache/index.ts";
import type { CacheUnit, CachesimRow } from "../../policies/cache/cachesim/cachesim.ts";
import { cachesimFileParallel } from "../../lab/cachesim-pool.ts";
import { writeFolderAtomically } from "../../report/atomic-folder.ts";
import { checkOutputFolder } from "../../report/output-folder.ts";
import { toCsv } from "../../report/csv.ts";
import { TRACE_FORMATS, detectTraceFormat } from "../../workloads/traces/open.ts";
import type { TraceFormat } from "../../workloads/traces/types.ts";
import { InputError } from "../../util/errors.ts";
import { checkResultsFolder, safeFolderName } from "../../util/paths.ts";
import { parseSize } from "../../util/units.ts";
import { formatNumber, textTable } from "../format.ts";
import { listOption } from "./list-option.ts";
import { workersOption } from "./workers-option.ts";

interface CachesimArguments {
  trace: string;
  format?: TraceFormat;
  policy: string[];
  size: string[];
  unit: CacheUnit;
  block?: number;
  json: boolean;
  out?: string;
  chart: boolean;
  future: "trace" | "compute";
  workers?: number;
}

function parseSizes(values: readonly string[], unit: CacheUnit): number[] {
  return values.map((text) => {
    const size = unit === "bytes" ? parseSize(text) : Number(text);
    if (size === undefined || !Number.isSafeInteger(size) || size <= 0) {
      throw new InputError("--size", text, unit === "bytes" ? 'a positive size like 134217728 or "128MiB"' : "a positive whole number of objects");
    }
    return size;
  });
}

/** Adds the `cachesim` command. */
export function cachesimCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    "cachesim",
    "Replay a trace through cache policies: misses and miss ratio per policy and size",
    (command) =>
      command
        .option("trace", { type: "string", demandOption: true, describe: "trace file" })
        .option("format", { choices: TRACE_FORMATS, describe: "trace format (default: from the file name)" })
        .option("policy", { type: "string", array: true, default: ["lru"], describe: `comma-separated policies: ${cachePolicies.names().join(", ")}` })
        .option("size", { type: "string", array: true, demandOption: true, describe: "comma-separated cache sizes (objects, or bytes with units)" })
        .option("unit", { choices: ["objects", "bytes"] as const, default: "objects" as CacheUnit, describe: "what the size counts" })
        .option("block", { type: "number", describe: "split requests into blocks of this many bytes (the media agent's view); default: libCacheSim semantics, one object per request keyed by its start offset" })
        .option("json", { type: "boolean", default: false, describe: "print a JSON array for scripts" })
        .option("out", { type: "string", describe: "results folder (default results/cachesim/<trace>)" })
        .option("future", { choices: ["trace", "compute"] as const, default: "trace" as const, describe: "Belady's next accesses: the trace's field when it has one (oracleGeneral), or computed by a backward pass over a temporary file" })
        .option("workers", { type: "number", describe: "worker threads sharing the (policy, size) pairs, each reading the trace once (default: the machine's cores; 0 or 1: this thread); results are identical" })
        .option("chart", { type: "boolean", default: true, describe: "write the miss-ratio-curve chart (--no-chart to skip)" })
        .example("$0 cachesim --trace traces/cloudPhysicsIO.oracleGeneral.bin --policy lru,arc,belady --size 128MiB,256MiB,512MiB --unit bytes", "libCacheSim request semantics")
        .example("$0 cachesim --trace traces/gboot1.csv --policy lru,s3fifo --size 1000,4000,16000 --block 4096", "4 KiB blocks, as a media agent's cache sees them"),
    async (argv) => executeCachesim(argv as unknown as CachesimArguments),
  );
}

/**
 * The folder cachesim writes: `--out`, or `results/cachesim/<trace's base name, made safe>`;
 * checked (`checkOutputFolder`) before any simulation.
 *
 * @example
 * cachesimFolder({ trace: "traces/boot0.csv" }) // => "results/cachesim/boot0"
 * cachesimFolder({ trace: "tr/.." }) // => "results/cachesim/trace"
 */
export function cachesimFolder(args: { trace: string; out?: string }): string {
  if (args.out !== undefined) return checkOutputFolder(args.out);
  const root = join("results", "cachesim");
  return checkOutputFolder(checkResultsFolder(root, join(root, safeFolderName(basename(args.trace, extname(args.trace)))), "--trace"));
}

async function executeCachesim(args: CachesimArguments): Promise<void> {
  const folder = args.chart ? cachesimFolder(args) : undefined;
  const policies = listOption(args.policy);
  const sizes = parseSizes(listOption(args.size), args.unit);
  if (args.block !== undefined && (!Number.isSafeInteger(args.block) || args.block <= 0)) {
    throw new InputError("--block", String(args.block), "a positive number of bytes, like 4096");
  }
  for (const policy of policies) cachePolicies.get(policy, "--policy");
  const workers = workersOption(args.workers);
  const format = args.format ?? detectTraceFormat(args.trace);
  if (format === "oracleGeneral" && args.block !== undefined) {
    // oracleGeneral records carry object ids, not byte offsets: there is nothing to split into blocks.
    throw new InputError("--block", String(args.block), "not with oracleGeneral traces (they hold object ids, not byte offsets); use the vscsi copy of the trace");
  }
  const options = { policies, sizes, unit: args.unit, mode: args.block === undefined ? "libcachesim" : "block", blockBytes: args.block, future: args.future } as const;
  const rows: CachesimRow[] = await cachesimFileParallel(args.trace, format, options, workers);
  if (args.json) {
    const plain = rows.map(({ policy, size, unit, requests, misses, missRatio }) => ({ policy, size, unit, requests, misses, missRatio }));
    process.stdout.write(`${JSON.stringify(plain, null, 2)}\n`);
  } else {
    const byteColumn = args.unit === "bytes" || args.block !== undefined;
    console.log(
      textTable(
        ["policy", `size (${args.unit})`, "requests", "misses", "miss ratio", ...(byteColumn ? ["byte miss ratio"] : [])],
        rows.map((r) => [r.policy, r.size, r.requests, r.misses, formatNumber(r.missRatio), ...(byteColumn ? [formatNumber(r.byteMissRatio)] : [])]),
      ),
    );
  }
  if (folder === undefined) return;
  const mib = args.unit === "bytes" && sizes.every((s) => s % 2 ** 20 === 0);
  // Loaded only when a chart is written: the renderer (vega, vega-lite, resvg) is ~3 s of start-up.
  const { chartFiles, missRatioCurve } = await import("../../report/charts/index.ts");
  const spec = missRatioCurve(
    rows.map((r) => ({ policy: r.policy, size: mib ? r.size / 2 ** 20 : r.size, missRatio: r.missRatio })),
    { sizeUnit: mib ? "MiB" : args.unit, title: `Miss ratio by cache size: ${basename(args.trace)}` },
  );
  const files = await chartFiles("mrc", spec);
  files.set("cachesim.csv", toCsv(rows as unknown as Record<string, string | number>[], ["policy", "size", "unit", "requests", "misses", "missRatio", "byteMissRatio"]));
  writeFolderAtomically(folder, files);
  if (!args.json) console.log(`results: ${folder}`);
}
