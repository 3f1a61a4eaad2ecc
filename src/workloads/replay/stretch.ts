/**
 * The stretch against the repeats' mean: how much longer a slowed boot took than the undelayed
 * repeats of the same VM and disk state took on average, with a confidence interval from their
 * spread, against the stretch the model gives (docs/replay.md, "Stretch against the repeats'
 * mean").
 *
 * A what-if row compares one slowed boot with one base boot, so both boots' run-to-run noise is
 * in its error (E4). Averaging over repeats takes the base boot's noise out, and the interval
 * says how much of the slowed boots' noise is left: a model stretch outside it is an error of
 * the model's own, not of the pairing.
 */
import { studentTQuantile } from "../../metrics/confidence.ts";
import { mean } from "../../metrics/statistics.ts";
import type { ValidationRow, WhatIfPair, WhatIfRecording } from "./validate.ts";

/** Undelayed repeats of one VM and disk state: the run-to-run spread a stretch is judged against. */
export interface BootFamily {
  /** Short name, e.g. "kernel-direct, 2 vCPUs". */
  name: string;
  /** At least two undelayed boots (their service-ready times are what is used). */
  repeats: readonly Pick<WhatIfRecording, "name" | "serviceReadyUs">[];
}

/** One condition (a delay, rate filter or cache set-up) of a family's what-if pairs (times in µs). */
export interface StretchRow {
  /** The condition, from its first pair's name without the base boot's name and a trailing "(…)". */
  condition: string;
  family: string;
  /** The condition's pairs, by name. */
  pairs: string[];
  /** Distinct slowed boots and the family's repeats. */
  slowedBoots: number;
  repeats: number;
  /** Mean service-ready time of the slowed boots minus that of the repeats. */
  measuredUs: number;
  /** Half-width of the 95% interval of `measuredUs` (see {@link stretchInterval}). */
  halfWidthUs: number;
  /** The model's stretch of each base boot (predicted slowed − measured base), mean over the pairs. */
  stretchUs: number;
  /** The model's shrink of each slowed boot (measured slowed − predicted base), mean over the pairs. */
  shrinkUs: number;
  stretchInside: boolean;
  shrinkInside: boolean;
  /** The model band of the stretch (its two readings, band.ts), mean over the pairs: [all long gaps slack, every gap waits]. */
  stretchBandUs: [number, number];
  /** The model band of the shrink, mean over the pairs: [every gap waits … all long gaps slack] turned into shrinks, low first. */
  shrinkBandUs: [number, number];
  /** Whether each band reaches the measured stretch's interval. */
  stretchBandReaches: boolean;
  shrinkBandReaches: boolean;
}

/**
 * The 95% interval of a measured stretch, mean(slowed) − mean(repeats), when each boot's
 * service-ready time varies run to run with the repeats' sample standard deviation `sdUs` (the
 * slowed boots are assumed to vary as much, in seconds, as the undelayed ones: the noise sits in
 * CPU-bound phases that a disk delay does not lengthen, E4): half-width
 * t(0.975, repeats − 1) · sd · √(1/slowed + 1/repeats). Throws for fewer than two repeats.
 *
 * @example
 * stretchInterval(1.0, 1, 10) // ≈ 2.37 // t(0.975, 9) = 2.262 · √1.1
 * stretchInterval(1.0, 4, 10) // ≈ 1.34 // four slowed boots average their noise down
 */
export function stretchInterval(sdUs: number, slowed: number, repeats: number): number {
  if (repeats < 2) throw new RangeError(`a stretch interval needs at least two repeats (got ${repeats})`);
  return studentTQuantile(0.975, repeats - 1) * sdUs * Math.sqrt(1 / slowed + 1 / repeats);
}

/**
 * One row per condition of each family: the pairs whose base boot is one of the family's
 * repeats, grouped by what slowed their slowed boot (delay, rate filter, cache and its profile,
 * threads), in the order of their first pair; `rows` are the validation table's rows of the
 * same pairs (`validationTable`). Pairs whose base is in no family have no row.
 *
 * @example
 * const boot = (name: string, s: number) => ({ name, requests: [], serviceReadyUs: s * 1e6 });
 * const pair = { name: "a1 +2ms", base: boot("a1", 20), delayed: boot("a1_d2ms", 24), delayUs: 2000, threads: 2 };
 * const rows = [
 *   { pair: "a1 +2ms", direction: "slower", predictedUs: 23e6 },
 *   { pair: "a1 +2ms", direction: "faster", predictedUs: 21e6 },
 * ] as ValidationRow[];
 * const family = { name: "a", repeats: [boot("a1", 20), boot("a2", 22), boot("a3", 21)] };
 * const [row] = stretchRows([pair], rows, [family]);
 * [row.condition, row.measuredUs, row.stretchUs, row.shrinkUs, row.stretchInside] // => ["+2ms", 3e6, 3e6, 3e6, true]
 */
