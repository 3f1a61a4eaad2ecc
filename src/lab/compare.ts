/**
 * Comparing two configurations metric by metric: paired differences over replications that
 * share seeds (common random numbers), with a 95% CI and a plain verdict per metric.
 *
 * Inputs are result folders read back from their tidy CSVs: a run folder (`replications.csv`)
 * or a sweep folder (`sweep.csv`, compared point by point over the swept field values). Two
 * folders with different master seeds are not paired; their difference gets a Welch CI instead.
 *
 * A replay-derived metric carries a model band (`band_low`/`band_high`: the value under the two
 * extreme readings of the boot trace's dependencies). When both sides have one and the two bands
 * (each the mean over the replications compared) overlap, the verdict says so: the difference
 * may be an artefact of the replay model rather than an effect of the policy.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { confidenceInterval, studentTQuantile } from "../metrics/confidence.ts";
import { formatWithCi } from "../metrics/precision.ts";
import { mean } from "../metrics/statistics.ts";
import { parseCsv, type CsvRow } from "../report/run-report.ts";
import { InputError } from "../util/errors.ts";
import { readRunSummary } from "../report/run-results.ts";
import { readManifest } from "./sweep/aggregate.ts";

/** One replication's value of one metric, under one variant, at one sweep point (group). */
export interface ReplicationValue {
  /** Swept field values of a sweep point (`model.servers=2`), or "" for a run. */
  group: string;
  variant: string;
  replication: number;
  metric: string;
  unit: string;
  value: number;
  /** The value's model band, when the metric has one. */
  lower?: number;
  upper?: number;
}

/** A results folder read back for comparisons. */
export interface ReplicationTable {
  folder: string;
  seed: number;
  values: ReplicationValue[];
}

/**
 * What a comparison found: B lower or higher than A (the 95% CI excludes 0 and the change is at
 * least the minimum effect), a negligible change (below the minimum effect, or a CI wholly
 * inside ±minimum effect), no significant difference, or identical values.
 */
export type Effect = "lower" | "higher" | "negligible" | "not significant" | "identical";

/** The comparison of one metric (at one group) between A and B. */
export interface MetricComparison {
  group: string;
  /** Names of the two sides: variant names, or the folders' names. */
  labelA: string;
  labelB: string;
  metric: string;
  unit: string;
  meanA: number;
  meanB: number;
  /** Mean of B − A. */
  difference: number;
  /** Half-width of the 95% CI of the difference. */
  halfWidth: number;
  n: number;
  paired: boolean;
  /** True when the CI of the difference excludes 0. */
  significant: boolean;
  effect: Effect;
  /** Each side's model band (mean of each end over the replications compared), when both sides have one. */
  bandA?: [number, number];
  bandB?: [number, number];
  /** True when both sides are banded and the bands overlap: the difference may be a model artefact. */
  bandsOverlap?: boolean;
  verdict: string;
}

/**
 * Reads a run or sweep folder's replication values; throws an {@link InputError} when it is
 * neither.
 *
 * @example
 * const sets = ["replications=2", "model.customers=2000", "model.warmupCustomers=100"];
 * const folder = await writeRunResults(runScenario(loadScenario("scenarios/validation/mm1.yaml", { sets }), { seed: 7 }), { resultsRoot: tmp });
 * readReplicationTable(folder).values[0] // ≈ { group: "", variant: "base", replication: 0, metric: "waitMean", unit: "ms", value: 3.21 }
 */
export function readReplicationTable(folder: string): ReplicationTable {
  const sweep = join(folder, "sweep.csv");
  const run = join(folder, "replications.csv");
  if (existsSync(sweep)) {
    const manifest = readManifest(folder);
    const group = (row: CsvRow) => manifest.fields.map((field) => `${field}=${row[field]}`).join(", ");
    return { folder, seed: manifest.seed, values: parseCsv(readFileSync(sweep, "utf8")).map((row) => toValue(row, group(row))) };
  }
  if (existsSync(run)) {
    const summary = readRunSummary(folder);
    return { folder, seed: summary.seed, values: parseCsv(readFileSync(run, "utf8")).map((row) => toValue(row, "")) };
  }
  throw new InputError(folder, "", "a results folder of rtolab run (replications.csv) or rtolab sweep (sweep.csv)");
}

