/** Plain-text tables and numbers for terminal output. */

/**
 * Renders rows as an aligned text table (numbers right-aligned).
 *
 * @example
 * textTable(["a", "b"], [["x", 1]]) // => "a  b\nx  1"
 */
export function textTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header.map(String), ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === "number"));
  return cells
    .map((row) =>
      row
        .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * A number with 4 significant digits, without exponent for everyday magnitudes.
 *
 * @example
 * formatNumber(3.14159) // => "3.142"
 */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value !== 0 && (Math.abs(value) >= 1e7 || Math.abs(value) < 1e-3)) return value.toExponential(3);
  return Number(value.toPrecision(4)).toString();
}

/**
 * A value with its model band when it has one: `43.72 [41.2–47.9]` (numbers as
 * {@link formatNumber}); the value alone otherwise.
 *
 * @example
 * formatBanded("43.72", { lower: 41.2, upper: 47.9 }) // => "43.72 [41.2–47.9]"
 * formatBanded("0.5", {}) // => "0.5"
 */
export function formatBanded(text: string, band: { lower?: number; upper?: number }): string {
  if (band.lower === undefined || band.upper === undefined) return text;
  return `${text} [${formatNumber(band.lower)}–${formatNumber(band.upper)}]`;
}
