import { describe, expect, it } from "vitest";
import { hitRatioOverTime } from "../../../src/report/charts/hit-ratio-over-time.ts";
import { relocationProgress } from "../../../src/report/charts/relocation-progress.ts";
import { compileChart } from "../../../src/report/charts/render.ts";
import { utilisationOverTime } from "../../../src/report/charts/utilisation-over-time.ts";
import { countMarks, encodingOf, renderClean } from "./svg-marks.ts";

const times = [0, 60, 120, 180];

describe("hitRatioOverTime, relocationProgress, utilisationOverTime", () => {
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

  it("relocationProgress(rows of 3 strategies) renders 3 lines titled in percent copied", async () => {
    const rows = ["seq", "hot", "lazy"].flatMap((strategy, s) =>
      times.map((timeS) => ({ timeS, fractionCopied: Math.min(1, timeS / (100 * (s + 1))), strategy })),
    );
    const spec = relocationProgress(rows);
    expect(spec.title).toBe("Relocation progress");
    expect(encodingOf(spec).y.title).toBe("Copied (%)");
    expect(countMarks(await renderClean(spec), "line mark")).toBe(3);
  });

  it("utilisationOverTime(rows of 2 resources) renders a line per resource with 4 vertices each", async () => {
    const rows = ["ssd", "wan"].flatMap((resource) => times.map((timeS) => ({ timeS, utilisation: 0.25, resource })));
    const spec = utilisationOverTime(rows);
    expect(compileChart(spec).warnings).toEqual([]);
    const svg = await renderClean(spec);
    const paths = [...svg.matchAll(/aria-roledescription="line mark" d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths.map((d) => (d.match(/[ML]/g) ?? []).join(""))).toEqual(["MLLL", "MLLL"]);
    expect(svg).toContain(">Utilisation (%)</text>");
  });
});
