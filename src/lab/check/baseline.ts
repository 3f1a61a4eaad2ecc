/**
 * The committed baseline of `rtolab check`: per scenario and variant, each metric's mean and
 * 95% CI half-width. A metric **regresses** when both hold:
 * 1. the new CI and the baseline CI do not overlap (|new − base| > h_new + h_base), so the change
 *    is beyond replication noise; and
 * 2. the change exceeds the relative tolerance (|new − base| > tolerance · |base|), so tiny but
 *    certain shifts (many replications make CIs narrow) do not fail CI.
 * Direction: a metric with an upper budget (`<=`, `<`) regresses only upwards, one with a lower
 * budget only downwards; a metric without a budget fails on a change either way, since with
 * fixed seeds any such change means the model changed.
 */
import { readFileSync } from "node:fs";
import { InputError } from "../../util/errors.ts";

/** A metric's baseline. */
export interface BaselineMetric {
  unit: string;
  mean: number;
  halfWidth: number;
  n: number;
}

/** The baseline file: scenario → { hash, seed, variant → metric → baseline }. */
export interface Baseline {
  version: 1;
  scenarios: Record<string, { hash: string; seed: number; variants: Record<string, Record<string, BaselineMetric>> }>;
}

/** Which change counts as a regression. */
export type Direction = "up" | "down" | "either";

/**
 * Whether a new estimate regresses from its baseline (see the module comment for the rule).
 *
 * @example
 * regresses({ mean: 5, halfWidth: 0.1 }, { mean: 4, halfWidth: 0.1 }, 0.05, "up") // => true
 * regresses({ mean: 4.1, halfWidth: 0.2 }, { mean: 4, halfWidth: 0.1 }, 0.05, "up") // => false // CIs overlap
 */
export function regresses(now: Pick<BaselineMetric, "mean" | "halfWidth">, base: Pick<BaselineMetric, "mean" | "halfWidth">, tolerance: number, direction: Direction): boolean {
  const change = now.mean - base.mean;
  if (direction === "up" && change <= 0) return false;
  if (direction === "down" && change >= 0) return false;
  const size = Math.abs(change);
  return size > now.halfWidth + base.halfWidth && size > tolerance * Math.abs(base.mean);
}

/**
 * Reads a baseline file; throws an {@link InputError} when it is not one.
 *
 * @example
 * readBaseline("budgets/validation-baseline.json").scenarios.mm1.variants.base.waitMean.unit // => "ms"
 */
export function readBaseline(path: string): Baseline {
  try {
    const baseline = JSON.parse(readFileSync(path, "utf8")) as Baseline;
    if (baseline.version !== 1 || typeof baseline.scenarios !== "object") throw new Error("format");
    return baseline;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new InputError(path, "", "an existing baseline file (write one with --update-baseline)");
    throw new InputError(path, "", "a baseline written by rtolab check --update-baseline (version 1)");
  }
}
