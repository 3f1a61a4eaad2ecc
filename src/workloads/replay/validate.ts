/**
 * The replay validation table: for every measured what-if pair (a base boot and the same VM
 * booted with every request `delay` slower, or behind nbdkit's rate filter), the service-ready
 * time the replay model predicts in both directions, against the measured one:
 *
 * - **slower**: the base trace replayed with its own latency + delay, against the delayed boot;
 * - **faster**: the delayed trace replayed with its latency − delay (floored at 0), against the
 *   base boot.
 *
 * A throttled pair's service times come from throttle.ts (the filter's wait, simulated in the
 * slower direction and reconstructed from the recording in the faster one).
 *
 * Predictions use the timing predictor (predict.ts), which the kernel replay matches exactly.
 * Each row has the prior model's prediction (plan.ts) with its model band (band.ts), and the
 * leave-one-out prediction: the prior's one fitted constant, rule 5's resume cost, measured
 * without the pair. The shipped default (`SHIPPED_RESUME_US`) is the mean resume stretch of
 * every pair; leave-one-out takes the mean over the pairs that share no recording with the one
 * predicted (the two GRUB pairs share their slowed boot, so each leaves out both).
 */
import type { TraceRequest } from "../traces/types.ts";
import { milestoneBand } from "./band.ts";
import { resumeCostFromStretch, resumeStretch } from "./calibrate.ts";
import { inferReplayPlan, type ReplayInferenceOptions, type ReplayPlan, REPLAY_DEFAULTS, SHIPPED_RESUME_US } from "./plan.ts";
import { type DiskThrottle, filterWaitsUs, throttledServiceUs } from "./throttle.ts";
import { cacheWaitsUs, type WarmCache, warmCacheServiceUs } from "./warm-cache.ts";
import { heldWaitsUs } from "./held-waits.ts";

/** One recording of a what-if pair, with its measured milestones (µs since its first request). */
export interface WhatIfRecording {
  name: string;
  requests: readonly TraceRequest[];
  serviceReadyUs: number;
  /** When the kernel ran /init, if the recording's README gives it (phases.ts). */
  initUs?: number;
}

/** A measured what-if pair. */
export interface WhatIfPair {
  /** Short name, e.g. "k2boot1 +20ms". */
  name: string;
  base: WhatIfRecording;
  delayed: WhatIfRecording;
  /** The delay added to every read and write in the delayed boot, µs (nbdkit's delay filter; 0 for a throttled pair without one). */
  delayUs: number;
  /** nbdkit's rate filter in front of the delayed boot's disk, if it had one (throttle.ts). */
  throttle?: DiskThrottle;
  /**
   * nbdkit's cache filter, pre-warmed from a profile, in front of the delayed boot's slowed disk
   * server, if it had one (warm-cache.ts): then only the cache's server calls pay `delayUs`.
   */
  cache?: WarmCache;
  /** Rule 3's threads for the pair's recordings (docs/replay.md). */
  threads: number;
}

/** One row of the validation table (times in µs). */
export interface ValidationRow {
  pair: string;
  direction: "slower" | "faster";
  replayed: string;
  measuredName: string;
  measuredUs: number;
  predictedUs: number;
  /** (predicted − measured) / measured. */
  error: number;
  lowerUs: number;
  upperUs: number;
  /** The measured time lies within the model band. */
  inBand: boolean;
  leaveOneOutUs: number;
  leaveOneOutError: number;
}

/**
 * Two undelayed boots of the same VM and disk state: how far apart the same boot lands run to
 * run, which no replay rule can predict (docs/replay.md, E4).
 */
export interface RepeatBoots {
  /** Short name, e.g. "g2boot1 / g2boot2". */
  name: string;
  first: WhatIfPair["base"];
  second: WhatIfPair["base"];
  /** Rule 3's threads for the pair's recordings (docs/replay.md). */
  threads: number;
}

/** One row of the run-to-run noise table: one boot replayed on its own latency, against the other (times in µs). */
export interface NoiseRow {
  pair: string;
  replayed: string;
  measuredName: string;
  measuredUs: number;
  predictedUs: number;
  /** (predicted − measured) / measured. */
  error: number;
}

/** Targets of issue #13: every pair within 10%, median absolute error within 5%. */
export const VALIDATION_TARGETS = { maxAbsError: 0.1, medianAbsError: 0.05 } as const;

