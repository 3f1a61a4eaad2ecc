import { describe, expect, it } from "vitest";
import { bandCells, bandLayer, bandTitle, MODEL_BAND_SUBTITLE } from "../../../src/report/charts/model-band.ts";

describe("model band", () => {
  it("bandCells() gives the band and banded 1, or a zero-length band at the value and banded 0", () => {
    expect(bandCells(43.7, 41.2, 47.9)).toEqual({ bandLow: 41.2, bandHigh: 47.9, banded: 1 });
    expect(bandCells(0.5)).toEqual({ bandLow: 0.5, bandHigh: 0.5, banded: 0 });
    expect(bandCells(2, 1)).toEqual({ bandLow: 2, bandHigh: 2, banded: 0 });
  });

  it("bandLayer() draws black error bars from bandLow to bandHigh, transparent where banded is 0", () => {
    const layer = bandLayer({ field: "strategy", type: "nominal" }, "s", { xOffset: { field: "v" } }) as { mark: object; encoding: Record<string, unknown> };
    expect(layer.mark).toEqual({ type: "errorbar", ticks: true, size: 14, thickness: 1.5, color: "black" });
    expect(layer.encoding).toEqual({
      x: { field: "strategy", type: "nominal" },
      y: { field: "bandLow", type: "quantitative", title: "s" },
      y2: { field: "bandHigh" },
      opacity: { condition: { test: "datum.banded === 0", value: 0 }, value: 0.7 },
      xOffset: { field: "v" },
    });
    expect(bandTitle("Metrics")).toEqual({ text: "Metrics", subtitle: MODEL_BAND_SUBTITLE });
  });
});
