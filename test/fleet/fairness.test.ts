import { describe, expect, it } from "vitest";
import { jainIndex, maxOverMean, mean, quantile } from "../../src/fleet/fairness.ts";

describe("fairness", () => {
  it("jainIndex(equal loads) is 1 for a perfectly balanced estate", () => {
    expect(jainIndex([7e9, 7e9, 7e9, 7e9])).toBe(1);
  });

  it("jainIndex([1, 2, 3]) is the closed form (Σx)²/(n·Σx²) = 36/42", () => {
    expect(jainIndex([1, 2, 3])).toBeCloseTo(36 / 42, 15);
    expect(jainIndex([4, 0, 0, 0])).toBe(0.25);
    expect(jainIndex([])).toBe(1);
  });

  it("maxOverMean([1, 2, 3]) is 1.5; mean and type-7 quantiles", () => {
    expect(maxOverMean([1, 2, 3])).toBe(1.5);
    expect(mean([1, 2, 6])).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85, 12);
  });
});
