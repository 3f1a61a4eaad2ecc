import { describe, expect, it } from "vitest";
import { chartConfig, distinct, pickRows, timeSeries, topLevel } from "../../../src/report/charts/common.ts";

describe("common", () => {
  it("pickRows(rows, fields) keeps only the named, defined fields", () => {
    const rows = [{ a: 1, b: undefined as string | undefined, c: 3 }, { a: 2, b: "x", c: 4 }];
    expect(pickRows(rows, ["a", "b"])).toEqual([{ a: 1 }, { a: 2, b: "x" }]);
  });

  it("distinct(rows, field) lists values in first-seen order, skipping missing ones", () => {
    expect(distinct([{ p: "lru" }, { p: "arc" }, {}, { p: "lru" }] as { p?: string }[], "p")).toEqual(["lru", "arc"]);
  });

  it("topLevel(title, values, view) adds schema, config and inlined data", () => {
    const spec = topLevel("T", [{ t: 1 }], { mark: "point" });
    expect(spec).toMatchObject({ $schema: "https://vega.github.io/schema/vega-lite/v6.json", title: "T", data: { values: [{ t: 1 }] }, mark: "point" });
    expect(spec.config).toEqual(chartConfig());
    expect(chartConfig().font).toBe("DejaVu Sans, sans-serif");
  });

  it("timeSeries(options) puts time in seconds on x and colours by the series field", () => {
    const spec = timeSeries({ title: "T", values: [], yField: "v", yTitle: "V (ms)", seriesField: "s", seriesOrder: ["b", "a"] });
    expect((spec as { encoding?: unknown }).encoding).toEqual({
      x: { field: "timeS", type: "quantitative", title: "Time (s)" },
      y: { field: "v", type: "quantitative", title: "V (ms)" },
      color: { field: "s", type: "nominal", title: "s", scale: { domain: ["b", "a"] } },
    });
  });
});
