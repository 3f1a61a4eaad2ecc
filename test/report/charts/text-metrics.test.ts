import { describe, expect, it } from "vitest";
import { dejaVuWidth, textItemWidth } from "../../../src/report/charts/text-metrics.ts";

describe("text-metrics", () => {
  it("dejaVuWidth(text, size) sums DejaVu Sans advance widths", () => {
    expect(dejaVuWidth("0", 10)).toBe((1303 / 2048) * 10);
    expect(dejaVuWidth("lru", 11)).toBeCloseTo(((569 + 842 + 1298) / 2048) * 11, 12);
    expect(dejaVuWidth("W", 10, true)).toBe((2259 / 2048) * 10);
    expect(dejaVuWidth("é", 10)).toBe((1298 / 2048) * 10);
  });

  it("textItemWidth(item, text) trims, reads weight and size, and caps at the limit", () => {
    expect(textItemWidth({ fontSize: 10 }, " 0 ")).toBe(dejaVuWidth("0", 10));
    expect(textItemWidth({}, "0")).toBe(dejaVuWidth("0", 11));
    expect(textItemWidth({ fontSize: 12, fontWeight: "bold" }, "Policy")).toBe(dejaVuWidth("Policy", 12, true));
    expect(textItemWidth({ fontSize: 12, fontWeight: 700 }, "Policy")).toBe(dejaVuWidth("Policy", 12, true));
    expect(textItemWidth({ fontSize: 12, limit: 20 }, "a long axis label")).toBe(20);
    expect(textItemWidth({ fontSize: 12 }, null)).toBe(0);
  });
});
