import { describe, expect, it } from "vitest";
import { formatBanded, formatNumber, textTable } from "../../src/cli/format.ts";

describe("format", () => {
  it("textTable() aligns columns and right-aligns numbers", () => {
    expect(textTable(["name", "n"], [["a", 1], ["bbb", 100]])).toBe("name    n\na       1\nbbb   100");
  });
  it("formatNumber() keeps 4 significant digits", () => {
    expect(formatNumber(3.14159)).toBe("3.142");
    expect(formatNumber(4000.4)).toBe("4000");
    expect(formatNumber(1.23e-5)).toBe("1.230e-5");
    expect(formatNumber(undefined)).toBe("");
  });
  it("formatBanded() puts the model band in brackets after the value, or leaves the value alone", () => {
    expect(formatBanded("43.72", { lower: 41.2345, upper: 47.9 })).toBe("43.72 [41.23–47.9]");
    expect(formatBanded("43.72 ± 0.5", { lower: 1.23e-5, upper: 2 })).toBe("43.72 ± 0.5 [1.230e-5–2]");
    expect(formatBanded("0.5", {})).toBe("0.5");
  });
});
