/**
 * How a scenario writes a probability distribution of durations, e.g.
 * `{ distribution: exponential, mean: "1ms" }`. Parameters are durations (integer ns after
 * loading) except shape parameters, which are plain numbers.
 */
import { z } from "zod";
import type { DistributionSpec } from "../kernel/distribution-spec.ts";
import { duration } from "./fields.ts";

export const durationDistributionSchema = z.discriminatedUnion("distribution", [
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
export type DurationDistributionSpec = z.output<typeof durationDistributionSchema>;

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
