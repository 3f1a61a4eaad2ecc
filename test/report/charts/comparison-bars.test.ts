import { describe, expect, it } from "vitest";
import { comparisonBars } from "../../../src/report/charts/comparison-bars.ts";
import { compileChart } from "../../../src/report/charts/render.ts";
import { countMarks, renderClean } from "./svg-marks.ts";

const rows = ["instant", "full"].flatMap((strategy, s) => [
  { strategy, metric: "TTS", unit: "s", value: 40 + 20 * s },
  { strategy, metric: "p99 latency", unit: "ms", value: 12 - s },
  { strategy, metric: "restarts", value: s },
]);

describe("comparisonBars", () => {
  it("comparisonBars(rows) names each panel 'metric (unit)' and gives each its own y scale", () => {
    const spec = comparisonBars(rows);
    const values = (spec.data as { values: Record<string, unknown>[] }).values;
    expect(values.map((v) => v.panel).slice(0, 3)).toEqual(["TTS (s)", "p99 latency (ms)", "restarts"]);
    expect((spec as { resolve?: unknown }).resolve).toEqual({ scale: { y: "independent" } });
    expect(compileChart(spec).warnings).toEqual([]);
  });

  it("comparisonBars(2 strategies × 3 metrics) renders 6 bars and 6 value labels in 3 panels", async () => {
    const svg = await renderClean(comparisonBars(rows));
    expect(countMarks(svg, "bar")).toBe(6);
    expect(countMarks(svg, "text mark")).toBe(6);
    for (const header of ["TTS (s)", "p99 latency (ms)", "restarts"]) expect(svg).toContain(`>${header}</text>`);
    expect(svg).toContain(">60</text>");
  });
});
