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
    expect(values).toHaveLength(15);
    expect(values.slice(0, 3)).toEqual([
      { kind: "latency", timeS: 0, percentile: "p50", latencyMs: 1, segment: 0 },
      { kind: "latency", timeS: 0, percentile: "p95", latencyMs: 5, segment: 0 },
      { kind: "latency", timeS: 0, percentile: "p99", latencyMs: 9, segment: 0 },
    ]);
    expect(values[12]).toEqual({ kind: "mark", timeS: 5, label: "power-on" });
    expect(compileChart(spec).warnings).toEqual([]);
  });

  it("latencyOverTime(rows, 3 marks) renders 3 percentile lines, 3 phase rules and their labels", async () => {
    const svg = await renderClean(latencyOverTime(rows, marks));
    expect(countMarks(svg, "line mark")).toBe(3);
    expect(countMarks(svg, "rule mark")).toBe(3);
    expect(countMarks(svg, "text mark")).toBe(3);
    for (const { label } of marks) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain(">Latency (ms, log scale)</text>");
    expect(svg).toContain(">Time (s)</text>");
  });

  it("latencyOverTime(rows of 2 variants, marks) draws one panel per variant on one log latency scale, each panel its own time axis, and leaves out windows without reads (0 ms)", async () => {
    const two = [...rows.map((r) => ({ ...r, variant: "lazy" })), ...rows.map((r) => ({ ...r, timeS: r.timeS * 10, variant: "profile" })), { timeS: 40, p50Ms: 0, p95Ms: 0, p99Ms: 0, variant: "lazy" }];
    const spec = latencyOverTime(two, [...marks.map((m) => ({ ...m, variant: "lazy" })), { timeS: 150, label: "service ready", variant: "profile" }]);
    expect((latencyOverTime(two, marks.map((m) => ({ ...m, variant: "lazy" }))) as { spec: { layer: unknown[] } }).spec.layer).toHaveLength(1); // a panel without marks: none drawn
    expect((spec as { facet?: unknown }).facet).toEqual({ field: "variant", type: "nominal", title: null, sort: ["lazy", "profile"] });
    expect((spec as { resolve?: unknown }).resolve).toEqual({ scale: { x: "independent" } });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(2 * 12 + 4);
    expect(compileChart(spec).warnings).toEqual([]);
    const svg = await renderClean(spec);
    expect(countMarks(svg, "line mark")).toBe(6);
    expect(countMarks(svg, "rule mark")).toBe(4);
    for (const panel of ["lazy", "profile"]) expect(svg).toContain(`>${panel}</text>`);
  });

  it("latencyOverTime(rows with a missing window) breaks each percentile's line there: 2 paths per percentile, not one across the gap", async () => {
    const gappy = [0, 10, 40, 50].map((timeS) => ({ timeS, p50Ms: 1, p95Ms: 5, p99Ms: 9 }));
    const values = (latencyOverTime(gappy, []).data as { values: { segment: number }[] }).values;
    expect(values.map((v) => v.segment)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(countMarks(await renderClean(latencyOverTime(gappy, [])), "line mark")).toBe(6);
  });

  it("latencyOverTime(rows, []) draws the lines alone", async () => {
    const svg = await renderClean(latencyOverTime(rows, []));
    expect(countMarks(svg, "line mark")).toBe(3);
    expect(countMarks(svg, "rule mark")).toBe(0);
  });
});
