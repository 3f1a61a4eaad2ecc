import { describe, expect, it } from "vitest";
import { confidenceInterval, studentTCdf, studentTQuantile } from "../../src/metrics/confidence.ts";

describe("confidence", () => {
  // Reference values from R's qt().
  it.each([
    [0.975, 1, 12.706204736174707],
    [0.975, 4, 2.7764451051977987],
    [0.975, 9, 2.2621571627982053],
    [0.975, 30, 2.0422724563012373],
    [0.995, 4, 4.6040948713499],
    [0.9, 2, 1.8856180831641267],
  ])("studentTQuantile(%d, %d) is %d to 1e-10", (p, df, expected) => {
    expect(Math.abs(studentTQuantile(p, df) - expected)).toBeLessThan(1e-10);
  });

  it("studentTQuantile() is antisymmetric and tends to the normal quantile", () => {
    expect(studentTQuantile(0.025, 9)).toBe(-studentTQuantile(0.975, 9));
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(Math.abs(studentTQuantile(0.975, 1e7) - 1.959963984540054)).toBeLessThan(1e-6);
  });

  it("studentTCdf(t, df) is 0.5 at 0 and inverts studentTQuantile", () => {
    expect(studentTCdf(0, 5)).toBe(0.5);
    expect(studentTCdf(studentTQuantile(0.9, 7), 7)).toBeCloseTo(0.9, 10);
  });

  it("confidenceInterval([1, 2, 3, 4, 5]) gives mean 3, sd 1.5811 and half-width t·sd/√n", () => {
    const ci = confidenceInterval([1, 2, 3, 4, 5]);
    expect(ci.n).toBe(5);
    expect(ci.mean).toBe(3);
    expect(ci.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(ci.halfWidth).toBeCloseTo((2.7764451051977987 * Math.sqrt(2.5)) / Math.sqrt(5), 10);
    expect(ci.low).toBeCloseTo(3 - ci.halfWidth, 14);
    expect(ci.high).toBeCloseTo(3 + ci.halfWidth, 14);
  });

  it("confidenceInterval() requires at least two values and a level in (0, 1)", () => {
    expect(() => confidenceInterval([1])).toThrow("confidenceInterval requires at least two values, got 1");
    expect(() => confidenceInterval([1, 2], 1)).toThrow("requires a level in (0, 1)");
    expect(() => studentTQuantile(1, 3)).toThrow("requires p in (0, 1)");
  });
});
