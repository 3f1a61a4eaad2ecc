import * as d from "./distributions.ts";
import type { Distribution } from "./distributions.ts";

/**
 * A distribution as plain data (what scenario files and options objects hold). Units are the
 * caller's (rtolab passes nanoseconds for times).
 */
export type DistributionSpec =
  | { kind: "constant"; value: number }
  | { kind: "uniform"; low: number; high: number }
  | { kind: "exponential"; mean: number }
  | { kind: "normal"; mean: number; sd: number }
  | { kind: "lognormal"; mu: number; sigma: number }
  | { kind: "lognormalMoments"; mean: number; cv: number }
  | { kind: "pareto"; scale: number; shape: number }
  | { kind: "zipf"; n: number; s: number }
  | { kind: "empirical"; samples: number[] }
  | { kind: "histogram"; edges: number[]; weights: number[] };

/** The `kind` names `makeDistribution` accepts. */
export const DISTRIBUTION_KINDS = [
  "constant", "uniform", "exponential", "normal", "lognormal", "lognormalMoments", "pareto", "zipf", "empirical", "histogram",
] as const;

/**
 * Builds the distribution a spec describes; a `Distribution` passes through unchanged.
 * Throws an Error naming the valid kinds for an unknown kind.
 *
 * @example
 * makeDistribution({ kind: "exponential", mean: 1_000_000 }).mean // => 1000000
 */
export function makeDistribution(spec: DistributionSpec | Distribution): Distribution {
  if ("sample" in spec) return spec;
  switch (spec.kind) {
    case "constant": return d.constant(spec.value);
    case "uniform": return d.uniform(spec.low, spec.high);
    case "exponential": return d.exponential(spec.mean);
    case "normal": return d.normal(spec.mean, spec.sd);
    case "lognormal": return d.lognormal(spec.mu, spec.sigma);
    case "lognormalMoments": return d.lognormalFromMoments(spec.mean, spec.cv);
    case "pareto": return d.pareto(spec.scale, spec.shape);
    case "zipf": return d.zipf(spec.n, spec.s);
    case "empirical": return d.empirical(spec.samples);
    case "histogram": return d.histogram(spec.edges, spec.weights);
    default: {
      const kind = (spec as { kind: unknown }).kind;
      throw new Error(`distribution.kind requires one of ${DISTRIBUTION_KINDS.join(", ")}, got ${String(kind)}`);
    }
  }
}
