/**
 * report.html: one self-contained page of a run, sweep or plan, laid out the same for all three:
 * the title, the scenario's description and sources, a contents list, the table (a pivot of
 * metrics by variants, see pivot-table.ts), notes, then one section per view, each chart titled
 * once (by the chart itself). Charts are interactive when scripts run: each view's Vega-Lite
 * spec is embedded with vega-embed, whose browser build (with vega and vega-lite) is inlined
 * once per page (vega-runtime.ts), so the page works offline; each view's static SVG stays in
 * the page and is shown when scripts cannot run. Nothing is fetched from anywhere: the page's
 * Content-Security-Policy allows no request at all (vega compiles expressions with `Function`,
 * hence `'unsafe-eval'`).
 */
import { escapeHtml } from "./escape.ts";
import { pivotTableHtml, type PivotTable } from "./pivot-table.ts";
import { vegaScripts } from "./vega-runtime.ts";

export { escapeHtml } from "./escape.ts";
export { formatValue, type PivotCell, type PivotRow, type PivotTable } from "./pivot-table.ts";

/** One chart of the report: its file stem, title, rendered SVG and, for interactivity, its Vega-Lite spec. */
export interface ReportChart {
  name: string;
  title: string;
  /** SVG text as produced by `renderSvg`; inlined as is (it is our own output, not user text): the fallback without scripts. */
  svg: string;
  /** The Vega-Lite spec the SVG was rendered from; embedded with vega-embed when present. */
  spec?: object;
}

/** What the page shows, top to bottom. */
export interface ReportInput {
  title: string;
  /** The scenario's description: what is modelled. */
  description?: string;
  /** Where the scenario's parameters come from. */
  sources?: readonly string[];
  /** Heading of the table's section; default "Metrics". */
  tableTitle?: string;
  table?: PivotTable;
  notes?: readonly string[];
  charts: readonly ReportChart[];
}

/** Plain, print-friendly styles; system fonts only, nothing fetched. */
const css = `
body { font-family: "DejaVu Sans", system-ui, sans-serif; color: #222; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
p.description { max-width: 50rem; }
ul.sources, ul.notes { color: #444; font-size: 0.9rem; max-width: 60rem; }
nav ol { columns: 2; max-width: 40rem; padding-left: 1.5rem; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.9rem; }
caption { caption-side: bottom; text-align: left; color: #555; font-size: 0.85rem; padding-top: 0.4rem; }
th, td { padding: 0.25rem 0.7rem; border-bottom: 1px solid #ddd; text-align: left; white-space: nowrap; }
th.num, td.num { text-align: right; }
thead th { border-bottom: 2px solid #888; position: sticky; top: 0; background: white; }
tbody th { font-weight: normal; }
.ref { color: #666; font-size: 0.8rem; }
.table-scroll { overflow-x: auto; }
section.view { margin: 2rem 0 3rem; }
.chart svg { max-width: 100%; height: auto; }
.chart .static[hidden] { display: none; }
`.trim();

/** Drops an XML prolog or doctype so the SVG can stand inline in HTML. */
function inlineSvg(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*\?>\s*/, "").replace(/^\s*<!DOCTYPE[^>]*>\s*/i, "");
}

