/** Strategies side by side on several metrics, one panel per metric. */
import type { TopLevelSpec } from "vega-lite";
import { distinct, topLevel, type ChartOptions, type ChartRow } from "./common.ts";
import { bandCells, bandLayer, bandTitle } from "./model-band.ts";

/** One metric of one strategy. */
export interface ComparisonRow {
  strategy: string;
  metric: string;
  value: number;
  /** Unit of `value`, shown in the panel header as "metric (unit)". */
  unit?: string;
  /** The value's model band, drawn as an error bar (and named in the subtitle) when present. */
  lower?: number;
  upper?: number;
}

/**
 * A bar per strategy in one panel per metric (panels wrap after three, each with its own y
 * scale since metrics differ in unit), the value printed above each bar. Rows with a model band
 * get a black error bar from `lower` to `upper`, the value label then above the band.
 *
 * @example
 * comparisonBars([{ strategy: "instant", metric: "TTS", value: 42, unit: "s" }]).title
 * // => "Strategies compared"
 */
export function comparisonBars(rows: readonly ComparisonRow[], options: ChartOptions = {}): TopLevelSpec {
  const banded = rows.some((row) => row.lower !== undefined && row.upper !== undefined);
  const values: ChartRow[] = rows.map((row) => {
    const top = Math.max(row.value, row.upper ?? row.value);
    return {
      strategy: row.strategy,
      panel: row.unit ? `${row.metric} (${row.unit})` : row.metric,
      value: row.value,
      ...(banded ? { ...bandCells(row.value, row.lower, row.upper), labelAt: top } : {}),
      // An invisible point 12% above each bar (or band) stretches the y scale so the value label
      // stays inside the panel; labels poking out above would shift that panel's header out of line.
      headroom: top * 1.12,
    };
  });
  const strategies = distinct(rows, "strategy");
  const x = { field: "strategy", type: "nominal", title: "Strategy", sort: strategies, axis: { labelAngle: 0 } };
  // The panel header names metric and unit, so the y axis needs no title of its own.
  const y = { field: "value", type: "quantitative", title: null };
  const title = options.title ?? "Strategies compared";
  const label = banded ? { field: "labelAt", type: "quantitative" } : y;
  return topLevel(title, values, {
    ...(banded ? { title: bandTitle(title) } : {}),
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
        ...(banded ? [bandLayer(x)] : []),
        { mark: { type: "text", baseline: "bottom", dy: -3, fontSize: 10 }, encoding: { x, y: label, text: { field: "value", type: "quantitative", format: ".3~g" } } },
      ],
    },
  });
}
