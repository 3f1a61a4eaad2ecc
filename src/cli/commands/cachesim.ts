/** `rtolab cachesim`: trace-driven cache simulation, miss ratios per policy and size, MRC chart. */
import { basename, extname, join } from "node:path";
import type { Argv } from "yargs";
import { cachePolicies } from "../../policies/cache/index.ts";
import { fileAccessChunks } from "../../policies/cache/cachesim/access-chunks.ts";
import type { CacheUnit, CachesimRow } from "../../policies/cache/cachesim/cachesim.ts";
import { cachesimFileParallel } from "../../lab/cachesim-pool.ts";
import { fractionOfWorkingSet, workingSet, type WorkingSet } from "../../policies/cache/cachesim/working-set.ts";
import { writeFolderAtomically } from "../../report/atomic-folder.ts";
import { checkOutputFolder } from "../../report/output-folder.ts";
import { toCsv } from "../../report/csv.ts";
import { TRACE_FORMATS, detectTraceFormat } from "../../workloads/traces/open.ts";
import type { TraceFormat } from "../../workloads/traces/types.ts";
import { InputError } from "../../util/errors.ts";
import { checkResultsFolder, safeFolderName } from "../../util/paths.ts";
import { formatBytes, parseSize } from "../../util/units.ts";
import { formatNumber, textTable } from "../format.ts";
import { listOption } from "./list-option.ts";
import { COMMANDS } from "./catalog.ts";
import { workersOption } from "./workers-option.ts";

interface CachesimArguments {
  trace: string;
  format?: TraceFormat;
  policy: string[];
  size: string[];
  unit?: CacheUnit;
  block?: number;
  json: boolean;
  out?: string;
  chart: boolean;
  future: "trace" | "compute";
  workers?: number;
}

/** A `--size` value: a capacity in the cache's unit, or a fraction (0 < f < 1) of the trace's working set. */
export type CacheSize = { size: number } | { fraction: number };