function toValue(row: CsvRow, group: string): ReplicationValue {
  const value: ReplicationValue = { group, variant: row.variant, replication: Number(row.replication), metric: row.metric, unit: row.unit, value: Number(row.value) };
  const banded = row.band_low !== undefined && row.band_low !== "" && row.band_high !== undefined && row.band_high !== "";
  return banded ? { ...value, lower: Number(row.band_low), upper: Number(row.band_high) } : value;
}

/**
 * The model band of a side: the mean of each end over its values, when every value has a band.
 *
 * @example
 * meanBand([{ lower: 1, upper: 3 }, { lower: 2, upper: 5 }]) // => [1.5, 4]
 * meanBand([{ lower: 1, upper: 3 }, {}]) // => undefined
 */
export function meanBand(values: readonly Pick<ReplicationValue, "lower" | "upper">[]): [number, number] | undefined {
  if (values.length === 0 || values.some((v) => v.lower === undefined || v.upper === undefined)) return undefined;
  return [mean(values.map((v) => v.lower as number)), mean(values.map((v) => v.upper as number))];
}

/** Both sides' bands and whether they overlap (closed intervals), when both sides have one. */
function bandFields(a: readonly ReplicationValue[], b: readonly ReplicationValue[]): Pick<MetricComparison, "bandA" | "bandB" | "bandsOverlap"> {
  const bandA = meanBand(a);
  const bandB = meanBand(b);
  if (bandA === undefined || bandB === undefined) return {};
  return { bandA, bandB, bandsOverlap: Math.max(bandA[0], bandB[0]) <= Math.min(bandA[1], bandB[1]) };
}

/** Values keyed by group, metric, then replication. */
function index(values: readonly ReplicationValue[]): Map<string, Map<number, ReplicationValue>> {
  const byKey = new Map<string, Map<number, ReplicationValue>>();
  for (const value of values) {
    const key = `${value.group}\u0000${value.metric}`;
    const replications = byKey.get(key) ?? new Map<number, ReplicationValue>();
    replications.set(value.replication, value);
    byKey.set(key, replications);
  }
  return byKey;
}

const plain = (x: number): string => String(Number(x.toPrecision(3)));

const ARTEFACT = "; model bands overlap: the difference may be a model artefact, not a policy effect";

/** The fields of a comparison its verdict and effect depend on. */
type VerdictFields = Pick<MetricComparison, "metric" | "unit" | "meanA" | "difference" | "halfWidth" | "n" | "paired" | "significant">;

/**
 * What the comparison found (see {@link Effect}); `minEffect` is a fraction of |mean A| (0.01:
 * changes under 1% are negligible), 0 for none.
 *
 * @example
 * const c = { metric: "waitMean", unit: "ms", meanA: 4, difference: -0.02, halfWidth: 0.01, n: 10, paired: true, significant: true };
 * [effectOf(c, 0), effectOf(c, 0.01)] // => ["lower", "negligible"]
 */
export function effectOf(c: VerdictFields, minEffect: number): Effect {
  if (c.difference === 0 && c.halfWidth === 0) return "identical";
  const threshold = minEffect * Math.abs(c.meanA);
  if (threshold > 0 && (Math.abs(c.difference) + c.halfWidth < threshold || (c.significant && Math.abs(c.difference) < threshold))) return "negligible";
  if (!c.significant) return "not significant";
  return c.difference < 0 ? "lower" : "higher";
}

/** The size of a change: relative to mean A when it is not 0, else in the metric's unit; rounded to the CI's precision. */
function sizeText(c: VerdictFields): string {
  if (c.meanA !== 0) {
    const { value, halfWidth } = formatWithCi(Math.abs((100 * c.difference) / c.meanA), (100 * c.halfWidth) / Math.abs(c.meanA), (x) => String(Number(x.toPrecision(2))));
    return `${value}% ± ${halfWidth}%`;
  }
  const { value, halfWidth } = formatWithCi(Math.abs(c.difference), c.halfWidth, plain);
  return `${value} ${c.unit} ± ${halfWidth} ${c.unit}`;
}

