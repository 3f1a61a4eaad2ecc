import { describe, expect, it } from "vitest";
import { mser5 } from "../../../src/lab/sweep/warmup.ts";

describe("mser5", () => {
  it("mser5(series) cuts a decaying start at the first stable batch", () => {
    const series = [9, 9, 9, 9, 9, 5, 5, 5, 5, 5, ...new Array<number>(20).fill(1)];
    expect(mser5(series)).toEqual({ truncate: 10, mean: 1, reliable: true });
  });

  it("mser5(series) keeps everything of a stationary series", () => {
    const series = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : 3));
    expect(mser5(series)).toEqual({ truncate: 0, mean: 2, reliable: true });
  });

  it("mser5(series) flags a series still trending at the half-way limit", () => {
    const series = Array.from({ length: 40 }, (_, i) => i);
    const result = mser5(series);
    expect(result.truncate).toBe(20);
    expect(result.reliable).toBe(false);
  });

  it("mser5(short series) throws", () => {
    expect(() => mser5([1, 2, 3])).toThrow("mser5 requires at least 10 observations, got 3");
  });
});
