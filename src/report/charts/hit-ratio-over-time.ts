/** Cache hit ratio over simulated time. */
import type { TopLevelSpec } from "vega-lite";
import { fractionOverTime, type ChartOptions } from "./common.ts";

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
 * A line per series of hit ratio (0 to 1, shown as percent) against time in seconds, with a
 * gap where a series had no requests (no window row).
 *
 * @example
 * hitRatioOverTime([{ timeS: 0, hitRatio: 0.5 }]).title // => "Hit ratio over time"
 */
export function hitRatioOverTime(rows: readonly HitRatioRow[], options: ChartOptions = {}): TopLevelSpec {
  const title = options.title ?? "Hit ratio over time";
  return fractionOverTime(rows, { title, field: "hitRatio", yTitle: "Hit ratio (%)", series: { field: "series", title: "Series" }, gaps: true });
}