/**
 * Rule 5's resume cost fitted on `pairs`: the mean of each pair's cost from its measured resume
 * stretch (`resumeStretch`, `resumeCostFromStretch`), whole µs; 0 for no pairs. Throttled pairs
 * are left out: the cost is read from a stretch against a known added wait, and a rate filter's
 * wait varies from request to request.
 *
 * @example
 * const boot = { name: "boot1", requests: boot1, serviceReadyUs: 28352530 };
 * const pair: WhatIfPair = { name: "boot1 again", base: boot, delayed: boot, delayUs: 0, threads: 2 };
 * fittedResumeUs([pair]) // => 0 // the same boot twice: no stretch
 * fittedResumeUs([]) // => 0
 */
export function fittedResumeUs(pairs: readonly WhatIfPair[]): number {
  const delayed = pairs.filter(isDelayPair);
  if (delayed.length === 0) return 0;
  let sum = 0;
  for (const p of delayed) sum += pairResumeCostUs(p);
  return Math.round(sum / delayed.length);
}

/**
 * The resume cost a table uses for its prior rows: fitted on the delay pairs of `pairs`
 * ({@link fittedResumeUs}), or the shipped constant when it has none (a file of throttled pairs
 * only, or of repeats).
 *
 * @example
 * priorResumeUs([]) // => 531 // SHIPPED_RESUME_US
 */
export function priorResumeUs(pairs: readonly WhatIfPair[]): number {
  return pairs.some(isDelayPair) ? fittedResumeUs(pairs) : SHIPPED_RESUME_US;
}

/** A pair whose slowed boot paid the same delay on every read and write (no rate filter, no cache): the pairs rule 5 is fitted on. */
function isDelayPair(pair: WhatIfPair): boolean {
  return pair.throttle === undefined && pair.cache === undefined;
}

/** A pair's resume cost from its stretch, measured once per pair (the table fits on every subset). */
const pairCosts = new WeakMap<WhatIfPair, number>();
function pairResumeCostUs(pair: WhatIfPair): number {
  let cost = pairCosts.get(pair);
  if (cost === undefined) {
    cost = resumeCostFromStretch(resumeStretch(pair.base.requests, pair.delayed.requests).medianUs, pair.delayUs, REPLAY_DEFAULTS.resumeFullAfterUs);
    pairCosts.set(pair, cost);
  }
  return cost;
}

/**
 * What the slowed recording's rate filter or warm cache added to each of its requests, once per
 * pair (the prior, leave-one-out and /init rows all replay it); null for a plain delay pair. The
 * device model says which requests it held; how long each waited is read from the recording
 * (held-waits.ts): among requests waiting together, the order is a race the model cannot replay.
 */
const pairWaits = new WeakMap<WhatIfPair, Float64Array>();
function slowedWaitsUs(pair: WhatIfPair): Float64Array | null {
  if (pair.throttle === undefined && pair.cache === undefined) return null;
  let waits = pairWaits.get(pair);
  if (waits === undefined) {
    const requests = pair.delayed.requests;
    if (pair.cache !== undefined) {
      // One lock for reads and writes; flushes take it unless the cache is unsafe.
      const flushesQueue = (pair.cache.mode ?? "writeback") !== "unsafe";
      const onLock = (r: TraceRequest): boolean => r.op !== "F" || flushesQueue;
      waits = heldWaitsUs(requests, cacheWaitsUs(requests, pair.cache, pair.delayUs), (a, b) => onLock(a) && onLock(b));
    } else {
      // Reads and writes have a bucket each; flushes pass free.
      waits = heldWaitsUs(requests, filterWaitsUs(requests, pair.throttle as DiskThrottle), (a, b) => a.op === b.op && a.op !== "F");
    }
    pairWaits.set(pair, waits);
  }
  return waits;
}

/**
 * The prior model's options for `left` with its fitted constant (rule 5's resume cost) fitted on
 * the delay pairs of `others` that share no recording with `left`; with none to fit on, the
 * shipped constant (531 µs, fitted on traces/: a pair from there is then not left out of it).
 *
 * @example
 * const boot = { name: "boot1", requests: boot1, serviceReadyUs: 28352530 };
 * const pair: WhatIfPair = { name: "boot1 again", base: boot, delayed: boot, delayUs: 0, threads: 2 };
 * priorOptionsWithout(pair, [pair]) // => { threads: 2, resumeUs: 531 } // no unrelated pair to fit on
 */
export function priorOptionsWithout(left: WhatIfPair, others: readonly WhatIfPair[]): ReplayInferenceOptions {
  const names = new Set([left.base.name, left.delayed.name]);
  const unrelated = others.filter((p) => !names.has(p.base.name) && !names.has(p.delayed.name));
  return { threads: left.threads, resumeUs: priorResumeUs(unrelated) };
}