/**
 * The verdict line of one comparison, rounded to the CI's precision; when both sides' model
 * bands overlap it says the difference may be a model artefact. `minEffect` as in
 * {@link effectOf}.
 *
 * @example
 * verdict("B", { metric: "waitMean", unit: "ms", meanA: 4, difference: -1.24, halfWidth: 0.16, n: 10, paired: true, significant: true })
 * // => "B lowers waitMean by 31% ± 4% (paired, n=10)"
 * verdict("B", { metric: "tts", unit: "s", meanA: 40, difference: -2, halfWidth: 0.5, n: 10, paired: true, significant: true, bandsOverlap: true })
 * // => "B lowers tts by 5.0% ± 1.3% (paired, n=10); model bands overlap: the difference may be a model artefact, not a policy effect"
 * verdict("B", { metric: "tts", unit: "s", meanA: 40, difference: -0.2, halfWidth: 0.1, n: 10, paired: true, significant: true }, 0.01)
 * // => "negligible change in tts (−0.50% ± 0.25%, below --min-effect 1%; paired, n=10)"
 */
export function verdict(labelB: string, c: VerdictFields & Pick<MetricComparison, "bandsOverlap">, minEffect = 0): string {
  const effect = effectOf(c, minEffect);
  const line = plainVerdict(labelB, c, effect, minEffect);
  return c.bandsOverlap === true && effect !== "identical" && effect !== "negligible" ? `${line}${ARTEFACT}` : line;
}

function plainVerdict(labelB: string, c: VerdictFields, effect: Effect, minEffect: number): string {
  const how = `${c.paired ? "paired" : "unpaired, Welch"}, n=${c.n}`;
  const sign = c.difference < 0 ? "−" : "+";
  switch (effect) {
    case "identical":
      return `no difference in ${c.metric}: identical values (${how})`;
    case "negligible":
      return `negligible change in ${c.metric} (${sign}${sizeText(c)}, below --min-effect ${plain(100 * minEffect)}%; ${how})`;
    case "not significant":
      return `no significant difference in ${c.metric} (${sign}${sizeText(c)}, ${how})`;
    default:
      return `${labelB} ${effect === "lower" ? "lowers" : "raises"} ${c.metric} by ${sizeText(c)} (${how})`;
  }
}

/**
 * Compares every metric (at every group) present in both selections: B − A per replication when
 * `paired`, Welch's two-sample interval otherwise.
 *
 * @example
 * const value = (variant: string, replication: number, ms: number) => ({ group: "", variant, replication, metric: "waitMean", unit: "ms", value: ms });
 * const a = [value("fifo", 0, 4.1), value("fifo", 1, 4.3), value("fifo", 2, 3.9)];
 * const b = [value("fast", 0, 2.9), value("fast", 1, 3.0), value("fast", 2, 2.6)];
 * compareValues(a, b, { labelB: "fast", paired: true })[0].verdict // => "fast lowers waitMean by 30.9% ± 3.5% (paired, n=3)"
 */
export function compareValues(
  a: readonly ReplicationValue[],
  b: readonly ReplicationValue[],
  options: { labelA?: string; labelB: string; paired: boolean; minEffect?: number },
): MetricComparison[] {
  const minEffect = options.minEffect ?? 0;
  const indexB = index(b);
  const comparisons: MetricComparison[] = [];
  for (const [key, replicationsA] of index(a)) {
    const replicationsB = indexB.get(key);
    if (!replicationsB) continue;
    const first = [...replicationsA.values()][0];
    const common = [...replicationsA.keys()].filter((r) => replicationsB.has(r)).sort((x, y) => x - y);
    // Paired: the replications both sides have; unpaired: every replication of each side.
    const sideA = options.paired ? common.map((r) => replicationsA.get(r) as ReplicationValue) : [...replicationsA.values()];
    const sideB = options.paired ? common.map((r) => replicationsB.get(r) as ReplicationValue) : [...replicationsB.values()];
    const valuesA = sideA.map((v) => v.value);
    const valuesB = sideB.map((v) => v.value);
    if (valuesA.length < 2 || valuesB.length < 2) continue;
    const meanA = mean(valuesA);
    const meanB = mean(valuesB);
    const { difference, halfWidth } = options.paired ? pairedInterval(valuesA, valuesB) : welchInterval(valuesA, valuesB);
    const significant = Math.abs(difference) > halfWidth;
    const bands = bandFields(sideA, sideB);
    const partial = { metric: first.metric, unit: first.unit, meanA, difference, halfWidth, n: valuesA.length, paired: options.paired, significant, ...bands };
    comparisons.push({
      group: first.group,
      labelA: options.labelA ?? "A",
      labelB: options.labelB,
      ...partial,
      meanB,
      effect: effectOf(partial, minEffect),
      verdict: verdict(options.labelB, partial, minEffect),
    });
  }
  return comparisons;
}

