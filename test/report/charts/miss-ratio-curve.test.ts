import { describe, expect, it } from "vitest";
import { missRatioCurve } from "../../../src/report/charts/miss-ratio-curve.ts";
import { compileChart } from "../../../src/report/charts/render.ts";
import { countMarks, encodingOf, renderClean } from "./svg-marks.ts";

const rows = ["lru", "arc"].flatMap((policy, p) =>
  [1, 2, 4].map((size) => ({ policy, size, missRatio: 0.9 - 0.1 * size - 0.05 * p })),
);

describe("missRatioCurve", () => {
  it("missRatioCurve(rows, { sizeUnit }) inlines the rows and titles the axes with units", () => {
    const spec = missRatioCurve(rows, { sizeUnit: "GiB" });
    expect(spec.title).toBe("Miss ratio by cache size");
    expect((spec.data as { values: unknown[] }).values).toEqual(rows);
    const encoding = encodingOf(spec);
    expect(encoding.x.title).toBe("Cache size (GiB)");
    expect(encoding.y.title).toBe("Miss ratio (%)");
    expect(encoding.color.scale).toEqual({ domain: ["lru", "arc"] });
  });

  it("missRatioCurve(rows, { sizeScale: 'log' }) ticks the log axis at the measured sizes", () => {
    const encoding = encodingOf(missRatioCurve(rows, { sizeUnit: "GiB", sizeScale: "log" }));
    expect(encoding.x.scale).toEqual({ type: "log", nice: false });
    expect(encoding.x.axis).toEqual({ values: [1, 2, 4] });
  });

  it("missRatioCurve(2 policies × 3 sizes) renders 2 line paths and 6 points, without warnings", async () => {
    const spec = missRatioCurve(rows, { sizeUnit: "GiB" });
    expect(compileChart(spec).warnings).toEqual([]);
    const svg = await renderClean(spec);
    expect(countMarks(svg, "line mark")).toBe(2);
    expect((svg.match(/class="mark-line role-mark/g) ?? []).length).toBe(2);
    expect(countMarks(svg, "point")).toBe(6);
    // Each line passes through its 3 points: one move and two line-to commands.
    const paths = [...svg.matchAll(/aria-roledescription="line mark" d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths.map((d) => (d.match(/[ML]/g) ?? []).join(""))).toEqual(["MLL", "MLL"]);
  });

  it("missRatioCurve() keeps the policies' first-seen order in the legend", async () => {
    const svg = await renderClean(missRatioCurve(rows, { sizeUnit: "GiB" }));
    const labels = [...svg.matchAll(/role-legend-label[^>]*><text[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(["lru", "arc"]);
  });
});