/** A chart's element id: `view-<name>` with anything but letters, digits, `_` and `-` replaced. */
function viewId(chart: ReportChart): string {
  return `view-${chart.name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** JSON for a `<script type="application/json">` element: `<` escaped, so no `</script>` can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * A view's section: the static SVG (titled by the chart itself) and, when the chart has a spec,
 * that spec for the interactive rendering, which replaces the SVG once it has drawn.
 */
function viewSection(chart: ReportChart): string {
  const id = viewId(chart);
  const spec = chart.spec === undefined ? "" : `\n<script type="application/json" class="vl-spec">${scriptJson(chart.spec)}</script>`;
  return `<section class="view" id="${escapeHtml(id)}" aria-label="${escapeHtml(chart.title)}">\n<div class="chart">\n<div class="static">\n${inlineSvg(chart.svg)}\n</div>${spec}\n</div>\n</section>`;
}

/**
 * Draws every chart with a spec through vega-embed (SVG renderer, tooltips, export menu), in
 * place of its static SVG; a chart that fails keeps its static SVG and says why in the console.
 * `data-rendered` on each `.chart` tells tests and readers which one they see.
 */
const embedScript = `
for (const chart of document.querySelectorAll(".chart")) {
  const source = chart.querySelector("script.vl-spec");
  if (!source) { chart.dataset.rendered = "static"; continue; }
  const target = document.createElement("div");
  target.className = "interactive";
  chart.append(target);
  const spec = JSON.parse(source.textContent);
  spec.config = Object.assign({}, spec.config, { mark: Object.assign({ tooltip: true }, spec.config && spec.config.mark) });
  vegaEmbed(target, spec, { renderer: "svg", actions: { export: true, source: false, compiled: false, editor: false } })
    .then(() => { chart.querySelector(".static").hidden = true; chart.dataset.rendered = "interactive"; })
    .catch((error) => { target.remove(); chart.dataset.rendered = "static"; console.error("chart " + chart.parentElement.id + ": " + error); });
}
`.trim();

/** The page's Content-Security-Policy: inline styles, scripts and data images only; no request of any kind. */
function contentPolicy(scripts: boolean): string {
  return `default-src 'none'; style-src 'unsafe-inline'; img-src data: blob:${scripts ? "; script-src 'unsafe-inline' 'unsafe-eval'" : ""}`;
}

/**
 * The report page as one HTML string: title, description, sources, contents, the table, notes,
 * then a section per chart. All text is escaped; chart SVGs are inlined unchanged (minus any
 * XML prolog); when some chart has a spec, vega, vega-lite and vega-embed are inlined once and
 * draw the charts interactively. The output depends only on the input (and the installed
 * vega versions), so equal inputs give byte-identical files.
 *
 * @example
 * const html = buildReportHtml({ title: "mm1 <s7>", description: "An M/M/1 queue", charts: [] });
 * [html.includes("<h1>mm1 &lt;s7&gt;</h1>"), html.includes("<script")] // => [true, false]
 */
export function buildReportHtml(input: ReportInput): string {
  const tableTitle = input.tableTitle ?? "Metrics";
  const hasTable = input.table !== undefined && input.table.rows.length > 0;
  const hasNotes = input.notes !== undefined && input.notes.length > 0;
  const contents = [
    ...(hasTable ? [["table", tableTitle]] : []),
    ...(hasNotes ? [["notes", "Notes"]] : []),
    ...input.charts.map((chart) => [viewId(chart), chart.title]),
  ];
  const sections = [`<h1>${escapeHtml(input.title)}</h1>`];
  if (input.description) sections.push(`<p class="description">${escapeHtml(input.description)}</p>`);
  if (input.sources && input.sources.length > 0) {
    sections.push(`<h2 id="sources">Sources</h2>`, `<ul class="sources">\n${input.sources.map((source) => `<li>${escapeHtml(source)}</li>`).join("\n")}\n</ul>`);
  }
  if (contents.length > 1) {
    sections.push(`<nav aria-label="Contents">\n<h2>Contents</h2>\n<ol>\n${contents.map(([id, text]) => `<li><a href="#${escapeHtml(id)}">${escapeHtml(text)}</a></li>`).join("\n")}\n</ol>\n</nav>`);
  }
  if (hasTable) sections.push(`<h2 id="table">${escapeHtml(tableTitle)}</h2>`, `<div class="table-scroll">\n${pivotTableHtml(input.table as PivotTable)}\n</div>`);
  if (hasNotes) sections.push(`<h2 id="notes">Notes</h2>`, `<ul class="notes">\n${(input.notes as readonly string[]).map((note) => `<li>${escapeHtml(note)}</li>`).join("\n")}\n</ul>`);
  sections.push(...input.charts.map(viewSection));
  const interactive = input.charts.some((chart) => chart.spec !== undefined);
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${contentPolicy(interactive)}">`,
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>\n${css}\n</style>`,
    ...(interactive ? [vegaScripts()] : []),
    "</head>",
    "<body>",
    ...sections,
    ...(interactive ? [`<script>\n${embedScript}\n</script>`] : []),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
