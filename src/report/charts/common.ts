/**
 * What every standard chart shares: the font, the size, the look, and the helper that assembles
 * a top-level Vega-Lite spec with its data inlined. Pure; no vega import at run time.
 */
import type { TopLevelSpec } from "vega-lite";

/** A value of an inlined data row: charts carry only numbers and strings. */
export type ChartValue = string | number;

/** One inlined data row. */
export type ChartRow = Record<string, ChartValue>;

/** Options every builder accepts. */
export interface ChartOptions {
  /** Replaces the builder's default title. */
  title?: string;
}

/**
 * The font of every chart. DejaVu Sans ships with Debian (`fonts-dejavu-core`) and is what the
 * PNG renderer loads, so text looks the same in the SVG, the PNG and the HTML report; browsers
 * without it fall back to their sans-serif.
 */
export const chartFont = "DejaVu Sans, sans-serif";

/** Axis of a count (media agents, VSAs): ticks at least 1 apart, printed without decimals (no "1.5 media agents"). */
export const COUNT_AXIS = { tickMinStep: 1, format: "d" } as const;

/** Width and height of one plotting area, in CSS pixels (faceted charts use smaller panels). */
export const chartSize = { width: 480, height: 280 } as const;

/**
 * The shared Vega-Lite config: font, font sizes, a white background and a light frame.
 *
 * @example
 * chartConfig().font // => "DejaVu Sans, sans-serif"
 */
export function chartConfig(): NonNullable<TopLevelSpec["config"]> {
  return {
    font: chartFont,
    background: "white",
    padding: 8,
    title: { fontSize: 14, anchor: "start", offset: 10 },
    axis: { labelFontSize: 11, titleFontSize: 12, titlePadding: 8, labelOverlap: true },
    legend: { labelFontSize: 11, titleFontSize: 12 },
    header: { labelFontSize: 12, titleFontSize: 12 },
  };
}

/**
 * Copies rows into plain objects with only the named fields, dropping fields that are
 * undefined, so the inlined data holds nothing the caller did not mean to chart.
 *
 * @example
 * pickRows([{ a: 1, b: undefined, c: 3 }], ["a", "b"]) // => [{ a: 1 }]
 */
export function pickRows<T extends object>(rows: readonly T[], fields: readonly (keyof T & string)[]): ChartRow[] {
  return rows.map((row) => {
    const picked: ChartRow = {};
    for (const field of fields) {
      const value = row[field];
      if (typeof value === "number" || typeof value === "string") picked[field] = value;
    }
    return picked;
  });
}

/**
 * Distinct values of `field` in first-seen order: the deterministic colour and category order
 * of a chart (the order the caller wrote the rows in, not alphabetical).
 *
 * @example
 * distinct([{ p: "lru" }, { p: "arc" }, { p: "lru" }], "p") // => ["lru", "arc"]
 */
export function distinct<T extends object>(rows: readonly T[], field: keyof T & string): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    const value = row[field];
    if (value !== undefined && value !== null) seen.add(String(value));
  }
  return [...seen];
}

/**
 * Wraps a view (single or layered) into a top-level spec with the shared config, schema, title
 * and inlined data.
 *
 * @example
 * topLevel("Hits", [{ t: 1 }], { mark: "point" }).data // => { values: [{ t: 1 }] }
 */
export function topLevel(title: string, values: ChartRow[], view: object): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    config: chartConfig(),
    data: { values },
    ...view,
  } as TopLevelSpec;
}

/** A line chart over time, the shape of several standard views. */
export interface TimeSeriesOptions {
  title: string;
  values: ChartRow[];
  /** Field on the y axis. */
  yField: string;
  /** Axis title, with its unit. */
  yTitle: string;
  /** Colour field; omitted when the rows carry one series only. */
  seriesField?: string;
  seriesTitle?: string;
  /** Series in the order to colour them. */
  seriesOrder?: string[];
  /** A d3 format for y labels (".0%" for fractions shown as percent). */
  yFormat?: string;
  yDomain?: [number, number];
  /** Field numbering each series' unbroken runs (see {@link segmentsAtGaps}): one line per run, a gap between. */
  segmentField?: string;
}

/**
 * A line per series over simulated time in seconds.
 *
 * @example
 * timeSeries({ title: "Hit ratio", values: [{ timeS: 0, h: 0.5 }], yField: "h", yTitle: "Hit ratio (%)" }).mark
 * // => { type: "line", strokeWidth: 2 }
 */
