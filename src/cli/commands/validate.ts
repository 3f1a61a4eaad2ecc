/** `rtolab validate replay`: the replay model against every measured what-if pair (docs/replay.md). */
import { readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Argv } from "yargs";
import { InputError } from "../../util/errors.ts";
import { parseDuration, parseRate, parseSize } from "../../util/units.ts";
import type { DiskThrottle } from "../../workloads/replay/throttle.ts";
import { NBDKIT_CACHE_BLOCK_BYTES, type WarmCache } from "../../workloads/replay/warm-cache.ts";
import { directionSums, noiseRows, summarizeValidation, validationTable, VALIDATION_TARGETS, type NoiseRow, type RepeatBoots, type ValidationRow, type ValidationSummary, type WhatIfPair, type WhatIfRecording } from "../../workloads/replay/validate.ts";
import { phaseRows, type PhaseRow } from "../../workloads/replay/phases.ts";
import { stretchRows, type BootFamily, type StretchRow } from "../../workloads/replay/stretch.ts";
import { REPLAY_DEFAULTS } from "../../workloads/replay/plan.ts";
import { detectTraceFormat, openTrace } from "../../workloads/traces/open.ts";
import type { TraceRequest } from "../../workloads/traces/types.ts";
import { textTable } from "../format.ts";
import { COMMANDS } from "./catalog.ts";

/** The pairs file shipped with rtolab (traces/what-if-pairs.json). */
export const SHIPPED_PAIRS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "traces", "what-if-pairs.json");

interface PairEntry {
  name: string;
  base: string;
  baseReadyUs: number;
  delayed: string;
  delayedReadyUs: number;
  delayUs?: number;
  rateLimit?: unknown;
  burstiness?: unknown;
  cache?: unknown;
  baseInitUs?: number;
  delayedInitUs?: number;
  threads?: number;
  vcpus?: unknown;
}

/**
 * Reads a what-if pairs file (JSON: `{ pairs: [{ name, base, baseReadyUs, delayed, delayedReadyUs, delayUs, threads,
 * baseInitUs, delayedInitUs }] }`, trace paths relative to the file; the /init times are
 * optional); an InputError naming the field when it is malformed. A pair whose slowed boot ran
 * behind nbdkit's rate filter gives `rateLimit` as a scenario does (`"4MiB/s"`: bytes/s, so
 * nbdkit's rate=32M) and optionally `burstiness` (`"2s"`, nbdkit's default); its `delayUs`
 * (nbdkit's delay filter as well) is then optional, 0 by default. A pair whose slowed boot ran
 * through nbdkit's cache filter pre-warmed from a profile, in front of a server slowed by
 * `delayUs` (tools/record-boots/record-warm.sh), gives `cache: { profile, blockSize, mode }`: the
 * profile trace (relative to the file) whose reads warmed it, the cache's block size
 * (optional, `"64KiB"`, nbdkit's default) and its `cache=` (optional, `"writeback"`, nbdkit's
 * default; `"writethrough"` or `"unsafe"`).
 *
 * @example
 * loadWhatIfPairs("traces/what-if-pairs.json").length // => 4
 */