/**
 * Predicts the pair's service-ready time in one direction with `options`.
 *
 * @example
 * const boot3 = [...openTrace("traces/boot3_delay5ms.csv", "csv")];
 * const pair: WhatIfPair = {
 *   name: "boot1 +5ms", delayUs: 5000, threads: 2,
 *   base: { name: "boot1", requests: boot1, serviceReadyUs: 28352530 },
 *   delayed: { name: "boot3_delay5ms", requests: boot3, serviceReadyUs: 30023685 },
 * };
 * predictWhatIf(pair, "slower", { threads: 2 }).point // => 32265097 // µs since the replay started
 */
export function predictWhatIf(pair: WhatIfPair, direction: "slower" | "faster", options: ReplayInferenceOptions): { point: number; lower: number; upper: number } {
  const { from, plan, serviceUs } = whatIfReplay(pair, direction, options);
  return milestoneBand(plan, from.serviceReadyUs, serviceUs);
}

/**
 * The replay behind one direction of a pair: the recording replayed, its prior plan with
 * `options`, and the service time of each of its requests (its recorded latency with the delay
 * added, or taken away and floored at 0; for a throttled pair, with the filter's wait simulated
 * or taken away: throttle.ts).
 *
 * @example
 * const boot = { name: "boot1", requests: boot1, serviceReadyUs: 28352530 };
 * const { from, serviceUs } = whatIfReplay({ name: "boot1 +5ms", base: boot, delayed: boot, delayUs: 5000, threads: 2 }, "slower", {});
 * [from.name, serviceUs(0) - (boot1[0].latencyUs ?? 0)] // => ["boot1", 5000]
 */
export function whatIfReplay(
  pair: WhatIfPair, direction: "slower" | "faster", options: ReplayInferenceOptions,
): { from: WhatIfRecording; plan: ReplayPlan; serviceUs: (index: number) => number } {
  const from = direction === "slower" ? pair.base : pair.delayed;
  const plan = inferReplayPlan(from.requests, options);
  if (direction === "slower" && pair.cache !== undefined) return { from, plan, serviceUs: warmCacheServiceUs(plan, pair.cache, pair.delayUs, from.serviceReadyUs) };
  if (direction === "slower" && pair.throttle !== undefined) return { from, plan, serviceUs: throttledServiceUs(plan, pair.throttle, pair.delayUs, from.serviceReadyUs) };
  const waits = slowedWaitsUs(pair);
  const sign = direction === "slower" ? 1 : -1;
  // nbdkit's delay filter holds reads and writes; flushes are not delayed (their latencies in
  // the slowed boots are those of the base boots: 33 of 41 under 1 ms with +20 ms). Behind a
  // warm cache only the cache's server calls paid the delay (a flush's too, in writeback mode):
  // its waits hold them.
  const delayOf = (r: TraceRequest, i: number): number =>
    pair.cache !== undefined ? (waits as Float64Array)[i] : r.op === "F" ? 0 : pair.delayUs + (waits === null ? 0 : waits[i]);
  return { from, plan, serviceUs: (i) => Math.max(0, (from.requests[i].latencyUs ?? 0) + sign * delayOf(from.requests[i], i)) };
}

/**
 * The validation rows of every pair, both directions.
 *
 * @example
 * const boot3 = [...openTrace("traces/boot3_delay5ms.csv", "csv")];
 * const pair: WhatIfPair = {
 *   name: "boot1 +5ms", delayUs: 5000, threads: 2,
 *   base: { name: "boot1", requests: boot1, serviceReadyUs: 28352530 },
 *   delayed: { name: "boot3_delay5ms", requests: boot3, serviceReadyUs: 30023685 },
 * };
 * validationTable([pair]).map((r) => `${r.pair} ${r.direction} ${(100 * r.error).toFixed(1)}%`)
 * // => ["boot1 +5ms slower 7.9%", "boot1 +5ms faster -7.3%"] // rule 5 fitted on this pair alone (719 µs)
 */
export function validationTable(pairs: readonly WhatIfPair[]): ValidationRow[] {
  const rows: ValidationRow[] = [];
  const fitted = priorResumeUs(pairs);
  for (const pair of pairs) {
    const others = pairs.filter((p) => p !== pair);
    for (const direction of ["slower", "faster"] as const) {
      const measured = direction === "slower" ? pair.delayed : pair.base;
      const prior = predictWhatIf(pair, direction, { threads: pair.threads, resumeUs: fitted });
      const loo = predictWhatIf(pair, direction, priorOptionsWithout(pair, others));
      rows.push({
        pair: pair.name, direction,
        replayed: direction === "slower" ? pair.base.name : pair.delayed.name,
        measuredName: measured.name, measuredUs: measured.serviceReadyUs,
        predictedUs: prior.point, error: prior.point / measured.serviceReadyUs - 1,
        lowerUs: prior.lower, upperUs: prior.upper,
        inBand: prior.lower <= measured.serviceReadyUs && measured.serviceReadyUs <= prior.upper,
        leaveOneOutUs: loo.point, leaveOneOutError: loo.point / measured.serviceReadyUs - 1,
      });
    }
  }
  return rows;
}

