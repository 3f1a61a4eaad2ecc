/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no external requests)
 * with a run's title, its metrics table, notes and charts. Pure string building.
 */

/** One row of the metrics table. */
export interface SummaryRow {
  metric: string;
  unit: string;
  /** Shown as given when a string; numbers are printed with 4 significant digits. */
  value: number | string;
  /** Confidence interval of `value` (low, high), in `unit`. */
  ci?: readonly [number, number];
  /** Model band of `value` (low, high), in `unit`: how much of it rests on the replay's dependency guess (docs/replay.md). */
  band?: readonly [number, number];
}

/** One chart of the report: its file stem, title and rendered SVG. */
export interface ReportChart {
  name: string;
  title: string;
  /** SVG text as produced by `renderSvg`; inlined as is (it is our own output, not user text). */
  svg: string;
}

export interface ReportInput {
  title: string;
  summaryRows: readonly SummaryRow[];
  charts: readonly ReportChart[];
  notes?: readonly string[];
}

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML content and attribute values.
 *
 * @example
 * escapeHtml('<script>"x"</script>') // => "&lt;script&gt;&quot;x&quot;&lt;/script&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char]);
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

/** Plain, print-friendly styles; system fonts only, nothing fetched. */
const css = `
body { font-family: "DejaVu Sans", system-ui, sans-serif; color: #222; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 0.3rem 0.8rem; border-bottom: 1px solid #ddd; text-align: left; }
td.num { text-align: right; }
th { border-bottom: 2px solid #888; }
figure { margin: 1rem 0 2rem; }
figcaption { font-weight: bold; margin-bottom: 0.4rem; }
figure svg { max-width: 100%; height: auto; }
ul.notes { color: #444; }
`.trim();

/** The metrics table; the model-band column appears only when some metric has a band. */
function metricsTable(rows: readonly SummaryRow[]): string {
  const banded = rows.some((row) => row.band !== undefined);
  const range = (r: readonly [number, number] | undefined): string => (r ? `${formatValue(r[0])} – ${formatValue(r[1])}` : "");
  const header = `<tr><th>Metric</th><th>Unit</th><th>Value</th><th>95% CI</th>${banded ? "<th>Model band</th>" : ""}</tr>`;
  const body = rows.map((row) => {
    const value = typeof row.value === "number" ? formatValue(row.value) : row.value;
    const cells = [`<td>${escapeHtml(row.metric)}</td>`, `<td>${escapeHtml(row.unit)}</td>`];
    cells.push(`<td class="num">${escapeHtml(value)}</td>`, `<td class="num">${escapeHtml(range(row.ci))}</td>`);
    if (banded) cells.push(`<td class="num">${escapeHtml(range(row.band))}</td>`);
    return `<tr>${cells.join("")}</tr>`;
  });
  return `<table>\n<thead>${header}</thead>\n<tbody>\n${body.join("\n")}\n</tbody>\n</table>`;
}

/** Drops an XML prolog or doctype so the SVG can stand inline in HTML. */
function inlineSvg(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*\?>\s*/, "").replace(/^\s*<!DOCTYPE[^>]*>\s*/i, "");
}

function chartFigure(chart: ReportChart): string {
  const id = `chart-${chart.name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return `<figure id="${escapeHtml(id)}">\n<figcaption>${escapeHtml(chart.title)}</figcaption>\n${inlineSvg(chart.svg)}\n</figure>`;
}

/**
 * The report page as one HTML string: title, metrics table, notes, then each chart under its
 * title. All text is escaped; chart SVGs are inlined unchanged (minus any XML prolog). The
 * output depends only on the input, so equal inputs give byte-identical files.
 *
 * @example
 * buildReportHtml({ title: "mm1 <s7>", summaryRows: [], charts: [] }).includes("<h1>mm1 &lt;s7&gt;</h1>") // => true
 */
export function buildReportHtml(input: ReportInput): string {
  const sections = [`<h1>${escapeHtml(input.title)}</h1>`];
  if (input.summaryRows.length > 0) sections.push("<h2>Metrics</h2>", metricsTable(input.summaryRows));
  if (input.notes && input.notes.length > 0) {
    sections.push("<h2>Notes</h2>", `<ul class="notes">\n${input.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join("\n")}\n</ul>`);
  }
  if (input.charts.length > 0) sections.push("<h2>Charts</h2>", ...input.charts.map(chartFigure));
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No script, styles or images from anywhere but this file.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>\n${css}\n</style>`,
    "</head>",
    "<body>",
    ...sections,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