export function loadWhatIfPairs(path: string): WhatIfPair[] {
  const parsed = readPairsFile(path);
  if (!Array.isArray(parsed?.pairs) || parsed.pairs.length === 0) throw new InputError(path, "pairs", "a non-empty list of what-if pairs");
  const read = new Map<string, TraceRequest[]>();
  return parsed.pairs.map((entry, i) => {
    const where = `pairs[${i}]`;
    const throttle = throttleOf(path, where, entry);
    const cache = cacheOf(path, where, entry, read);
    if (cache !== undefined && throttle !== undefined) throw new InputError(path, `${where}.cache`, "a cache or a rateLimit, not both (rtolab models each in front of a delayed server, not the two together)");
    if (cache !== undefined && entry.delayUs === undefined) throw new InputError(path, `${where}.delayUs`, "the delay of the server behind the cache, µs (nbdkit's delay filter)");
    const delayUs = entry.delayUs ?? (throttle === undefined ? undefined : 0);
    for (const [field, value] of [["baseReadyUs", entry.baseReadyUs], ["delayedReadyUs", entry.delayedReadyUs], ["delayUs", delayUs]] as const) {
      const also = field === "delayUs" ? " (nbdkit's delay filter), or a rateLimit (its rate filter)" : "";
      if (typeof value !== "number" || !(value >= 0)) throw new InputError(path, `${where}.${field}`, `a number of microseconds ≥ 0${also}`);
    }
    for (const field of ["name", "base", "delayed"] as const) {
      if (typeof entry[field] !== "string" || entry[field] === "") throw new InputError(path, `${where}.${field}`, "a non-empty string");
    }
    const threads = threadsOf(path, where, entry);
    const baseInitUs = initTime(path, `${where}.baseInitUs`, entry.baseInitUs);
    const delayedInitUs = initTime(path, `${where}.delayedInitUs`, entry.delayedInitUs);
    return {
      name: entry.name, delayUs: delayUs as number, threads, ...(throttle === undefined ? {} : { throttle }), ...(cache === undefined ? {} : { cache }),
      base: recording(path, entry.base, entry.baseReadyUs, baseInitUs, read),
      delayed: recording(path, entry.delayed, entry.delayedReadyUs, delayedInitUs, read),
    };
  });
}

interface RepeatEntry {
  name: string;
  first: string;
  firstReadyUs: number;
  second: string;
  secondReadyUs: number;
  firstInitUs?: number;
  secondInitUs?: number;
  threads?: number;
  vcpus?: unknown;
}

/**
 * Reads the optional `repeats` of a what-if pairs file (`[{ name, first, firstReadyUs, second,
 * secondReadyUs, threads, firstInitUs, secondInitUs }]`, the /init times optional: two undelayed boots of the same VM, for the run-to-run noise
 * table); an empty list without them, an InputError naming the field when one is malformed.
 *
 * @example
 * loadRepeatBoots("traces/what-if-pairs.json").map((r) => r.name) // => ["g2boot1 / g2boot2", "gboot1 / gboot4_gen2 (next generation)"]
 */
export function loadRepeatBoots(path: string): RepeatBoots[] {
  const repeats = readPairsFile(path).repeats;
  if (repeats === undefined) return [];
  if (!Array.isArray(repeats)) throw new InputError(path, "repeats", "a list of repeated boots");
  const read = new Map<string, TraceRequest[]>();
  return repeats.map((entry, i) => {
    const where = `repeats[${i}]`;
    for (const field of ["firstReadyUs", "secondReadyUs"] as const) {
      if (typeof entry?.[field] !== "number" || !(entry[field] >= 0)) throw new InputError(path, `${where}.${field}`, "a number of microseconds ≥ 0");
    }
    for (const field of ["name", "first", "second"] as const) {
      if (typeof entry[field] !== "string" || entry[field] === "") throw new InputError(path, `${where}.${field}`, "a non-empty string");
    }
    const threads = threadsOf(path, where, entry);
    const firstInitUs = initTime(path, `${where}.firstInitUs`, entry.firstInitUs);
    const secondInitUs = initTime(path, `${where}.secondInitUs`, entry.secondInitUs);
    return {
      name: entry.name, threads,
      first: recording(path, entry.first, entry.firstReadyUs, firstInitUs, read),
      second: recording(path, entry.second, entry.secondReadyUs, secondInitUs, read),
    };
  });
}

/**
 * Reads the optional `families` of a what-if pairs file (`[{ name, repeats: ["k3boot1.csv", …] }]`:
 * undelayed boots of one VM and disk state, each named by a pair or repeat of the file, whose
 * service-ready time is taken from there, or given as `{ trace, readyUs }`), for the stretch against the repeats' mean
 * (stretch.ts); an empty list without them, an InputError naming the field when one is
 * malformed.
 *
 * @example
 * loadBootFamilies("traces/what-if-pairs.json").map((f) => [f.name, f.repeats.length]) // => [["GRUB, second campaign", 2]]
 */
