/** A capacity plan's evaluated configurations on a grid, coloured by the resource that binds. */
import type { TopLevelSpec } from "vega-lite";
import { chartSize, COUNT_AXIS, distinct, pickRows, topLevel, type ChartOptions } from "./common.ts";

/** One evaluated configuration. */
export interface BindingRow {
  /** The searched (last) dimension's value. */
  x: number;
  /** The outer dimension's value (a constant when the plan varies one dimension). */
  y: number;
  /** The binding resource's name ("none" when nothing binds). */
  binding: string;
  /** "meets" or "misses" the budgets. */
  verdict: string;
  /** Free text shown on hover, e.g. "tts.p95 1.8 min; MA storage 0.93". */
  detail: string;
}

/** Options of {@link bindingMap}. */
export interface BindingMapOptions extends ChartOptions {
  xTitle: string;
  yTitle: string;
}

/**
 * Each configuration as a point at (x, y) coloured by its binding resource; filled when it
 * meets every budget, hollow when it misses; the frontier configuration of each row ringed in
 * black (`frontier` = the indices of those rows). Count axes (integer ticks).
 *
 * @example
 * const spec = bindingMap([{ x: 2, y: 1, binding: "VSA slots", verdict: "misses", detail: "" }, { x: 4, y: 1, binding: "MA storage", verdict: "meets", detail: "" }], [1], { xTitle: "VSAs", yTitle: "Media agents" });
 * (spec.data as { values: { frontier: string }[] }).values.map((row) => row.frontier) // => ["", "frontier"]
 */
export function bindingMap(rows: readonly BindingRow[], frontier: readonly number[], options: BindingMapOptions): TopLevelSpec {
  const ringed = new Set(frontier);
  const data = pickRows(rows.map((row, i) => ({ ...row, frontier: ringed.has(i) ? "frontier" : "" })), ["x", "y", "binding", "verdict", "detail", "frontier"]);
  const x = { field: "x", type: "quantitative", title: options.xTitle, axis: COUNT_AXIS, scale: { zero: false, padding: 16 } };
  const y = { field: "y", type: "quantitative", title: options.yTitle, axis: COUNT_AXIS, scale: { zero: false, padding: 16 } };
  const color = { field: "binding", type: "nominal", title: "Binding resource", scale: { domain: distinct(rows, "binding") } };
  return topLevel(options.title ?? "Binding resource of each configuration (filled: meets every budget; ringed: frontier)", data, {
    ...chartSize,
    layer: [
      {
        mark: { type: "point", size: 110, strokeWidth: 2.5, filled: false },
        encoding: { x, y, color, shape: { field: "verdict", type: "nominal", title: "Budgets", scale: { domain: ["meets", "misses"], range: ["circle", "square"] } }, tooltip: [{ field: "binding" }, { field: "verdict" }, { field: "detail" }, { field: "x" }, { field: "y" }] },
      },
      { transform: [{ filter: "datum.verdict === 'meets'" }], mark: { type: "point", size: 110, filled: true }, encoding: { x, y, color } },
      { transform: [{ filter: "datum.frontier === 'frontier'" }], mark: { type: "point", size: 320, color: "black", strokeWidth: 1.5 }, encoding: { x, y } },
    ],
  });
}
