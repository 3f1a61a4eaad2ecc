/** Strategies side by side on several metrics, one panel per metric. */
import type { TopLevelSpec } from "vega-lite";
import { distinct, topLevel, type ChartOptions, type ChartRow } from "./common.ts";
import { bandCells, bandLayer, bandTitle } from "./model-band.ts";

/** The subtitle line of a chart that draws confidence intervals. */
export const CI_SUBTITLE = "grey error bars: 95% confidence interval over replications";

/** The CI error bars: grey, narrower than the model band's black ones. */
function ciLayer(x: object): { mark: object; encoding: object } {
  return {
    mark: { type: "errorbar", ticks: true, size: 8, thickness: 1.5, color: "#666666" },
    encoding: { x, y: { field: "ciLow", type: "quantitative", title: null }, y2: { field: "ciHigh" } },
  };
}

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
  /** The 95% confidence interval of `value` over replications (n ≥ 2), drawn as a grey error bar. */
  ciLow?: number;
  ciHigh?: number;
}

/**
 * The value label: 3 significant digits, and SI-prefixed from 10,000 up ("16.4k", not
 * "1.64e+4", which overlapped its neighbours); read vertically, so eight bars of a panel never
 * overlap their labels.
 */
const VALUE_LABEL = "abs(datum.value) >= 10000 ? format(datum.value, '.3~s') : format(datum.value, '.3~g')";

/**
 * A bar per strategy in one panel per metric (panels wrap after three, each with its own y
 * scale since metrics differ in unit), coloured by strategy with a legend naming each colour,
 * the value printed vertically above each bar. Rows with a model band get a black error bar from
 * `lower` to `upper`; rows with a confidence interval (n ≥ 2) a grey one from `ciLow` to
 * `ciHigh`; the value label then sits above both.
 *
 * @example
 * comparisonBars([{ strategy: "instant", metric: "TTS", value: 42, unit: "s" }]).title
 * // => "Strategies compared"
 */
export function comparisonBars(rows: readonly ComparisonRow[], options: ChartOptions = {}): TopLevelSpec {
  const banded = rows.some((row) => row.lower !== undefined && row.upper !== undefined);
  const withCi = rows.some((row) => row.ciLow !== undefined && row.ciHigh !== undefined && row.ciHigh > row.ciLow);
  const raised = banded || withCi;
  const values: ChartRow[] = rows.map((row) => {
    const top = Math.max(row.value, row.upper ?? row.value, withCi ? (row.ciHigh ?? row.value) : row.value);
    return {
      strategy: row.strategy,
      panel: row.unit ? `${row.metric} (${row.unit})` : row.metric,
      value: row.value,
      ...(banded ? bandCells(row.value, row.lower, row.upper) : {}),
      ...(withCi ? { ciLow: row.ciLow ?? row.value, ciHigh: row.ciHigh ?? row.value } : {}),
      ...(raised ? { labelAt: top } : {}),
      // An invisible point above each bar (or band) stretches the y scale so the vertical value
      // label stays inside the panel; labels poking out above would shift that panel's header.
      headroom: top * 1.3,
    };
  });
  const strategies = distinct(rows, "strategy");
  // The legend names the colours, so the x axis carries no labels (eight did not fit under a panel).
  const x = { field: "strategy", type: "nominal", title: null, sort: strategies, axis: { labels: false, ticks: false } };
  // The panel header names metric and unit, so the y axis needs no title of its own.
  const y = { field: "value", type: "quantitative", title: null };
  const title = options.title ?? "Strategies compared";
  const label = raised ? { field: "labelAt", type: "quantitative" } : y;
  const subtitle = [...(banded ? [bandTitle(title).subtitle] : []), ...(withCi ? [CI_SUBTITLE] : [])];
  return topLevel(title, values, {
    ...(subtitle.length > 0 ? { title: { text: title, subtitle: subtitle.length === 1 ? subtitle[0] : subtitle } } : {}),
    facet: { field: "panel", type: "nominal", title: null, sort: distinct(values, "panel") },
    columns: 3,
    spacing: { column: 32, row: 24 },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 200,
      height: 200,
      layer: [
        { mark: { type: "bar" }, encoding: { x, y, color: { field: "strategy", type: "nominal", title: "Strategy", scale: { domain: strategies }, legend: { orient: "top", columns: 4 } } } },
        { mark: { type: "point", opacity: 0 }, encoding: { x, y: { field: "headroom", type: "quantitative" } } },
        ...(banded ? [bandLayer(x)] : []),
        ...(withCi ? [ciLayer(x)] : []),
        {
          transform: [{ calculate: VALUE_LABEL, as: "valueLabel" }],
          mark: { type: "text", angle: 270, align: "left", baseline: "middle", dx: 4, fontSize: 10 },
          encoding: { x, y: label, text: { field: "valueLabel", type: "nominal" } },
        },
      ],
    },
  });
}