const BARE_NUMBER = /^\s*(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const HAS_UNIT = /[A-Za-z]\s*$/;

/**
 * What `--size` values count: `--unit` when given; otherwise bytes when a value has a unit
 * (`64MiB`), else objects. A value with a unit under `--unit objects` is refused.
 *
 * @example
 * cacheUnitOf(["64MiB", "1GiB"], undefined) // => "bytes"
 * cacheUnitOf(["1000", "0.1"], undefined) // => "objects"
 */
export function cacheUnitOf(values: readonly string[], unit: CacheUnit | undefined): CacheUnit {
  const withUnit = values.find((text) => HAS_UNIT.test(text));
  if (unit === "objects" && withUnit !== undefined) {
    throw new InputError("--size", withUnit, "a whole number of objects with --unit objects (a size with a unit counts bytes: leave out --unit objects)");
  }
  return unit ?? (withUnit === undefined ? "objects" : "bytes");
}

/**
 * Reads `--size` values in `unit`: a number below 1 is a fraction of the trace's working set (as
 * in libCacheSim); otherwise a positive whole number of objects, or a size in bytes (with a
 * unit, or a bare number when `--unit bytes` was given: `explicitBytes`).
 *
 * @example
 * parseCacheSizes(["64MiB", "0.01"], "bytes", false) // => [{ size: 67108864 }, { fraction: 0.01 }]
 * parseCacheSizes(["4000"], "objects", false) // => [{ size: 4000 }]
 */
export function parseCacheSizes(values: readonly string[], unit: CacheUnit, explicitBytes: boolean): CacheSize[] {
  const fractionWords = "or a fraction below 1 of the trace's working set, like 0.01";
  return values.map((text) => {
    const bare = BARE_NUMBER.test(text);
    if (bare && Number(text) > 0 && Number(text) < 1) return { fraction: Number(text) };
    if (unit === "bytes" && bare && !explicitBytes) {
      throw new InputError("--size", text, `a size with a unit like 64MiB (another size has one, so the cache counts bytes; --unit bytes reads bare numbers as bytes), ${fractionWords}`);
    }
    const size = unit === "bytes" ? parseSize(text) : bare ? Number(text) : undefined;
    if (size === undefined || !Number.isSafeInteger(size) || size <= 0) {
      throw new InputError("--size", text, unit === "bytes" ? `a positive size like "128MiB", ${fractionWords}` : `a positive whole number of objects, ${fractionWords}`);
    }
    return { size };
  });
}

/** Adds the `cachesim` command. */
export function cachesimCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.cachesim.usage,
    COMMANDS.cachesim.describe,
    (command) =>
      command
        .option("trace", { type: "string", demandOption: true, describe: "trace file" })
        .option("format", { choices: TRACE_FORMATS, describe: "trace format (default: from the file name)" })
        .option("policy", { type: "string", array: true, default: ["lru"], describe: `comma-separated policies: ${cachePolicies.names().join(", ")}` })
        .option("size", {
          type: "string",
          array: true,
          demandOption: true,
          describe: "comma-separated cache sizes: objects, bytes with a unit (64MiB), or fractions below 1 of the trace's working set (0.01,0.1: of its distinct objects, or their bytes)",
        })
        .option("unit", { choices: ["objects", "bytes"] as const, describe: "what the size counts (default: bytes when a size has a unit, else objects)" })
        .option("block", { type: "number", describe: "split requests into blocks of this many bytes (the media agent's view); default: libCacheSim semantics, one object per request keyed by its start offset" })
        .option("json", { type: "boolean", default: false, describe: "print a JSON array for scripts" })
        .option("out", { type: "string", describe: "results folder (default results/cachesim/<trace>)" })
        .option("future", { choices: ["trace", "compute"] as const, default: "trace" as const, describe: "Belady's next accesses: the trace's field when it has one (oracleGeneral), or computed by a backward pass over a temporary file" })
        .option("workers", { type: "number", describe: "worker threads sharing the (policy, size) pairs, each reading the trace once (default: the machine's cores; 0 or 1: this thread); results are identical" })
        .option("chart", { type: "boolean", default: true, describe: "write the miss-ratio-curve chart (--no-chart to skip)" })
        .example("$0 cachesim --trace traces/cloudPhysicsIO.oracleGeneral.bin --policy lru,arc,belady --size 128MiB,256MiB,512MiB --unit bytes", "libCacheSim request semantics")
        .example("$0 cachesim --trace traces/gboot1.csv --policy lru,s3fifo --size 1000,4000,16000 --block 4096", "4 KiB blocks, as a media agent's cache sees them")
        .example("$0 cachesim --trace traces/cloudPhysicsIO.oracleGeneral.bin --size 0.01,0.1 --unit bytes", "1% and 10% of the working set's bytes, as libCacheSim"),
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

/**
 * Capacities for `requested`: fractions become that share of the working set (measured, by a
 * pass over the trace, only when a fraction asks for it), said on stdout unless `quiet`.
 */
function resolveSizes(requested: readonly CacheSize[], unit: CacheUnit, measure: () => WorkingSet, quiet: boolean): number[] {
  let set: WorkingSet | undefined;
  const sizes = requested.map((value) => {
    if ("size" in value) return value.size;
    set ??= measure();
    const size = fractionOfWorkingSet(value.fraction, set, unit);
    if (size === undefined) throw new InputError("--size", String(value.fraction), `a fraction of the working set that is at least 1 ${unit === "bytes" ? "byte" : "object"} (it holds ${unit === "bytes" ? formatBytes(set.bytes) : `${set.objects} objects`})`);
    return size;
  });
  if (set !== undefined && !quiet) {
    const shown = requested.map((value, i) => ("fraction" in value ? `${value.fraction} → ${sizes[i]}` : undefined)).filter((text) => text !== undefined);
    console.log(`working set: ${set.objects} objects, ${formatBytes(set.bytes)}; --size ${shown.join(", ")} ${unit}`);
  }
  return sizes;
}

async function executeCachesim(args: CachesimArguments): Promise<void> {
  const folder = args.chart ? cachesimFolder(args) : undefined;
  const policies = listOption(args.policy);
  const sizeTexts = listOption(args.size);
  const unit = cacheUnitOf(sizeTexts, args.unit);
  const requested = parseCacheSizes(sizeTexts, unit, args.unit === "bytes");
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
  const mode = args.block === undefined ? "libcachesim" : "block";
  const sizes = resolveSizes(requested, unit, () => workingSet(fileAccessChunks(args.trace, format, mode, args.block ?? 4096)), args.json);
  const options = { policies, sizes, unit, mode, blockBytes: args.block, future: args.future } as const;
  const rows: CachesimRow[] = await cachesimFileParallel(args.trace, format, options, workers);
  if (args.json) {
    const plain = rows.map(({ policy, size, unit, requests, misses, missRatio }) => ({ policy, size, unit, requests, misses, missRatio }));
    process.stdout.write(`${JSON.stringify(plain, null, 2)}\n`);
  } else {
    const byteColumn = unit === "bytes" || args.block !== undefined;
    console.log(
      textTable(
        ["policy", `size (${unit})`, "requests", "misses", "miss ratio", ...(byteColumn ? ["byte miss ratio"] : [])],
        rows.map((r) => [r.policy, r.size, r.requests, r.misses, formatNumber(r.missRatio), ...(byteColumn ? [formatNumber(r.byteMissRatio)] : [])]),
      ),
    );
  }
  if (folder === undefined) return;
  const mib = unit === "bytes" && sizes.every((s) => s % 2 ** 20 === 0);
  // Loaded only when a chart is written: the renderer (vega, vega-lite, resvg) is ~3 s of start-up.
  const { chartFiles, missRatioCurve } = await import("../../report/charts/index.ts");
  const spec = missRatioCurve(
    rows.map((r) => ({ policy: r.policy, size: mib ? r.size / 2 ** 20 : r.size, missRatio: r.missRatio })),
    { sizeUnit: mib ? "MiB" : unit, title: `Miss ratio by cache size: ${basename(args.trace)}` },
  );
  const files = await chartFiles("mrc", spec);
  files.set("cachesim.csv", toCsv(rows as unknown as Record<string, string | number>[], ["policy", "size", "unit", "requests", "misses", "missRatio", "byteMissRatio"]));
  writeFolderAtomically(folder, files);
  if (!args.json) console.log(`results: ${folder}`);
}
