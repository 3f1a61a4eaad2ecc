import { describe, expect, it } from "vitest";
import { compileChart } from "../../../src/report/charts/render.ts";
import { sweepSurface } from "../../../src/report/charts/sweep-surface.ts";
import { countMarks, encodingOf, renderClean } from "./svg-marks.ts";

const rows = ["lru", "arc"].flatMap((series, s) =>
  [1, 2, 4, 8].map((x) => ({ x, series, mean: 100 / x + s, ciLow: 100 / x + s - 3, ciHigh: 100 / x + s + 3 })),
);
const titles = { xTitle: "Cache size (GiB)", yTitle: "Time to service (s)" };

describe("sweepSurface", () => {
  it("sweepSurface(rows, titles) layers a ciLow–ciHigh band under the mean line", () => {
    const spec = sweepSurface(rows, titles);
    expect(spec.title).toBe("Time to service by Cache size (GiB)");
    const band = encodingOf(spec, 0);
    expect(band.y.field).toBe("ciLow");
    expect(band.y2.field).toBe("ciHigh");
    expect(encodingOf(spec, 1).y).toMatchObject({ field: "mean", title: "Time to service (s)" });
    expect(compileChart(spec).warnings).toEqual([]);
  });

  it("sweepSurface(2 series × 4 points) renders 2 bands, 2 lines and 8 points", async () => {
    const svg = await renderClean(sweepSurface(rows, titles));
    expect(countMarks(svg, "errorband")).toBe(2);
    expect(countMarks(svg, "line mark")).toBe(2);
    expect(countMarks(svg, "point")).toBe(8);
  });
});
