import { describe, expect, it } from "vitest";
import { latencyOverTime } from "../../../src/report/charts/latency-over-time.ts";
import { compileChart } from "../../../src/report/charts/render.ts";
import { countMarks, renderClean } from "./svg-marks.ts";

const rows = [0, 10, 20, 30].map((timeS) => ({ timeS, p50Ms: 1 + timeS / 10, p95Ms: 5 + timeS / 10, p99Ms: 9 + timeS / 10 }));
const marks = [
  { timeS: 5, label: "power-on" },
  { timeS: 15, label: "service ready" },
  { timeS: 25, label: "switch-over" },
];

describe("latencyOverTime", () => {
  it("latencyOverTime(rows, marks) reshapes rows into one value per time and percentile", () => {
    const spec = latencyOverTime(rows, marks);
    const values = (spec.data as { values: Record<string, unknown>[] }).values;
    expect(values).toHaveLength(12);
    expect(values.slice(0, 3)).toEqual([
      { timeS: 0, percentile: "p50", latencyMs: 1 },
      { timeS: 0, percentile: "p95", latencyMs: 5 },
      { timeS: 0, percentile: "p99", latencyMs: 9 },
    ]);
    expect(compileChart(spec).warnings).toEqual([]);
  });

  it("latencyOverTime(rows, 3 marks) renders 3 percentile lines, 3 phase rules and their labels", async () => {
    const svg = await renderClean(latencyOverTime(rows, marks));
    expect(countMarks(svg, "line mark")).toBe(3);
    expect(countMarks(svg, "rule mark")).toBe(3);
    expect(countMarks(svg, "text mark")).toBe(3);
    for (const { label } of marks) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain(">Latency (ms)</text>");
    expect(svg).toContain(">Time (s)</text>");
  });

  it("latencyOverTime(rows, []) draws the lines alone", async () => {
    const svg = await renderClean(latencyOverTime(rows, []));
    expect(countMarks(svg, "line mark")).toBe(3);
    expect(countMarks(svg, "rule mark")).toBe(0);
  });
});