export function loadBootFamilies(path: string): BootFamily[] {
  const parsed = readPairsFile(path);
  const families = parsed.families;
  if (families === undefined) return [];
  if (!Array.isArray(families)) throw new InputError(path, "families", "a list of families of undelayed repeats ({ name, repeats })");
  const ready = new Map<string, number>();
  for (const p of Array.isArray(parsed.pairs) ? parsed.pairs : []) {
    ready.set(p?.base, p?.baseReadyUs).set(p?.delayed, p?.delayedReadyUs);
  }
  for (const r of Array.isArray(parsed.repeats) ? parsed.repeats : []) {
    ready.set(r?.first, r?.firstReadyUs).set(r?.second, r?.secondReadyUs);
  }
  return families.map((entry: { name?: unknown; repeats?: unknown }, i) => {
    const where = `families[${i}]`;
    if (typeof entry?.name !== "string" || entry.name === "") throw new InputError(path, `${where}.name`, "a non-empty string");
    if (!Array.isArray(entry.repeats) || entry.repeats.length < 2) throw new InputError(path, `${where}.repeats`, "a list of at least two undelayed boots of the same VM and disk state");
    const repeats = entry.repeats.map((boot: unknown, j) => {
      const at = `${where}.repeats[${j}]`;
      if (typeof boot === "string") {
        const serviceReadyUs = ready.get(boot);
        if (typeof serviceReadyUs !== "number" || !(serviceReadyUs >= 0)) {
          throw new InputError(path, at, "a trace named as a base, slowed or repeated boot in this file's pairs or repeats (its service-ready time is taken from there), or { trace, readyUs }");
        }
        return { name: recordingName(boot), serviceReadyUs };
      }
      const { trace, readyUs } = (boot ?? {}) as { trace?: unknown; readyUs?: unknown };
      if (typeof trace !== "string" || trace === "") throw new InputError(path, `${at}.trace`, "a trace file name, or the boot as a string naming one of this file's pairs or repeats");
      if (typeof readyUs !== "number" || !(readyUs >= 0)) throw new InputError(path, `${at}.readyUs`, "the boot's service-ready time, a number of microseconds ≥ 0");
      return { name: recordingName(trace), serviceReadyUs: readyUs };
    });
    const seen = new Set<string>();
    repeats.forEach((r, j) => {
      if (seen.has(r.name)) throw new InputError(path, `${where}.repeats[${j}]`, `a boot not already in the family (${r.name} is listed twice)`);
      seen.add(r.name);
    });
    return { name: entry.name, repeats };
  });
}

/** An entry's rule-3 threads (default 2); an InputError for a bad count or the old `vcpus` field. */
function threadsOf(path: string, where: string, entry: { threads?: number; vcpus?: unknown }): number {
  if (entry.vcpus !== undefined) throw new InputError(path, `${where}.vcpus`, "no vcpus: the replay's rule 3 counts the guest's threads, not its vCPUs (docs/replay.md); give threads, default 2");
  const threads = entry.threads ?? REPLAY_DEFAULTS.threads;
  if (!Number.isInteger(threads) || threads < 1) throw new InputError(path, `${where}.threads`, "a whole number of threads ≥ 1");
  return threads;
}

