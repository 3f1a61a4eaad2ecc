/** The distribution of time to service (TTS) across replications, one box per strategy. */
import type { TopLevelSpec } from "vega-lite";
import { chartSize, distinct, pickRows, topLevel, type ChartOptions } from "./common.ts";

/** One observed time to service. */
export interface TtsRow {
  strategy: string;
  /** Seconds from restore start until the VM serves requests. */
  ttsSeconds: number;
}

/**
 * A box plot per strategy (whiskers at 1.5 × IQR, outliers as points), strategies in the order
 * they first appear in `rows`.
 *
 * @example
 * ttsDistribution([{ strategy: "instant", ttsSeconds: 42 }]).title // => "Time to service by strategy"
 */
export function ttsDistribution(rows: readonly TtsRow[], options: ChartOptions = {}): TopLevelSpec {
  const order = distinct(rows, "strategy");
  return topLevel(options.title ?? "Time to service by strategy", pickRows(rows, ["strategy", "ttsSeconds"]), {
    ...chartSize,
    mark: { type: "boxplot", extent: 1.5, size: 36 },
    encoding: {
      x: { field: "strategy", type: "nominal", title: "Strategy", sort: order, axis: { labelAngle: 0 } },
      y: { field: "ttsSeconds", type: "quantitative", title: "Time to service (s)" },
      color: { field: "strategy", type: "nominal", legend: null, scale: { domain: order } },
    },
  });
}