export function stretchRows(pairs: readonly WhatIfPair[], rows: readonly ValidationRow[], families: readonly BootFamily[]): StretchRow[] {
  const rowOf = (p: WhatIfPair, direction: "slower" | "faster"): ValidationRow => {
    const row = rows.find((r) => r.pair === p.name && r.direction === direction);
    if (row === undefined) throw new RangeError(`no ${direction} validation row for pair "${p.name}"`);
    return row;
  };
  // A stretch is the slower prediction less the base boot; a shrink the slowed boot less the faster prediction.
  const stretchOf = (p: WhatIfPair, at: (r: ValidationRow) => number): number => at(rowOf(p, "slower")) - p.base.serviceReadyUs;
  const shrinkOf = (p: WhatIfPair, at: (r: ValidationRow) => number): number => p.delayed.serviceReadyUs - at(rowOf(p, "faster"));
  const out: StretchRow[] = [];
  for (const family of families) {
    const readies = family.repeats.map((r) => r.serviceReadyUs);
    const repeatMean = mean(readies);
    const sd = Math.sqrt(readies.reduce((sum, x) => sum + (x - repeatMean) ** 2, 0) / (readies.length - 1));
    const members = new Set(family.repeats.map((r) => r.name));
    const conditions = new Map<string, WhatIfPair[]>();
    for (const pair of pairs) {
      if (!members.has(pair.base.name)) continue;
      const key = conditionKey(pair);
      const group = conditions.get(key);
      if (group === undefined) conditions.set(key, [pair]);
      else group.push(pair);
    }
    for (const group of conditions.values()) {
      const slowed = new Map(group.map((p) => [p.delayed.name, p.delayed.serviceReadyUs]));
      const measuredUs = mean([...slowed.values()]) - repeatMean;
      const halfWidthUs = stretchInterval(sd, slowed.size, readies.length);
      const stretchUs = mean(group.map((p) => stretchOf(p, (r) => r.predictedUs)));
      const shrinkUs = mean(group.map((p) => shrinkOf(p, (r) => r.predictedUs)));
      const stretchBandUs: [number, number] = [mean(group.map((p) => stretchOf(p, (r) => r.lowerUs))), mean(group.map((p) => stretchOf(p, (r) => r.upperUs)))];
      const shrinkBandUs: [number, number] = [mean(group.map((p) => shrinkOf(p, (r) => r.upperUs))), mean(group.map((p) => shrinkOf(p, (r) => r.lowerUs)))];
      const reaches = ([low, high]: [number, number]): boolean => high >= measuredUs - halfWidthUs && low <= measuredUs + halfWidthUs;
      out.push({
        condition: conditionLabel(group[0]), family: family.name, pairs: group.map((p) => p.name),
        slowedBoots: slowed.size, repeats: readies.length, measuredUs, halfWidthUs, stretchUs, shrinkUs,
        stretchInside: Math.abs(stretchUs - measuredUs) <= halfWidthUs, shrinkInside: Math.abs(shrinkUs - measuredUs) <= halfWidthUs,
        stretchBandUs, shrinkBandUs, stretchBandReaches: reaches(stretchBandUs), shrinkBandReaches: reaches(shrinkBandUs),
      });
    }
  }
  return out;
}

/** Profile traces by identity: a pairs file reads each profile trace once (validate.ts), so one file is one array. */
const profileIds = new WeakMap<object, number>();
let profilesSeen = 0;

/** What slowed a pair's slowed boot; pairs with the same key are repeats of one condition. */
function conditionKey(pair: WhatIfPair): string {
  const cache = pair.cache;
  let profile = "";
  if (cache !== undefined) {
    let id = profileIds.get(cache.profile);
    if (id === undefined) profileIds.set(cache.profile, (id = profilesSeen++));
    profile = `${id}/${cache.blockBytes}/${cache.mode ?? "writeback"}`;
  }
  const throttle = pair.throttle === undefined ? "" : `${pair.throttle.rateBytesPerS}/${pair.throttle.burstinessUs}`;
  return `${pair.delayUs}|${throttle}|${profile}|${pair.threads}`;
}

/** "k3boot8 +2ms (again)" → "+2ms": the name without its base boot and a trailing parenthesis. */
function conditionLabel(pair: WhatIfPair): string {
  const rest = pair.name.startsWith(`${pair.base.name} `) ? pair.name.slice(pair.base.name.length + 1) : pair.name;
  return rest.replace(/\s*\([^()]*\)$/, "") || pair.name;
}
