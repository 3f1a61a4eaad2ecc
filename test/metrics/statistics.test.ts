import { describe, expect, it } from "vitest";
import { mean, quantile, quantileOfSorted } from "../../src/metrics/statistics.ts";

describe("mean", () => {
  it("is the arithmetic mean; NaN for no values", () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([5])).toBe(5);
    expect(mean([])).toBeNaN();
  });
});

describe("quantile (Hyndman–Fan type 7)", () => {
  it("interpolates between order statistics at h = (n − 1)p, as R's quantile() and numpy.percentile()", () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85, 12);
    // R: quantile(c(3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20), c(0.25, 0.9)) => 7.5, 16
    expect(quantile([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.25)).toBe(7.5);
    expect(quantile([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.9)).toBe(16);
    // numpy.percentile([10, 20, 30, 40, 50], 95) => 48.0
    expect(quantile([50, 10, 40, 20, 30], 0.95)).toBeCloseTo(48, 12);
  });

  it("is the minimum at p = 0, the maximum at p = 1, the value itself for one value; NaN for none", () => {
    expect(quantile([7, 3, 9], 0)).toBe(3);
    expect(quantile([7, 3, 9], 1)).toBe(9);
    expect(quantile([42], 0.95)).toBe(42);
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantile([1, Infinity], 1)).toBe(Infinity);
  });

  it("differs from nearest rank (what restore's ttsP95 used before): 20 values, p95", () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    // Nearest rank: the ⌈0.95·20⌉ = 19th value, 19. Type 7: h = 19·0.95 = 18.05 → 19.05.
    expect(quantile(values, 0.95)).toBeCloseTo(19.05, 12);
  });

  it("does not modify its input; quantileOfSorted takes a sorted copy as is", () => {
    const values = [3, 1, 2];
    expect(quantile(values, 0.5)).toBe(2);
    expect(values).toEqual([3, 1, 2]);
    expect(quantileOfSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
  });

  it("rejects p outside [0, 1] (a programming error)", () => {
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], Number.NaN)).toThrow("a quantile's p is in [0, 1], got NaN");
  });
});
