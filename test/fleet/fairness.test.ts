import { describe, expect, it } from "vitest";
import { jainIndex, maxOverMean } from "../../src/fleet/fairness.ts";

describe("fairness", () => {
  it("jainIndex(equal loads) is 1 for a perfectly balanced estate", () => {
    expect(jainIndex([7e9, 7e9, 7e9, 7e9])).toBe(1);
  });

  it("jainIndex([1, 2, 3]) is the closed form (Σx)²/(n·Σx²) = 36/42", () => {
    expect(jainIndex([1, 2, 3])).toBeCloseTo(36 / 42, 15);
    expect(jainIndex([4, 0, 0, 0])).toBe(0.25);
    expect(jainIndex([])).toBe(1);
  });

  it("maxOverMean([1, 2, 3]) is 1.5; 1 for nothing or all zeros", () => {
    expect(maxOverMean([1, 2, 3])).toBe(1.5);
    expect(maxOverMean([])).toBe(1);
    expect(maxOverMean([0, 0])).toBe(1);
  });
});
