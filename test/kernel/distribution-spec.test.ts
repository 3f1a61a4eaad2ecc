import { describe, expect, it } from "vitest";
import { makeDistribution, type DistributionSpec } from "../../src/kernel/distribution-spec.ts";
import { constant } from "../../src/kernel/distributions.ts";

describe("makeDistribution", () => {
  it.each<[DistributionSpec, number]>([
    [{ kind: "constant", value: 5 }, 5],
    [{ kind: "uniform", low: 2, high: 4 }, 3],
    [{ kind: "exponential", mean: 1_000_000 }, 1_000_000],
    [{ kind: "normal", mean: 10, sd: 2 }, 10],
    [{ kind: "lognormal", mu: 0, sigma: 1 }, Math.exp(0.5)],
    [{ kind: "lognormalMoments", mean: 100, cv: 0.5 }, 100],
    [{ kind: "pareto", scale: 1, shape: 3 }, 1.5],
    [{ kind: "zipf", n: 3, s: 0 }, 2],
    [{ kind: "empirical", samples: [3, 5, 5] }, 13 / 3],
    [{ kind: "histogram", edges: [0, 10, 20], weights: [3, 1] }, 7.5],
  ])("makeDistribution(%o).mean is %d", (spec, mean) => {
    expect(makeDistribution(spec).mean).toBeCloseTo(mean, 9);
  });

  it("makeDistribution() passes a Distribution object through unchanged", () => {
    const dist = constant(1);
    expect(makeDistribution(dist)).toBe(dist);
  });

  it("makeDistribution() names the valid kinds for an unknown kind", () => {
    expect(() => makeDistribution({ kind: "gamma" } as unknown as DistributionSpec)).toThrow(
      "distribution.kind requires one of constant, uniform, exponential, normal, lognormal, lognormalMoments, pareto, zipf, empirical, histogram, got gamma",
    );
  });
});
