/** Strategies side by side on several metrics, one panel per metric. */
import type { TopLevelSpec } from "vega-lite";
import { distinct, topLevel, type ChartOptions, type ChartRow } from "./common.ts";

/** One metric of one strategy. */
export interface ComparisonRow {
  strategy: string;
  metric: string;
  value: number;
  /** Unit of `value`, shown in the panel header as "metric (unit)". */
  unit?: string;
}

/**
 * A bar per strategy in one panel per metric (panels wrap after three, each with its own y
 * scale since metrics differ in unit), the value printed above each bar.
 *
 * @example
 * comparisonBars([{ strategy: "instant", metric: "TTS", value: 42, unit: "s" }]).title
 * // => "Strategies compared"
 */
export function comparisonBars(rows: readonly ComparisonRow[], options: ChartOptions = {}): TopLevelSpec {
  const values: ChartRow[] = rows.map((row) => ({
    strategy: row.strategy,
    panel: row.unit ? `${row.metric} (${row.unit})` : row.metric,
    value: row.value,
    // An invisible point 12% above each bar stretches the y scale so the value label stays inside
    // the panel; labels poking out above would shift that panel's header out of line.
    headroom: row.value * 1.12,
  }));
  const strategies = distinct(rows, "strategy");
  const x = { field: "strategy", type: "nominal", title: "Strategy", sort: strategies, axis: { labelAngle: 0 } };
  // The panel header names metric and unit, so the y axis needs no title of its own.
  const y = { field: "value", type: "quantitative", title: null };
  return topLevel(options.title ?? "Strategies compared", values, {
    facet: { field: "panel", type: "nominal", title: null, sort: distinct(values, "panel") },
    columns: 3,
    spacing: { column: 32, row: 24 },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 200,
      height: 200,
      layer: [
        { mark: { type: "bar" }, encoding: { x, y, color: { field: "strategy", type: "nominal", legend: null, scale: { domain: strategies } } } },
        { mark: { type: "point", opacity: 0 }, encoding: { x, y: { field: "headroom", type: "quantitative" } } },
        { mark: { type: "text", baseline: "bottom", dy: -3, fontSize: 10 }, encoding: { x, y, text: { field: "value", type: "quantitative", format: ".3~g" } } },
      ],
    },
  });
}
