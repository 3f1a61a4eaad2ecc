/**
 * How a scenario writes a probability distribution of durations, e.g.
 * `{ distribution: exponential, mean: "1ms" }`. Parameters are durations (integer ns after
 * loading) except shape parameters, which are plain numbers.
 */
import { z } from "zod";
import { makeDistribution, type DistributionSpec } from "../kernel/distribution-spec.ts";
import { duration } from "./fields.ts";

const durationDistributionShapes = z.discriminatedUnion("distribution", [
  z.strictObject({ distribution: z.literal("constant"), value: duration() }),
  z.strictObject({ distribution: z.literal("uniform"), min: duration(), max: duration() }),
  z.strictObject({ distribution: z.literal("exponential"), mean: duration() }),
  z.strictObject({ distribution: z.literal("normal"), mean: duration(), sd: duration() }),
  z.strictObject({
    distribution: z.literal("lognormal"),
    median: duration().meta({ description: "median (= exp(mu))" }),
    sigma: z.number().min(0).max(10).meta({ description: "standard deviation of the underlying normal" }),
  }),
  z.strictObject({
    distribution: z.literal("pareto"),
    scale: duration().meta({ description: "minimum value x_m" }),
    shape: z.number().gt(0).max(100).meta({ description: "tail index alpha" }),
  }),
  z.strictObject({
    distribution: z.literal("empirical"),
    samples: z.array(duration()).min(1).max(1_000_000),
  }),
]);

/** A distribution of durations as loaded (all times integer ns). */
export type DurationDistributionSpec = z.output<typeof durationDistributionShapes>;

/** The field whose value makes a distribution's mean zero: the one a user would change. */
const SCALE_FIELD: Record<DurationDistributionSpec["distribution"], string> = {
  constant: "value", uniform: "max", exponential: "mean", normal: "mean", lognormal: "median", pareto: "scale", empirical: "samples",
};

/**
 * The problem with a loaded distribution of durations that the field types cannot see, as a
 * field (relative to the distribution) and what was expected; undefined when there is none.
 * A uniform's `max` must be at least its `min`; every distribution must have a mean of at least
 * 1 ns after rounding to whole ns (a zero mean makes every inter-arrival or service 0 ns: an
 * endless burst at one instant, and no closed form).
 *
 * @example
 * distributionProblem({ distribution: "uniform", min: 2_000_000, max: 1_000_000 })
 * // => { field: "max", expected: "at least min (2000000 ns), got 1000000 ns" }
 * distributionProblem({ distribution: "exponential", mean: 0 })
 * // => { field: "mean", expected: "a distribution with a positive mean (at least 1ns); this one is 0" }
 */
export function distributionProblem(spec: DurationDistributionSpec): { field: string; expected: string } | undefined {
  if (spec.distribution === "uniform" && spec.max < spec.min) return { field: "max", expected: `at least min (${spec.min} ns), got ${spec.max} ns` };
  let mean = 0;
  try {
    mean = makeDistribution(toKernelSpec(spec)).mean;
  } catch {
    // The kernel refuses a zero scale (exponential mean 0, pareto scale 0): a zero mean here.
  }
  if (!(mean >= 1)) return { field: SCALE_FIELD[spec.distribution], expected: `a distribution with a positive mean (at least 1ns); this one is ${mean}` };
  return undefined;
}

/**
 * A distribution of durations (times in ns after loading), with {@link distributionProblem}'s
 * checks: `{ distribution: exponential, mean: "1ms" }`.
 */
export const durationDistributionSchema = durationDistributionShapes.superRefine((spec, ctx) => {
  const problem = distributionProblem(spec);
  if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.expected });
});

/**
 * The kernel's distribution for a scenario spec (times in ns). The kernel object carries the
 * exact mean and variance, which validation models use for closed forms.
 *
 * @example
 * toKernelSpec({ distribution: "lognormal", median: 1000, sigma: 0.5 }) // => { kind: "lognormal", mu: 6.907755278982137, sigma: 0.5 }
 */
export function toKernelSpec(spec: DurationDistributionSpec): DistributionSpec {
  switch (spec.distribution) {
    case "constant":
      return { kind: "constant", value: spec.value };
    case "uniform":
      return { kind: "uniform", low: spec.min, high: spec.max };
    case "exponential":
      return { kind: "exponential", mean: spec.mean };
    case "normal":
      return { kind: "normal", mean: spec.mean, sd: spec.sd };
    case "lognormal":
      return { kind: "lognormal", mu: Math.log(spec.median), sigma: spec.sigma };
    case "pareto":
      return { kind: "pareto", scale: spec.scale, shape: spec.shape };
    case "empirical":
      return { kind: "empirical", samples: spec.samples };
  }
}
