/**
 * The report's table: a pivot of rows (metrics, sweep points, plan frontier points) by columns
 * (variants, metrics), one cell per pair, each mean shown as `mean ± half-width` rounded to the
 * precision its confidence interval supports (metrics/precision.ts, as `rtolab compare` does),
 * with its model band in brackets when it has one.
 */
import { formatWithCi } from "../../metrics/precision.ts";
import { escapeHtml } from "./escape.ts";

/** One cell: a value, its 95% CI half-width (n ≥ 2), its model band, a reference value (analytic). */
export interface PivotCell {
  /** Shown as given when a string. */
  value: number | string;
  halfWidth?: number;
  band?: readonly [number, number];
  /** A value to compare with, e.g. the closed form: shown under the value as `analytic 4`. */
  reference?: { label: string; value: number };
}

/** One row: its label cells (metric and unit; a point's fields) and one cell per column, blank where undefined. */
export interface PivotRow {
  labels: readonly string[];
  cells: readonly (PivotCell | undefined)[];
  /** Tooltip of the first label (a metric's description). */
  description?: string;
}

/** A table of rows by columns. */
export interface PivotTable {
  /** Headers of the label columns on the left ("Metric", "Unit"). */
  labelHeaders: readonly string[];
  /** Headers of the value columns (variant names, "metric (unit)"). */
  columns: readonly string[];
  rows: readonly PivotRow[];
}

/**
 * A number for the table: 4 significant digits without trailing zeros, integers in full,
 * non-finite values spelled out.
 *
 * @example
 * formatValue(0.123456) // => "0.1235"
 * formatValue(1234567) // => "1234567"
 */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** The decimals a value was rounded to ("4.04" → 2), so its band is rounded alike. */
function decimalsOf(text: string): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  return text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
}

/**
 * A cell's text: `mean ± half-width` at the CI's precision (`4.04 ± 0.07`; a zero or
 * rounding-noise half-width shows the value alone at 4 significant digits), then the model band
 * `[low–high]` at the value's precision.
 *
 * @example
 * cellText({ value: 4.03712, halfWidth: 0.06546 }) // => "4.04 ± 0.07"
 * cellText({ value: 44.3112, halfWidth: 0.4123, band: [43.7213, 44.6422] }) // => "44.3 ± 0.4 [43.7–44.6]"
 * cellText({ value: 228.52, band: [228.41, 228.6] }) // => "228.5 [228.4–228.6]"
 * cellText({ value: "none in range" }) // => "none in range"
 */
export function cellText(cell: PivotCell): string {
  if (typeof cell.value === "string") return cell.value;
  const { value, halfWidth } = cell.halfWidth === undefined ? { value: formatValue(cell.value), halfWidth: "0" } : formatWithCi(cell.value, cell.halfWidth, formatValue);
  const text = halfWidth === "0" ? value : `${value} ± ${halfWidth}`;
  if (!cell.band) return text;
  const decimals = halfWidth === "0" ? undefined : decimalsOf(value);
  const round = (x: number) => (decimals === undefined ? formatValue(x) : x.toFixed(decimals));
  return `${text} [${round(cell.band[0])}–${round(cell.band[1])}]`;
}

function cellHtml(cell: PivotCell | undefined): string {
  if (cell === undefined) return '<td class="num"></td>';
  const reference = cell.reference ? `<br><span class="ref">${escapeHtml(cell.reference.label)} ${escapeHtml(formatValue(cell.reference.value))}</span>` : "";
  return `<td class="num">${escapeHtml(cellText(cell))}${reference}</td>`;
}

/**
 * The table as HTML: label columns, then one column per `columns` entry; a caption names what
 * the numbers are (95% CI half-width, model band) when some cell has one.
 *
 * @example
 * pivotTableHtml({ labelHeaders: ["Metric"], columns: ["lru"], rows: [{ labels: ["tts"], cells: [{ value: 4.2 }] }] })
 * // => '<table class="pivot">\n<thead><tr><th>Metric</th><th class="num">lru</th></tr></thead>\n<tbody>\n<tr><th scope="row">tts</th><td class="num">4.2</td></tr>\n</tbody>\n</table>'
 */
export function pivotTableHtml(table: PivotTable): string {
  const cells = table.rows.flatMap((row) => row.cells.filter((cell): cell is PivotCell => cell !== undefined));
  const notes = [
    ...(cells.some((cell) => cell.halfWidth !== undefined && typeof cell.value === "number") ? ["mean ± half-width of the 95% confidence interval over replications, rounded to its precision"] : []),
    ...(cells.some((cell) => cell.band !== undefined) ? ["[model band]: the value under the two extreme readings of the replayed trace's dependencies (docs/replay.md)"] : []),
  ];
  const caption = notes.length > 0 ? `<caption>${escapeHtml(notes.join("; "))}</caption>\n` : "";
  const header = [...table.labelHeaders.map((name) => `<th>${escapeHtml(name)}</th>`), ...table.columns.map((name) => `<th class="num">${escapeHtml(name)}</th>`)].join("");
  const body = table.rows.map((row) => {
    const [first = "", ...rest] = row.labels;
    const title = row.description ? ` title="${escapeHtml(row.description)}"` : "";
    const labels = [`<th scope="row"${title}>${escapeHtml(first)}</th>`, ...rest.map((label) => `<td>${escapeHtml(label)}</td>`)];
    return `<tr>${labels.join("")}${table.columns.map((_, i) => cellHtml(row.cells[i])).join("")}</tr>`;
  });
  return `<table class="pivot">\n${caption}<thead><tr>${header}</tr></thead>\n<tbody>\n${body.join("\n")}\n</tbody>\n</table>`;
}