/**
 * Per pair, the slower and the faster direction's errors added, µs: the stretch the model gives
 * the base boot minus the shrink it gives the slowed one (predicted slowed − measured slowed +
 * predicted base − measured base = stretch − shrink, since each replay on its own latencies is
 * its own boot). Neither boot's run-to-run noise is in it: a model that stretched and shrank
 * alike would give 0 whatever the two boots' CPU phases did.
 *
 * @example
 * directionSums([
 *   { pair: "p", direction: "slower", predictedUs: 33, measuredUs: 31 },
 *   { pair: "p", direction: "faster", predictedUs: 20, measuredUs: 19 },
 * ] as ValidationRow[]) // => [{ pair: "p", sumUs: 3 }]
 */
export function directionSums(rows: readonly ValidationRow[]): Array<{ pair: string; sumUs: number }> {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.pair, (sums.get(r.pair) ?? 0) + r.predictedUs - r.measuredUs);
  return [...sums].map(([pair, sumUs]) => ({ pair, sumUs }));
}

/** Summary of a validation table against {@link VALIDATION_TARGETS}. */
export interface ValidationSummary {
  maxAbsError: number;
  medianAbsError: number;
  met: boolean;
}

/**
 * Largest and median absolute error of `rows` (prior and leave-one-out alike) and whether the
 * targets are met.
 *
 * @example
 * summarizeValidation([{ error: 0.04, leaveOneOutError: 0.04 }, { error: -0.12, leaveOneOutError: -0.12 }] as ValidationRow[])
 * // => { maxAbsError: 0.12, medianAbsError: 0.08, met: false }
 */
export function summarizeValidation(rows: readonly ValidationRow[]): ValidationSummary {
  const errors = rows.flatMap((r) => [Math.abs(r.error), Math.abs(r.leaveOneOutError)]).sort((a, b) => a - b);
  if (errors.length === 0) return { maxAbsError: 0, medianAbsError: 0, met: true };
  const mid = errors.length >> 1;
  const median = errors.length % 2 === 1 ? errors[mid] : (errors[mid - 1] + errors[mid]) / 2;
  const max = errors[errors.length - 1];
  return { maxAbsError: max, medianAbsError: median, met: max <= VALIDATION_TARGETS.maxAbsError && median <= VALIDATION_TARGETS.medianAbsError };
}

/**
 * The run-to-run noise rows of `repeats`: each boot replayed on its own recorded latency (no
 * delay, so the prediction is its own service-ready time) against the other boot's measured
 * time, both ways. The error is what a perfect replay rule would still show on a what-if pair
 * recorded with that noise.
 *
 * @example
 * const g2boot2 = [...openTrace("traces/g2boot2.csv", "csv")];
 * const g2boot1 = [...openTrace("traces/g2boot1.csv", "csv")];
 * const repeat: RepeatBoots = {
 *   name: "g2boot1 / g2boot2", threads: 2,
 *   first: { name: "g2boot1", requests: g2boot1, serviceReadyUs: 23216375 },
 *   second: { name: "g2boot2", requests: g2boot2, serviceReadyUs: 25261836 },
 * };
 * noiseRows([repeat]).map((r) => `${r.replayed} ${(100 * r.error).toFixed(1)}%`) // => ["g2boot1 -8.1%", "g2boot2 8.8%"]
 */
export function noiseRows(repeats: readonly RepeatBoots[]): NoiseRow[] {
  const rows: NoiseRow[] = [];
  for (const repeat of repeats) {
    const pair: WhatIfPair = { name: repeat.name, base: repeat.first, delayed: repeat.second, delayUs: 0, threads: repeat.threads };
    for (const direction of ["slower", "faster"] as const) {
      const replayed = direction === "slower" ? repeat.first : repeat.second;
      const measured = direction === "slower" ? repeat.second : repeat.first;
      const predictedUs = predictWhatIf(pair, direction, { threads: repeat.threads }).point;
      rows.push({ pair: repeat.name, replayed: replayed.name, measuredName: measured.name, measuredUs: measured.serviceReadyUs, predictedUs, error: predictedUs / measured.serviceReadyUs - 1 });
    }
  }
  return rows;
}
