/** Tidy CSV output (one observation per row) through csv-stringify. */
import { stringify } from "csv-stringify/sync";

/**
 * Renders rows as CSV with a header; columns in the order given, or of the first row.
 * Numbers are written with JavaScript's shortest round-trip form, so output is deterministic.
 *
 * @example
 * toCsv([{ metric: "wait", value: 1.5 }]) // => "metric,value\nwait,1.5\n"
 */
export function toCsv(rows: readonly Record<string, string | number | undefined>[], columns?: readonly string[]): string {
  const header = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  return stringify(rows as Record<string, unknown>[], { header: true, columns: header as string[] });
}

/**
 * The model band of a metric as the tidy CSVs' `band_low`/`band_high` cells ("" when it has none).
 *
 * @example
 * bandCells({ lower: 41.2, upper: 47.9 }) // => { band_low: 41.2, band_high: 47.9 }
 * bandCells({}) // => { band_low: "", band_high: "" }
 */
export function bandCells(metric: { lower?: number; upper?: number }): { band_low: number | ""; band_high: number | "" } {
  return metric.lower === undefined || metric.upper === undefined ? { band_low: "", band_high: "" } : { band_low: metric.lower, band_high: metric.upper };
}
