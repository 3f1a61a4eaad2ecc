import { describe, expect, it } from "vitest";
import { hitRatioOverTime } from "../../../src/report/charts/hit-ratio-over-time.ts";
import { countMarks, encodingOf, renderClean } from "./svg-marks.ts";

const times = [0, 60, 120, 180];

describe("hitRatioOverTime", () => {
  it("hitRatioOverTime(rows without series) renders one line over a 0–100% axis", async () => {
    const spec = hitRatioOverTime(times.map((timeS, i) => ({ timeS, hitRatio: i / 4 })));
    const encoding = encodingOf(spec);
    expect(encoding.y).toMatchObject({ title: "Hit ratio (%)", scale: { domain: [0, 1] }, axis: { format: ".0%" } });
    expect(encoding.color).toBeUndefined();
    const svg = await renderClean(spec);
    expect(countMarks(svg, "line mark")).toBe(1);
    expect(svg).toContain(">100%</text>");
  });

  it("hitRatioOverTime(rows of 2 series) renders a line per series", async () => {
    const rows = ["warm", "cold"].flatMap((series) => times.map((timeS) => ({ timeS, hitRatio: 0.5, series })));
    expect(encodingOf(hitRatioOverTime(rows)).color.scale).toEqual({ domain: ["warm", "cold"] });
    expect(countMarks(await renderClean(hitRatioOverTime(rows)), "line mark")).toBe(2);
  });

  it("hitRatioOverTime(rows with windows missing) leaves a gap where a series had no requests: 3 line paths for 2 series, one broken once", async () => {
    const rows = [
      ...[8, 9, 10, 27, 28].map((timeS) => ({ timeS, hitRatio: 0.9, series: "lazy" })),
      ...[8, 9, 10, 11].map((timeS) => ({ timeS, hitRatio: 1, series: "profile" })),
    ];
    const spec = hitRatioOverTime(rows);
    expect(encodingOf(spec).detail).toEqual({ field: "segment", type: "nominal" });
    expect((spec.data as { values: { segment: number }[] }).values.map((v) => v.segment)).toEqual([0, 0, 0, 1, 1, 0, 0, 0, 0]);
    expect(countMarks(await renderClean(spec), "line mark")).toBe(3);
  });

  it("hitRatioOverTime(rows, { title }) uses the given title", () => {
    expect(hitRatioOverTime([{ timeS: 0, hitRatio: 1 }], { title: "Run 7" }).title).toBe("Run 7");
  });
});
