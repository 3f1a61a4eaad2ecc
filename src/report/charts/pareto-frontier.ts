/** A trade-off chart: one point per configuration, two costs, the Pareto frontier marked. */
import type { TopLevelSpec } from "vega-lite";
import { chartSize, distinct, pickRows, topLevel, type ChartOptions } from "./common.ts";

/** One configuration: its two costs (both lower is better), its series and a label. */
export interface FrontierRow {
  x: number;
  y: number;
  series: string;
  label: string;
}

export interface FrontierOptions extends ChartOptions {
  /** Axis titles with units, e.g. "time to independence (s)". */
  xTitle: string;
  yTitle: string;
}

/**
 * Indices of the rows no other row dominates, both costs minimised (a row dominates another when
 * it is no worse in both and better in one), sorted by `x` then `y`. Equal rows are all kept.
 *
 * @example
 * paretoFrontier([{ x: 1, y: 5 }, { x: 2, y: 2 }, { x: 3, y: 3 }, { x: 4, y: 1 }]) // => [0, 1, 3]
 */
export function paretoFrontier(rows: readonly { x: number; y: number }[]): number[] {
  const keep: number[] = [];
  rows.forEach((row, i) => {
    const dominated = rows.some((other) => other.x <= row.x && other.y <= row.y && (other.x < row.x || other.y < row.y));
    if (!dominated && Number.isFinite(row.x) && Number.isFinite(row.y)) keep.push(i);
  });
  return keep.sort((a, b) => rows[a].x - rows[b].x || rows[a].y - rows[b].y || a - b);
}

/**
 * Every configuration as a point coloured by series; the Pareto frontier (see
 * {@link paretoFrontier}) as a black step line through ringed points, labelled.
 *
 * @example
 * const spec = paretoChart([{ x: 80, y: 60, series: "strict", label: "limit 1" }, { x: 90, y: 70, series: "mclock", label: "limit 1" }], { xTitle: "TTI (s)", yTitle: "p99 (ms)" });
 * (spec.data as { values: { frontier: string }[] }).values.map((row) => row.frontier) // => ["frontier", "dominated"]
 */
export function paretoChart(rows: readonly FrontierRow[], options: FrontierOptions): TopLevelSpec {
  const onFrontier = new Set(paretoFrontier(rows));
  const data = pickRows(
    rows.map((row, i) => ({ ...row, frontier: onFrontier.has(i) ? "frontier" : "dominated", order: onFrontier.has(i) ? [...onFrontier].indexOf(i) : -1 })),
    ["x", "y", "series", "label", "frontier", "order"],
  );
  const x = { field: "x", type: "quantitative", title: options.xTitle, scale: { zero: false } };
  const y = { field: "y", type: "quantitative", title: options.yTitle, scale: { zero: false } };
  const color = { field: "series", type: "nominal", title: "Series", scale: { domain: distinct(rows, "series") } };
  const frontierOnly = { filter: "datum.frontier === 'frontier'" };
  const title = options.title ?? `${options.yTitle.replace(/ \(.*\)$/, "")} against ${options.xTitle.replace(/ \(.*\)$/, "")}, Pareto frontier in black`;
  return topLevel(title, data, {
    ...chartSize,
    layer: [
      { transform: [frontierOnly], mark: { type: "line", interpolate: "step-after", color: "black", strokeWidth: 1.5 }, encoding: { x, y, order: { field: "order", type: "quantitative" } } },
      { mark: { type: "point", filled: true, size: 60, opacity: 0.8 }, encoding: { x, y, color, tooltip: [{ field: "series" }, { field: "label" }, { field: "x" }, { field: "y" }] } },
      { transform: [frontierOnly], mark: { type: "point", size: 160, color: "black", strokeWidth: 1.5 }, encoding: { x, y } },
      { transform: [frontierOnly], mark: { type: "text", align: "left", dx: 8, dy: -8, fontSize: 9 }, encoding: { x, y, text: { field: "label" } } },
    ],
  });
}
