import { describe, expect, it } from "vitest";
import { durationDistributionSchema, toKernelSpec } from "../../src/scenario/distribution.ts";

describe("scenario distributions", () => {
  it("durationDistributionSchema reads times with units as integer ns and keeps shape parameters as numbers", () => {
    expect(durationDistributionSchema.parse({ distribution: "exponential", mean: "1ms" })).toEqual({ distribution: "exponential", mean: 1e6 });
    expect(durationDistributionSchema.parse({ distribution: "pareto", scale: "2us", shape: 2.5 })).toEqual({ distribution: "pareto", scale: 2000, shape: 2.5 });
    expect(durationDistributionSchema.parse({ distribution: "empirical", samples: ["1ms", "0.002s"] })).toEqual({ distribution: "empirical", samples: [1e6, 2e6] });
  });

  it("durationDistributionSchema refuses unknown distributions, unknown keys and out-of-range shapes", () => {
    expect(durationDistributionSchema.safeParse({ distribution: "gamma", mean: "1ms" }).success).toBe(false);
    expect(durationDistributionSchema.safeParse({ distribution: "exponential", mean: "1ms", rate: 3 }).success).toBe(false);
    expect(durationDistributionSchema.safeParse({ distribution: "lognormal", median: "1ms", sigma: -1 }).success).toBe(false);
    expect(durationDistributionSchema.safeParse({ distribution: "pareto", scale: "1ms", shape: 0 }).success).toBe(false);
    expect(durationDistributionSchema.safeParse({ distribution: "empirical", samples: [] }).success).toBe(false);
  });

  it("toKernelSpec() maps each scenario distribution to the kernel's; lognormal's median becomes mu = ln(median)", () => {
    expect(toKernelSpec({ distribution: "constant", value: 5 })).toEqual({ kind: "constant", value: 5 });
    expect(toKernelSpec({ distribution: "uniform", min: 1, max: 3 })).toEqual({ kind: "uniform", low: 1, high: 3 });
    expect(toKernelSpec({ distribution: "exponential", mean: 7 })).toEqual({ kind: "exponential", mean: 7 });
    expect(toKernelSpec({ distribution: "normal", mean: 10, sd: 2 })).toEqual({ kind: "normal", mean: 10, sd: 2 });
    expect(toKernelSpec({ distribution: "lognormal", median: Math.E ** 3, sigma: 0.5 })).toEqual({ kind: "lognormal", mu: 3, sigma: 0.5 });
    expect(toKernelSpec({ distribution: "pareto", scale: 4, shape: 2 })).toEqual({ kind: "pareto", scale: 4, shape: 2 });
    expect(toKernelSpec({ distribution: "empirical", samples: [1, 2] })).toEqual({ kind: "empirical", samples: [1, 2] });
  });
});
