/** Cache hit ratio over simulated time. */
import type { TopLevelSpec } from "vega-lite";
import { distinct, pickRows, timeSeries, type ChartOptions } from "./common.ts";

/** Hit ratio in one time window. */
export interface HitRatioRow {
  /** Window time in seconds of simulated time. */
  timeS: number;
  /** Hits over requests in the window, 0 to 1. */
  hitRatio: number;
  /** Which cache or run; rows without it form one series. */
  series?: string;
}

/**
 * A line per series of hit ratio (0 to 1, shown as percent) against time in seconds.
 *
 * @example
 * hitRatioOverTime([{ timeS: 0, hitRatio: 0.5 }]).title // => "Hit ratio over time"
 */
export function hitRatioOverTime(rows: readonly HitRatioRow[], options: ChartOptions = {}): TopLevelSpec {
  const series = distinct(rows, "series");
  return timeSeries({
    title: options.title ?? "Hit ratio over time",
    values: pickRows(rows, ["timeS", "hitRatio", "series"]),
    yField: "hitRatio",
    yTitle: "Hit ratio (%)",
    yFormat: ".0%",
    yDomain: [0, 1],
    ...(series.length > 0 ? { seriesField: "series", seriesTitle: "Series", seriesOrder: series } : {}),
  });
}
