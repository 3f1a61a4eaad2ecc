/** Guest I/O latency percentiles over time, with the restore's phases marked. */
import type { TopLevelSpec } from "vega-lite";
import { chartSize, pickRows, topLevel, type ChartOptions, type ChartRow } from "./common.ts";

/** Latency percentiles of one time window. */
export interface LatencyRow {
  /** Window time in seconds of simulated time. */
  timeS: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** A phase boundary drawn as a vertical rule: power-on, service ready, switch-over. */
export interface PhaseMark {
  timeS: number;
  label: string;
}

const percentiles = [
  ["p50", "p50Ms"],
  ["p95", "p95Ms"],
  ["p99", "p99Ms"],
] as const;

/**
 * Three lines (p50, p95, p99 in ms) against time in seconds, and a dashed rule with a label at
 * each phase mark. Rows are reshaped to long form (`timeS, percentile, latencyMs`).
 *
 * @example
 * const spec = latencyOverTime([{ timeS: 0, p50Ms: 1, p95Ms: 4, p99Ms: 9 }], [{ timeS: 0, label: "power-on" }]);
 * spec.title // => "I/O latency over time"
 */
export function latencyOverTime(rows: readonly LatencyRow[], marks: readonly PhaseMark[], options: ChartOptions = {}): TopLevelSpec {
  const values: ChartRow[] = rows.flatMap((row) =>
    percentiles.map(([percentile, field]) => ({ timeS: row.timeS, percentile, latencyMs: row[field] })),
  );
  const x = { field: "timeS", type: "quantitative", title: "Time (s)" };
  const lines = {
    mark: { type: "line", strokeWidth: 2 },
    encoding: {
      x,
      y: { field: "latencyMs", type: "quantitative", title: "Latency (ms)" },
      color: { field: "percentile", type: "nominal", title: "Percentile", scale: { domain: percentiles.map(([p]) => p) } },
    },
  };
  const markData = { values: pickRows(marks, ["timeS", "label"]) };
  const phaseLayers =
    marks.length === 0
      ? []
      : [
          { data: markData, mark: { type: "rule", color: "#555", strokeDash: [4, 3] }, encoding: { x } },
          {
            data: markData,
            mark: { type: "text", align: "left", baseline: "top", dx: 4, dy: 4, angle: 0, color: "#333", fontSize: 11 },
            encoding: { x, y: { value: 0 }, text: { field: "label", type: "nominal" } },
          },
        ];
  return topLevel(options.title ?? "I/O latency over time", values, { ...chartSize, layer: [lines, ...phaseLayers] });
}
