import { describe, expect, it } from "vitest";
import { ciDecimals, formatWithCi, roundTo } from "../../src/metrics/precision.ts";

describe("precision", () => {
  it("ciDecimals(value, halfWidth) keeps two digits of a half-width led by 1–3, one otherwise", () => {
    expect(ciDecimals(4.037, 0.06546)).toBe(2);
    expect(ciDecimals(4.037, 0.0346)).toBe(3);
    expect(ciDecimals(4.037, 0.01)).toBe(3);
    expect(ciDecimals(200000, 140.3)).toBe(-1);
    expect(ciDecimals(12345, 340)).toBe(-1);
    expect(ciDecimals(12345, 900)).toBe(-2);
  });

  it("ciDecimals() treats a zero, non-finite or rounding-noise half-width as exact", () => {
    expect(ciDecimals(3.2, 0)).toBeUndefined();
    expect(ciDecimals(3.2, 6.9e-15)).toBeUndefined();
    expect(ciDecimals(3.2, Number.NaN)).toBeUndefined();
    expect(ciDecimals(0, 1e-12)).toBe(13);
  });

  it("roundTo(x, decimals) rounds to places or to tens and hundreds, without a negative zero", () => {
    expect(roundTo(4.03712, 3)).toBe("4.037");
    expect(roundTo(12345, -1)).toBe("12350");
    expect(roundTo(-0.0004, 2)).toBe("0.00");
    expect(roundTo(-40, -2)).toBe("0");
  });

  it("formatWithCi(value, halfWidth) rounds both to the interval's precision", () => {
    expect(formatWithCi(4.03712, 0.06546)).toEqual({ value: "4.04", halfWidth: "0.07" });
    expect(formatWithCi(125000, 140.3)).toEqual({ value: "125000", halfWidth: "140" });
    expect(formatWithCi(-2.0000000000000004, 6.9e-15)).toEqual({ value: "-2", halfWidth: "0" });
  });
});
