/** The miss-ratio curve: miss ratio against cache size, one line per policy. */
import type { TopLevelSpec } from "vega-lite";
import { chartSize, distinct, pickRows, topLevel, type ChartOptions } from "./common.ts";

/** One point of a miss-ratio curve. */
export interface MissRatioRow {
  policy: string;
  /** Cache size in `sizeUnit`. */
  size: number;
  /** Misses over requests, 0 to 1. */
  missRatio: number;
}

export interface MissRatioOptions extends ChartOptions {
  /** Unit of `size` as printed on the axis ("GiB", "blocks"). */
  sizeUnit: string;
  /** Size axis scale; "log" suits sizes that double. Default "linear". */
  sizeScale?: "linear" | "log";
}

/**
 * A line with points per policy: x = cache size, y = miss ratio (0 to 1, shown as percent).
 * Policies are coloured in the order they first appear in `rows`.
 *
 * @example
 * const spec = missRatioCurve([{ policy: "lru", size: 1, missRatio: 0.9 }], { sizeUnit: "GiB" });
 * spec.title // => "Miss ratio by cache size"
 */
export function missRatioCurve(rows: readonly MissRatioRow[], options: MissRatioOptions): TopLevelSpec {
  // A log axis spans exactly the sizes measured, ticked at them (1, 2, 4, ... rather than 1, 10, 100).
  const sizes = [...new Set(rows.map((row) => row.size))].sort((a, b) => a - b);
  // Both scales span exactly the measured sizes: a "nice" linear domain adds a tick past the
  // last size whose label collides with it (seen: "1,000" and "1,100" overlapping).
  const ticks = sizes.length <= 12 ? { axis: { values: sizes } } : {};
  const scale =
    options.sizeScale === "log"
      ? { scale: { type: "log", nice: false }, ...ticks }
      : { scale: { nice: false, zero: false }, ...ticks };
  return topLevel(options.title ?? "Miss ratio by cache size", pickRows(rows, ["policy", "size", "missRatio"]), {
    ...chartSize,
    mark: { type: "line", point: { size: 40 }, strokeWidth: 2 },
    encoding: {
      x: { field: "size", type: "quantitative", title: `Cache size (${options.sizeUnit})`, ...scale },
      y: { field: "missRatio", type: "quantitative", title: "Miss ratio (%)", axis: { format: ".0%" } },
      color: { field: "policy", type: "nominal", title: "Policy", scale: { domain: distinct(rows, "policy") } },
    },
  });
}