export function timeSeries(options: TimeSeriesOptions): TopLevelSpec {
  const { title, values, yField, yTitle, seriesField, seriesTitle, seriesOrder, yFormat, yDomain, segmentField } = options;
  const y = {
    field: yField,
    type: "quantitative",
    title: yTitle,
    ...(yDomain ? { scale: { domain: yDomain } } : {}),
    ...(yFormat ? { axis: { format: yFormat } } : {}),
  };
  const color = seriesField
    ? { color: { field: seriesField, type: "nominal", title: seriesTitle ?? seriesField, ...(seriesOrder ? { scale: { domain: seriesOrder } } : {}) } }
    : {};
  return topLevel(title, values, {
    ...chartSize,
    mark: { type: "line", strokeWidth: 2 },
    encoding: { x: { field: "timeS", type: "quantitative", title: "Time (s)" }, y, ...color, ...(segmentField ? { detail: { field: segmentField, type: "nominal" } } : {}) },
  });
}

/**
 * Numbers the unbroken runs of each series' time windows: a row more than 1.5 steps after the
 * previous row of its series starts a new run (the step: the smallest gap between that series'
 * times, its window). Drawn with `detail` on the run number, a line leaves a gap where no window
 * had data (a hit ratio or latency of a window without requests does not exist) instead of
 * joining across it. Rows keep their order; the result is one number per row.
 *
 * @example
 * segmentsAtGaps([{ timeS: 0 }, { timeS: 1 }, { timeS: 2 }, { timeS: 9 }, { timeS: 10 }]) // => [0, 0, 0, 1, 1]
 * segmentsAtGaps([{ timeS: 0, s: "a" }, { timeS: 0, s: "b" }, { timeS: 1, s: "a" }, { timeS: 5, s: "b" }], "s") // => [0, 0, 0, 0]
 */
export function segmentsAtGaps<T extends { timeS: number }>(rows: readonly T[], seriesField?: keyof T & string): number[] {
  const bySeries = new Map<unknown, number[]>();
  rows.forEach((row, i) => {
    const key = seriesField === undefined ? "" : row[seriesField];
    const list = bySeries.get(key);
    if (list) list.push(i);
    else bySeries.set(key, [i]);
  });
  const segment = new Array<number>(rows.length).fill(0);
  for (const indices of bySeries.values()) {
    indices.sort((a, b) => rows[a].timeS - rows[b].timeS || a - b);
    let step = Infinity;
    for (let k = 1; k < indices.length; k++) {
      const gap = rows[indices[k]].timeS - rows[indices[k - 1]].timeS;
      if (gap > 0) step = Math.min(step, gap);
    }
    let run = 0;
    for (let k = 1; k < indices.length; k++) {
      if (rows[indices[k]].timeS - rows[indices[k - 1]].timeS > 1.5 * step) run++;
      segment[indices[k]] = run;
    }
  }
  return segment;
}

/** What {@link fractionOverTime} needs to know about the rows. */
export interface FractionSeries<T> {
  title: string;
  /** Field holding the fraction, 0 to 1. */
  field: keyof T & string;
  /** Axis title, with its unit ("Hit ratio (%)"). */
  yTitle: string;
  /** Colour field and its legend title; rows lacking it form one uncoloured series. */
  series: { field: keyof T & string; title: string };
  /** Leave a gap where a series has no window (hit ratio: no requests then), instead of a line across. */
  gaps?: boolean;
}

/**
 * A line per series of a fraction (0 to 1, axis in percent) against time in seconds: the
 * shape of hit ratio, relocation progress and utilisation charts.
 *
 * @example
 * fractionOverTime([{ timeS: 0, u: 0.5 }], { title: "U", field: "u", yTitle: "U (%)", series: { field: "r", title: "R" } }).title
 * // => "U"
 */
export function fractionOverTime<T extends { timeS: number }>(rows: readonly T[], options: FractionSeries<T>): TopLevelSpec {
  const order = distinct(rows, options.series.field);
  const series = order.length > 0 ? { seriesField: options.series.field, seriesTitle: options.series.title, seriesOrder: order } : {};
  const values = pickRows(rows, ["timeS", options.field, options.series.field]);
  if (options.gaps) {
    const segments = segmentsAtGaps(rows, order.length > 0 ? options.series.field : undefined);
    values.forEach((row, i) => (row.segment = segments[i]));
  }
  return timeSeries({
    title: options.title,
    values,
    ...(options.gaps ? { segmentField: "segment" } : {}),
    yField: options.field,
    yTitle: options.yTitle,
    yFormat: ".0%",
    yDomain: [0, 1],
    ...series,
  });
}
