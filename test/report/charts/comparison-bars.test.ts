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

  const banded = [
    { strategy: "lazy", metric: "tts", unit: "s", value: 51.7, lower: 45, upper: 60 },
    { strategy: "profile", metric: "tts", unit: "s", value: 43.7, lower: 41.2, upper: 47.9 },
    { strategy: "lazy", metric: "cpu", unit: "fraction", value: 0.5 },
  ];

  it("comparisonBars(banded rows) adds a model-band error-bar layer, named in the subtitle, for the banded rows only", async () => {
    const spec = comparisonBars(banded);
    expect(spec.title).toEqual({ text: "Strategies compared", subtitle: "black error bars: model band (the replay's lower and upper readings)" });
    const layers = (spec as unknown as { spec: { layer: { mark: { type: string } ; encoding: Record<string, { field?: string }> }[] } }).spec.layer;
    expect(layers.map((layer) => layer.mark.type)).toEqual(["bar", "point", "errorbar", "text"]);
    expect([layers[2].encoding.y.field, layers[2].encoding.y2.field]).toEqual(["bandLow", "bandHigh"]);
    const values = (spec.data as { values: Record<string, unknown>[] }).values;
    expect(values[0]).toEqual({ strategy: "lazy", panel: "tts (s)", value: 51.7, bandLow: 45, bandHigh: 60, banded: 1, labelAt: 60, headroom: 60 * 1.3 });
    expect(values[2]).toEqual({ strategy: "lazy", panel: "cpu (fraction)", value: 0.5, bandLow: 0.5, bandHigh: 0.5, banded: 0, labelAt: 0.5, headroom: 0.5 * 1.3 });
    expect(compileChart(spec).warnings).toEqual([]);
    const svg = await renderClean(spec);
    expect(svg).toBe(await renderClean(comparisonBars(banded)));
    expect(countMarks(svg, "bar")).toBe(3);
    expect(svg).toContain("model band");
  });

  it("comparisonBars(rows with a 95% CI) adds a grey CI error-bar layer and names it in the subtitle; a colour legend names every strategy; values from 10,000 up print SI-prefixed", async () => {
    const ci = [
      { strategy: "lru", metric: "bytes", unit: "MiB", value: 16_380, ciLow: 16_000, ciHigh: 16_700 },
      { strategy: "arc", metric: "bytes", unit: "MiB", value: 352, ciLow: 340, ciHigh: 360 },
    ];
    const spec = comparisonBars(ci);
    expect(spec.title).toEqual({ text: "Strategies compared", subtitle: "grey error bars: 95% confidence interval over replications" });
    const layers = (spec as unknown as { spec: { layer: { mark: { type: string } }[] } }).spec.layer;
    expect(layers.map((layer) => layer.mark.type)).toEqual(["bar", "point", "errorbar", "text"]);
    expect(compileChart(spec).warnings).toEqual([]);
    const svg = await renderClean(spec);
    expect(svg).toContain(">16.4k</text>");
    expect(svg).toContain(">352</text>");
    for (const name of ["Strategy", "lru", "arc"]) expect(svg).toContain(`>${name}</text>`);
  });

  it("comparisonBars(unbanded rows) keeps the plain title and three layers", () => {
    const spec = comparisonBars(rows);
    expect(spec.title).toBe("Strategies compared");
    expect((spec as unknown as { spec: { layer: unknown[] } }).spec.layer).toHaveLength(3);
  });
});
