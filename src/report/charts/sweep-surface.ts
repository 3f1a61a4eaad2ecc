/** A parameter sweep: mean response with its confidence band, one line per series. */
import type { TopLevelSpec } from "vega-lite";
import { chartSize, COUNT_AXIS, distinct, pickRows, topLevel, type ChartOptions } from "./common.ts";

/** The summary of one sweep point across replications. */
export interface SweepRow {
  /** The swept parameter's value, in the unit named by `xTitle`. */
  x: number;
  mean: number;
  /** Confidence interval bounds of the mean, in the unit of `mean`. */
  ciLow: number;
  ciHigh: number;
  series: string;
}

export interface SweepOptions extends ChartOptions {
  /** Axis titles with units, e.g. "Cache size (GiB)", "TTS (s)". */
  xTitle: string;
  yTitle: string;
  /** The x values are counts (media agents, VSAs): ticks on whole numbers only. */
  integerX?: boolean;
  /** The y values are counts: ticks on whole numbers only. */
  integerY?: boolean;
  /** Where the colour legend goes: right of the plot (default) or under it, across its width. */
  legendOrient?: "right" | "bottom";
}

/**
 * A translucent confidence band per series, the mean as a line with points on top.
 *
 * @example
 * const spec = sweepSurface([{ x: 1, mean: 2, ciLow: 1.5, ciHigh: 2.5, series: "lru" }], { xTitle: "Size (GiB)", yTitle: "TTS (s)" });
 * spec.title // => "TTS by Size (GiB)" // the y title without its unit
 * const counts = sweepSurface([{ x: 2, mean: 4, ciLow: 4, ciHigh: 4, series: "plan" }], { xTitle: "Media agents", yTitle: "VSAs", integerX: true });
 * JSON.stringify(counts).includes('"axis":{"tickMinStep":1,"format":"d"}') // => true
 * sweepSurface([], { xTitle: "x", yTitle: "y", legendOrient: "bottom" }).layer[0].encoding.color.legend
 * // => { labelLimit: 0, symbolOpacity: 1, orient: "bottom", direction: "vertical" }
 */
export function sweepSurface(rows: readonly SweepRow[], options: SweepOptions): TopLevelSpec {
  const x = { field: "x", type: "quantitative", title: options.xTitle, ...(options.integerX ? { axis: COUNT_AXIS } : {}) };
  const yAxis = options.integerY ? { axis: COUNT_AXIS } : {};
  // Full labels (no "…" cut at vega's default 160 px) and opaque symbols (not the band's 20%).
  const legend = { labelLimit: 0, symbolOpacity: 1, ...(options.legendOrient === "bottom" ? { orient: "bottom", direction: "vertical" } : {}) };
  const color = { field: "series", type: "nominal", title: "Series", scale: { domain: distinct(rows, "series") }, legend };
  const title = options.title ?? `${options.yTitle.replace(/ \(.*\)$/, "")} by ${options.xTitle}`;
  return topLevel(title, pickRows(rows, ["x", "mean", "ciLow", "ciHigh", "series"]), {
    ...chartSize,
    layer: [
      {
        mark: { type: "errorband", opacity: 0.2 },
        encoding: { x, y: { field: "ciLow", type: "quantitative", title: options.yTitle, ...yAxis }, y2: { field: "ciHigh" }, color },
      },
      {
        mark: { type: "line", point: { size: 30 }, strokeWidth: 2 },
        encoding: { x, y: { field: "mean", type: "quantitative", title: options.yTitle, ...yAxis }, color },
      },
    ],
  });
}
