/**
 * How a scenario writes a probability distribution of durations, e.g.
 * `{ distribution: exponential, mean: "1ms" }`. Parameters are durations (integer ns after
 * loading) except shape parameters, which are plain numbers.
 */
import { z } from "zod";
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
 * The mean of a distribution spec, in ns (Infinity for a Pareto tail with shape ≤ 1).
 *
 * @example
 * distributionMean({ distribution: "uniform", min: 0, max: 10 }) // => 5
 */
export function distributionMean(spec: DurationDistributionSpec): number {
  switch (spec.distribution) {
    case "constant":
      return spec.value;
    case "uniform":
      return (spec.min + spec.max) / 2;
    case "exponential":
    case "normal":
      return spec.mean;
    case "lognormal":
      return spec.median * Math.exp((spec.sigma * spec.sigma) / 2);
    case "pareto":
      return spec.shape <= 1 ? Infinity : (spec.shape * spec.scale) / (spec.shape - 1);
    case "empirical":
      return spec.samples.reduce((sum, x) => sum + x, 0) / spec.samples.length;
  }
}

/**
 * The variance of a distribution spec, in ns² (Infinity where it does not exist).
 *
 * @example
 * distributionVariance({ distribution: "exponential", mean: 2 }) // => 4
 */
export function distributionVariance(spec: DurationDistributionSpec): number {
  switch (spec.distribution) {
    case "constant":
      return 0;
    case "uniform":
      return (spec.max - spec.min) ** 2 / 12;
    case "exponential":
      return spec.mean ** 2;
    case "normal":
      return spec.sd ** 2;
    case "lognormal": {
      const s2 = spec.sigma * spec.sigma;
      return (Math.exp(s2) - 1) * spec.median ** 2 * Math.exp(s2);
    }
    case "pareto":
      return spec.shape <= 2 ? Infinity : (spec.scale ** 2 * spec.shape) / ((spec.shape - 1) ** 2 * (spec.shape - 2));
    case "empirical": {
      const mean = distributionMean(spec);
      return spec.samples.reduce((sum, x) => sum + (x - mean) ** 2, 0) / spec.samples.length;
    }
  }
}
