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