function pairedInterval(a: readonly number[], b: readonly number[]): { difference: number; halfWidth: number } {
  const ci = confidenceInterval(b.map((value, i) => value - a[i]));
  return { difference: ci.mean, halfWidth: ci.halfWidth };
}

function welchInterval(a: readonly number[], b: readonly number[]): { difference: number; halfWidth: number } {
  const ca = confidenceInterval(a);
  const cb = confidenceInterval(b);
  const va = (ca.sd * ca.sd) / ca.n;
  const vb = (cb.sd * cb.sd) / cb.n;
  if (va + vb === 0) return { difference: cb.mean - ca.mean, halfWidth: 0 };
  const df = (va + vb) ** 2 / (va ** 2 / (ca.n - 1) + vb ** 2 / (cb.n - 1));
  return { difference: cb.mean - ca.mean, halfWidth: studentTQuantile(0.975, df) * Math.sqrt(va + vb) };
}

/** What to compare: two folders, or two variants of one folder. */
export type CompareRequest = { folders: [string, string] } | { folder: string; variants: [string, string] };

/**
 * Runs a comparison request: two folders (paired when their master seeds match; each folder's
 * variants matched by name, or its only variant), or two variants of one folder (always paired).
 * Throws an {@link InputError} when a folder or variant is missing.
 *
 * @example
 * const sets = ["replications=3", "model.customers=2000", "model.warmupCustomers=100"];
 * const folder = await writeRunResults(runScenario(loadScenario("scenarios/validation/priority.yaml", { sets }), { seed: 7 }), { resultsRoot: tmp });
 * compareResults({ folder, variants: ["non-preemptive", "preemptive-resume"] })[0].verdict
 * // => "preemptive-resume lowers waitMean.high by 65% ± 11% (paired, n=3)"
 */
export function compareResults(request: CompareRequest, options: { minEffect?: number } = {}): MetricComparison[] {
  if ("variants" in request) {
    const table = readReplicationTable(request.folder);
    const [x, y] = request.variants.map((name) => selectVariant(table, name));
    return compareValues(x, y, { labelA: request.variants[0], labelB: request.variants[1], paired: true, ...options });
  }
  const [a, b] = request.folders.map((folder) => readReplicationTable(resolve(folder)));
  const paired = a.seed === b.seed;
  const variantsA = [...new Set(a.values.map((v) => v.variant))];
  const variantsB = [...new Set(b.values.map((v) => v.variant))];
  const [labelA, labelB] = folderLabels(request.folders);
  if (variantsA.length === 1 && variantsB.length === 1) {
    // One variant each: name the columns by variant when the names tell the sides apart.
    const byVariant = variantsA[0] !== variantsB[0];
    return compareValues(a.values, b.values, { labelA: byVariant ? variantsA[0] : labelA, labelB: byVariant ? variantsB[0] : labelB, paired, ...options });
  }
  const shared = variantsA.filter((name) => variantsB.includes(name));
  if (shared.length === 0) throw new InputError(request.folders[1], "", `a variant named like one of ${request.folders[0]} (${variantsA.join(", ")})`);
  return shared.flatMap((name) =>
    compareValues(selectVariant(a, name), selectVariant(b, name), { labelA, labelB, paired, ...options }).map((c) => ({ ...c, group: c.group ? `${name}, ${c.group}` : name })),
  );
}

/** Column names for two folders: their last path components, or the paths as given when those are equal. */
function folderLabels(folders: readonly [string, string]): [string, string] {
  const [a, b] = folders.map((folder) => basename(resolve(folder)));
  return a === b ? [folders[0], folders[1]] : [a, b];
}

/**
 * The most replications any metric has in a results folder (under any variant and group): a
 * comparison needs 2 or more on both sides.
 *
 * @example
 * maxReplications({ folder: "r", seed: 1, values: [{ group: "", variant: "a", replication: 0, metric: "m", unit: "s", value: 1 }] }) // => 1
 */
export function maxReplications(table: ReplicationTable): number {
  const counts = new Map<string, number>();
  for (const v of table.values) {
    const key = `${v.group}\u0000${v.variant}\u0000${v.metric}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values());
}

function selectVariant(table: ReplicationTable, name: string): ReplicationValue[] {
  const values = table.values.filter((v) => v.variant === name);
  if (values.length === 0) {
    const names = [...new Set(table.values.map((v) => v.variant))].join(", ");
    throw new InputError(table.folder, "--variants", `a variant of this folder (${names}), not "${name}"`);
  }
  return values;
}