/** A pair's rate filter (`rateLimit`, `burstiness`), undefined without `rateLimit`; an InputError naming the field when one is malformed. */
function throttleOf(path: string, where: string, entry: PairEntry): DiskThrottle | undefined {
  if (entry.rateLimit === undefined) {
    if (entry.burstiness !== undefined) throw new InputError(path, `${where}.burstiness`, "no burstiness without a rateLimit (nbdkit's rate filter)");
    return undefined;
  }
  const rate = typeof entry.rateLimit === "string" || typeof entry.rateLimit === "number" ? parseRate(entry.rateLimit) : undefined;
  if (rate === undefined || !(rate > 0)) throw new InputError(path, `${where}.rateLimit`, "a positive rate such as \"4MiB/s\" (bytes/s: nbdkit's rate=32M)");
  const burst = entry.burstiness ?? "2s";
  const burstNs = typeof burst === "string" || typeof burst === "number" ? parseDuration(burst) : undefined;
  if (burstNs === undefined || !(burstNs >= 1e6)) throw new InputError(path, `${where}.burstiness`, "a duration of at least 1ms such as \"2s\" (nbdkit's burstiness=, default 2 s)");
  return { rateBytesPerS: rate, burstinessUs: burstNs / 1000 };
}

/** A pair's warm cache (`cache: { profile, blockSize, mode }`), undefined without `cache`; an InputError naming the field when one is malformed. */
function cacheOf(path: string, where: string, entry: PairEntry, read: Map<string, TraceRequest[]>): WarmCache | undefined {
  if (entry.cache === undefined) return undefined;
  const cache = entry.cache as { profile?: unknown; blockSize?: unknown; mode?: unknown };
  if (typeof cache !== "object" || cache === null || typeof cache.profile !== "string" || cache.profile === "") {
    throw new InputError(path, `${where}.cache.profile`, "the trace whose reads warmed the cache, relative to the pairs file");
  }
  const size = cache.blockSize ?? NBDKIT_CACHE_BLOCK_BYTES;
  const blockBytes = typeof size === "string" || typeof size === "number" ? parseSize(size) : undefined;
  if (blockBytes === undefined || !(blockBytes >= 4096) || (blockBytes & (blockBytes - 1)) !== 0) {
    throw new InputError(path, `${where}.cache.blockSize`, "a power of 2 of at least 4KiB such as \"64KiB\" (nbdkit's cache block size)");
  }
  const mode = cache.mode ?? "writeback";
  if (mode !== "writeback" && mode !== "writethrough" && mode !== "unsafe") {
    throw new InputError(path, `${where}.cache.mode`, "writeback (nbdkit's default), writethrough or unsafe: the cache filter's cache=");
  }
  return { blockBytes, profile: recording(path, cache.profile, 0, undefined, read).requests, mode };
}

/** An optional /init time (µs since the recording's first request); an InputError when it is not a number ≥ 0. */
function initTime(path: string, field: string, value: unknown): number | undefined {
  if (value !== undefined && (typeof value !== "number" || !(value >= 0))) throw new InputError(path, field, "a number of microseconds ≥ 0 (when the kernel ran /init), or no such field");
  return value as number | undefined;
}

/** The pairs file as JSON; an InputError when it is not. */
function readPairsFile(path: string): { pairs?: PairEntry[]; repeats?: RepeatEntry[]; families?: unknown } {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new InputError(path, "", `a JSON what-if pairs file (${(error as Error).message})`);
  }
}

/**
 * A recording named in the pairs file (its path relative to the file, in any format rtolab
 * detects: an rtolab CSV, nbdkit's log, …) with its service-ready time, named by its file name
 * without .csv or .log. A file already in `read` (the traces one pairs file names, by path) is
 * not read again: a profile or a base boot several pairs share is parsed once.
 */
function recording(path: string, file: string, serviceReadyUs: number, initUs?: number, read = new Map<string, TraceRequest[]>()): WhatIfRecording {
  const trace = resolve(dirname(path), file);
  let requests = read.get(trace);
  if (requests === undefined) {
    requests = [...openTrace(trace, detectTraceFormat(trace))];
    read.set(trace, requests);
  }
  return { name: recordingName(file), requests, serviceReadyUs, ...(initUs === undefined ? {} : { initUs }) };
}

/** A recording's name: its file name without .csv or .log. */
function recordingName(file: string): string {
  return basename(file).replace(/\.(csv|log)$/, "");
}

