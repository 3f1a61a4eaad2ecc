/** Guest I/O latency percentiles over time, with the restore's phases marked; one panel per variant. */
import type { TopLevelSpec } from "vega-lite";
import { chartSize, distinct, segmentsAtGaps, topLevel, type ChartOptions, type ChartRow } from "./common.ts";

/** Latency percentiles of one time window. */
export interface LatencyRow {
  /** Window time in seconds of simulated time. */
  timeS: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** The variant the window belongs to: one panel per variant when several are given. */
  variant?: string;
}

/** A phase boundary drawn as a vertical rule: power-on, service ready, switch-over. */
export interface PhaseMark {
  timeS: number;
  label: string;
  /** The variant whose panel the mark belongs to. */
  variant?: string;
}

const percentiles = [
  ["p50", "p50Ms"],
  ["p95", "p95Ms"],
  ["p99", "p99Ms"],
] as const;

/** Panel size when several variants share the chart (two columns). */
const panelSize = { width: 360, height: 180 } as const;

/**
 * Three lines (p50, p95, p99 in ms, on a log scale: p50 is often 1,000 times below p99) against
 * time in seconds, and a dashed rule at each phase mark with its label written up the rule, so it
 * never runs into the legend. Rows of several variants become small multiples (two columns) on
 * one latency scale, so panels compare at a glance (time stays each panel's own). A window with no reads (latency 0) is left out:
 * the line has a gap there rather than a drop to an impossible 0. Rows and marks are reshaped to
 * one long table (`kind` "latency" or "mark"), which every panel filters.
 *
 * @example
 * const spec = latencyOverTime([{ timeS: 0, p50Ms: 1, p95Ms: 4, p99Ms: 9 }], [{ timeS: 0, label: "power-on" }]);
 * spec.title // => "I/O latency over time"
 */
export function latencyOverTime(rows: readonly LatencyRow[], marks: readonly PhaseMark[], options: ChartOptions = {}): TopLevelSpec {
  const variants = distinct([...rows, ...marks], "variant");
  const faceted = variants.length > 1;
  const variantOf = (variant: string | undefined): ChartRow => (faceted ? { variant: variant ?? "" } : {});
  // Windows without reads have no row: each variant's line breaks there rather than joining across.
  const segments = segmentsAtGaps(rows, "variant");
  const values: ChartRow[] = [
    ...rows.flatMap((row, i) =>
      percentiles
        .filter(([, field]) => row[field] > 0)
        .map(([percentile, field]) => ({ kind: "latency", timeS: row.timeS, percentile, latencyMs: row[field], segment: segments[i], ...variantOf(row.variant) })),
    ),
    ...marks.map((mark) => ({ kind: "mark", timeS: mark.timeS, label: mark.label, ...variantOf(mark.variant) })),
  ];
  const x = { field: "timeS", type: "quantitative", title: "Time (s)" };
  const only = (kind: string) => [{ filter: `datum.kind === '${kind}'` }];
  const lines = {
    transform: only("latency"),
    mark: { type: "line", strokeWidth: 2 },
    encoding: {
      x,
      y: { field: "latencyMs", type: "quantitative", title: "Latency (ms, log scale)", scale: { type: "log" } },
      color: { field: "percentile", type: "nominal", title: "Percentile", scale: { domain: percentiles.map(([p]) => p) }, legend: { orient: "top" } },
      detail: { field: "segment", type: "nominal" },
    },
  };
  // In small multiples a panel without any mark would give its rule layer an empty (infinite)
  // extent: marks are drawn when every panel has one.
  const marked = new Set(marks.map((mark) => mark.variant ?? ""));
  const phaseLayers =
    marks.length === 0 || (faceted && variants.some((variant) => !marked.has(variant)))
      ? []
      : [
          { transform: only("mark"), mark: { type: "rule", color: "#555", strokeDash: [4, 3] }, encoding: { x } },
          {
            transform: only("mark"),
            mark: { type: "text", align: "right", baseline: "bottom", angle: 270, dx: -4, dy: -3, color: "#333", fontSize: 10 },
            encoding: { x, y: { value: 0 }, text: { field: "label", type: "nominal" } },
          },
        ];
  const layer = [lines, ...phaseLayers];
  const title = options.title ?? "I/O latency over time";
  if (!faceted) return topLevel(title, values, { ...chartSize, layer });
  return topLevel(title, values, {
    facet: { field: "variant", type: "nominal", title: null, sort: variants },
    columns: 2,
    spacing: { column: 24, row: 20 },
    // The latency scale is shared (panels compare); time is each panel's own, since one variant's
    // switch-over at 740 s would squash every other panel's 50 s of boot into a sliver.
    resolve: { scale: { x: "independent" } },
    spec: { ...panelSize, layer },
  });
}
