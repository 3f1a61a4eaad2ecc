/**
 * The model band drawn on charts: a replay-derived time's lower and upper readings (docs/replay.md)
 * as black error bars, distinct from the CI bands of the sweep surfaces, and named in the
 * chart's subtitle.
 */
import type { ChartRow } from "./common.ts";

/** The subtitle of a chart that draws model bands. */
export const MODEL_BAND_SUBTITLE = "black error bars: model band (the replay's lower and upper readings)";

/**
 * A top-level title with the model-band subtitle.
 *
 * @example
 * bandTitle("Metrics by variant").subtitle // => "black error bars: model band (the replay's lower and upper readings)"
 */
export function bandTitle(text: string): { text: string; subtitle: string } {
  return { text, subtitle: MODEL_BAND_SUBTITLE };
}

/**
 * The band cells of a chart row. A row without a band gets a zero-length one at its value and
 * `banded: 0`, so its error bar is drawn transparent: filtering such rows out instead would leave
 * a panel with no band at all an empty (infinite) band extent.
 *
 * @example
 * bandCells(43.7, 41.2, 47.9) // => { bandLow: 41.2, bandHigh: 47.9, banded: 1 }
 * bandCells(0.5) // => { bandLow: 0.5, bandHigh: 0.5, banded: 0 }
 */
export function bandCells(value: number, lower?: number, upper?: number): ChartRow {
  return lower === undefined || upper === undefined ? { bandLow: value, bandHigh: value, banded: 0 } : { bandLow: lower, bandHigh: upper, banded: 1 };
}

/**
 * An error-bar layer over the {@link bandCells} of the rows at the given x encoding, transparent
 * for rows without a band. `yTitle` should be the other layers' y title (the band is in their
 * unit); `extra` adds encodings such as an xOffset.
 *
 * @example
 * bandLayer({ field: "strategy", type: "nominal" }).mark // => { type: "errorbar", ticks: true, size: 14, thickness: 1.5, color: "black" }
 */
export function bandLayer(x: object, yTitle: string | null = null, extra: object = {}): { mark: object; encoding: object } {
  return {
    mark: { type: "errorbar", ticks: true, size: 14, thickness: 1.5, color: "black" },
    encoding: {
      x,
      y: { field: "bandLow", type: "quantitative", title: yTitle },
      y2: { field: "bandHigh" },
      opacity: { condition: { test: "datum.banded === 0", value: 0 }, value: 0.7 },
      ...extra,
    },
  };
}