const pct = (x: number): string => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}%`;
const sec = (us: number): string => (us / 1e6).toFixed(2);
const signedSec = (us: number): string => `${us >= 0 ? "+" : "-"}${sec(Math.abs(us))}`;
const span = (lowUs: number, highUs: number): string => `${signedSec(lowUs)} to ${signedSec(highUs)}`;

/**
 * The validation table as text: one row per pair and direction, then the targets, then (when
 * `noise` has rows) the run-to-run noise table, then (when `phases` has rows) the split at /init.
 *
 * @example
 * const pairs = loadWhatIfPairs("traces/what-if-pairs.json").slice(0, 1);
 * formatValidation(validationTable(pairs)).split("\n")[0]
 * // => "pair        direction  replayed        measured        measured s  predicted s  error  band s       in band  leave-one-out s  LOO error"
 */
export function formatValidation(rows: readonly ValidationRow[], noise: readonly NoiseRow[] = [], phases: readonly PhaseRow[] = [], stretches: readonly StretchRow[] = []): string {
  const table = textTable(
    ["pair", "direction", "replayed", "measured", "measured s", "predicted s", "error", "band s", "in band", "leave-one-out s", "LOO error"],
    rows.map((r) => [
      r.pair, r.direction, r.replayed, r.measuredName, sec(r.measuredUs), sec(r.predictedUs), pct(r.error),
      `${sec(r.lowerUs)}–${sec(r.upperUs)}`, r.inBand ? "yes" : "no", sec(r.leaveOneOutUs), pct(r.leaveOneOutError),
    ]),
  );
  const s = summarizeValidation(rows);
  const verdict = `max |error| ${(100 * s.maxAbsError).toFixed(2)}% (target ${100 * VALIDATION_TARGETS.maxAbsError}%), median ${(100 * s.medianAbsError).toFixed(2)}% (target ${100 * VALIDATION_TARGETS.medianAbsError}%): ${s.met ? "met" : "NOT met"}`;
  const sums = directionSums(rows).map((d) => `${d.pair} ${signedSec(d.sumUs)} s`).join(", ");
  const parts = [`${table}\n${verdict}\nslower + faster error per pair (the model's stretch of the base boot minus its shrink of the slowed one: neither boot's own run-to-run time is in it; 0 for a model that stretches and shrinks alike): ${sums}`];
  if (noise.length > 0) {
    const noiseTable = textTable(
      ["repeated boots", "replayed", "measured", "measured s", "predicted s", "error"],
      noise.map((r) => [r.pair, r.replayed, r.measuredName, sec(r.measuredUs), sec(r.predictedUs), pct(r.error)]),
    );
    parts.push(`run-to-run noise: the same VM booted twice with no delay, each replayed against the other (no replay rule can predict this)\n${noiseTable}`);
  }
  if (stretches.length > 0) parts.push(formatStretches(stretches));
  if (phases.length > 0) {
    const phaseTable = textTable(
      ["pair", "replayed", "measured", "measured /init s", "predicted /init s", "error by /init s", "error after /init s", "error s", "after /init measured s", "after /init error"],
      phases.map((r) => [
        r.pair, r.replayed, r.measuredName, sec(r.measuredInitUs), sec(r.predictedInitUs), signedSec(r.initErrorUs), signedSec(r.afterInitErrorUs),
        signedSec(r.readyErrorUs), sec(r.afterInitMeasuredUs), pct(r.afterInitErrorUs / r.afterInitMeasuredUs),
      ]),
    );
    parts.push(`where the error accrues: the same predictions at the moment the kernel ran /init (pairs whose recordings give it), and what the phase after it added\n${phaseTable}`);
  }
  return parts.join("\n\n");
}

/** The stretch table (stretch.ts) with its count of conditions inside the interval. */
function formatStretches(stretches: readonly StretchRow[]): string {
  const table = textTable(
    ["family", "condition", "slowed boots", "repeats", "measured stretch s", "95% interval s", "model stretch s", "inside", "its band s", "model shrink s", "inside", "its band s"],
    stretches.map((r) => [
      r.family, r.condition, String(r.slowedBoots), String(r.repeats), signedSec(r.measuredUs), span(r.measuredUs - r.halfWidthUs, r.measuredUs + r.halfWidthUs),
      signedSec(r.stretchUs), r.stretchInside ? "yes" : "no", span(...r.stretchBandUs),
      signedSec(r.shrinkUs), r.shrinkInside ? "yes" : "no", span(...r.shrinkBandUs),
    ]),
  );
  const count = (key: "stretchInside" | "shrinkInside" | "stretchBandReaches" | "shrinkBandReaches"): number => stretches.filter((r) => r[key]).length;
  const n = stretches.length;
  return [
    "stretch against the repeats' mean: each condition's slowed boots minus the mean of their family's undelayed repeats, with its 95% interval from the repeats' spread (the base boot's own noise is averaged out); the model's stretch of the base boots (slower direction) and shrink of the slowed ones (faster direction) are errors of its own when outside it, and its band is too narrow when it does not reach it",
    table,
    `model stretch inside the interval for ${count("stretchInside")} of ${n} conditions (its band reaches it for ${count("stretchBandReaches")}), model shrink for ${count("shrinkInside")} of ${n} (its band for ${count("shrinkBandReaches")})`,
  ].join("\n");
}

/** Everything `rtolab validate replay` prints (`--json` prints it as is). */
export interface ValidationReport {
  rows: ValidationRow[];
  summary: ValidationSummary;
  /** Per pair, the two directions' errors added (`directionSums`), µs. */
  sums: Array<{ pair: string; sumUs: number }>;
  noise: NoiseRow[];
  phases: PhaseRow[];
  /** The stretch against the repeats' mean, per condition of each family the file gives (stretch.ts). */
  stretches: StretchRow[];
}

/**
 * The validation of the replay model on a what-if pairs file: the table, its summary, each
 * pair's two errors added, the run-to-run noise rows and the split at /init; an InputError naming the field when the file is
 * malformed (every field is checked before any trace is replayed).
 *
 * @example
 * const report = validationReport("traces/what-if-pairs.json");
 * [report.rows.length, report.noise.length, report.phases.length, report.summary.met] // => [8, 4, 8, true]
 */
export function validationReport(pairsPath: string): ValidationReport {
  const pairs = loadWhatIfPairs(pairsPath);
  const repeats = loadRepeatBoots(pairsPath);
  const families = loadBootFamilies(pairsPath);
  const rows = validationTable(pairs);
  return {
    rows, summary: summarizeValidation(rows), sums: directionSums(rows), noise: noiseRows(repeats), phases: phaseRows(pairs, repeats),
    stretches: stretchRows(pairs, rows, families),
  };
}

interface ValidateArguments {
  what: string;
  pairs: string;
  json: boolean;
  check: boolean;
}

/** Adds `validate replay`. */
export function validateCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.validate.usage,
    COMMANDS.validate.describe,
    (command) =>
      command
        .positional("what", { choices: ["replay"] as const, demandOption: true })
        .option("pairs", { type: "string", default: SHIPPED_PAIRS, describe: "what-if pairs file (JSON, traces relative to it; each pair slowed by delayUs, nbdkit's delay filter, and/or rateLimit, its rate filter)" })
        .option("json", { type: "boolean", default: false, describe: "print the rows as JSON" })
        .option("check", { type: "boolean", default: false, describe: "exit 1 when a target is not met" })
        .example("$0 validate replay", "the table of docs/replay.md"),
    (argv) => {
      const args = argv as unknown as ValidateArguments;
      const report = validationReport(args.pairs);
      console.log(args.json ? JSON.stringify(report, null, 2) : formatValidation(report.rows, report.noise, report.phases, report.stretches));
      if (args.check && !report.summary.met) process.exitCode = 1;
    },
  );
}
