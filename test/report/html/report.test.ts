import { describe, expect, it } from "vitest";
import { missRatioCurve } from "../../../src/report/charts/miss-ratio-curve.ts";
import { renderSvg } from "../../../src/report/charts/render.ts";
import { ttsDistribution } from "../../../src/report/charts/tts-distribution.ts";
import { buildReportHtml, type PivotTable } from "../../../src/report/html/report.ts";
import { vegaScripts } from "../../../src/report/html/vega-runtime.ts";

const table: PivotTable = {
  labelHeaders: ["Metric", "Unit"],
  columns: ["lazy", "profile"],
  rows: [
    { labels: ["tts", "s"], cells: [{ value: 55.2213, halfWidth: 0.4123 }, { value: 44.3112, halfWidth: 0.0912, band: [43.7213, 44.6422] }] },
    { labels: ["requests", "count"], cells: [{ value: 1000 }, undefined] },
  ],
};

describe("buildReportHtml", () => {
  it("buildReportHtml(input) puts name, description and sources first, then contents, the pivot table, notes and one section per chart", async () => {
    const mrc = missRatioCurve([{ policy: "lru", size: 1, missRatio: 0.5 }], { sizeUnit: "GiB" });
    const charts = [
      { name: "mrc", title: "Miss ratio", svg: await renderSvg(mrc), spec: mrc },
      { name: "tts", title: "TTS", svg: await renderSvg(ttsDistribution([{ strategy: "a", ttsSeconds: 3 }])) },
    ];
    const html = buildReportHtml({ title: "demo", description: "One VM restored.", sources: ["AWS S3 guidance"], table, notes: ["seed 7"], charts });
    const order = ["<h1>demo</h1>", '<p class="description">One VM restored.</p>', "<li>AWS S3 guidance</li>", "<h2>Contents</h2>", '<h2 id="table">Metrics</h2>', '<h2 id="notes">Notes</h2>', 'id="view-mrc"', 'id="view-tts"'];
    const positions = order.map((text) => html.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html.match(/<li><a href="#[^"]+">[^<]+<\/a><\/li>/g)).toEqual([
      '<li><a href="#table">Metrics</a></li>', '<li><a href="#notes">Notes</a></li>', '<li><a href="#view-mrc">Miss ratio</a></li>', '<li><a href="#view-tts">TTS</a></li>',
    ]);
    // Each chart's SVG once, titled only by the chart itself (no caption or heading repeating it).
    for (const chart of charts) expect(html.split(chart.svg).length - 1).toBe(1);
    expect(html).not.toContain("<figcaption>");
    expect(html.split(">Miss ratio<").length - 1).toBe(1); // the contents link; the chart's own title is inside its SVG
  });

  it("buildReportHtml(input) writes the pivot table: a row per metric, a column per variant, mean ± half-width at the CI's precision", () => {
    const html = buildReportHtml({ title: "r", table, charts: [] });
    expect(html).toContain('<thead><tr><th>Metric</th><th>Unit</th><th class="num">lazy</th><th class="num">profile</th></tr></thead>');
    expect(html.match(/<tr><th scope="row">.*<\/tr>/g)).toEqual([
      '<tr><th scope="row">tts</th><td>s</td><td class="num">55.2 ± 0.4</td><td class="num">44.31 ± 0.09 [43.72–44.64]</td></tr>',
      '<tr><th scope="row">requests</th><td>count</td><td class="num">1000</td><td class="num"></td></tr>',
    ]);
  });

  it("buildReportHtml(charts with specs) inlines vega, vega-lite and vega-embed once and each spec as JSON; without specs, no script at all", async () => {
    const spec = missRatioCurve([{ policy: "lru", size: 1, missRatio: 0.5 }], { sizeUnit: "GiB" });
    const svg = await renderSvg(spec);
    const html = buildReportHtml({ title: "r", charts: [{ name: "a", title: "A", svg, spec }, { name: "b", title: "B", svg, spec }] });
    expect(html.match(/<script>\/\* (vega|vega-lite|vega-embed) [0-9.]+ /g)).toEqual([expect.stringMatching(/vega /), expect.stringMatching(/vega-lite /), expect.stringMatching(/vega-embed /)]);
    const specs = [...html.matchAll(/<script type="application\/json" class="vl-spec">(.*)<\/script>/g)].map((match) => JSON.parse(match[1]));
    expect(specs).toEqual([JSON.parse(JSON.stringify(spec)), JSON.parse(JSON.stringify(spec))]);
    expect(html).toContain("script-src 'unsafe-inline' 'unsafe-eval'");
    // Outside the vega builds (whose code names URLs it never fetches here: the browser test checks no request is made), no reference out.
    expect(html.split(vegaScripts())).toHaveLength(2);
    expect(html.replace(vegaScripts(), "")).not.toMatch(/<script[^>]* src=|<link|@import|https?:\/\/(?!www\.w3\.org|vega\.github\.io)[a-z]/);
    const plain = buildReportHtml({ title: "r", table, charts: [{ name: "a", title: "A", svg }], notes: ["seed 7"] });
    expect(plain).not.toContain("<script");
    expect(plain).toContain("default-src 'none'; style-src 'unsafe-inline'; img-src data: blob:\">");
    expect(buildReportHtml({ title: "r", table, charts: [{ name: "a", title: "A", svg }], notes: ["seed 7"] })).toBe(plain);
  });

  it("buildReportHtml(input with <script> in title, description, sources, notes, table and chart title) escapes all of it", () => {
    const evil = "<script>alert(1)</script>";
    const html = buildReportHtml({
      title: evil,
      description: evil,
      sources: [evil],
      table: { labelHeaders: [evil], columns: [evil], rows: [{ labels: [evil], cells: [{ value: evil }] }] },
      charts: [{ name: "x", title: evil, svg: "<svg></svg>", spec: { title: "</script><script>alert(2)</script>" } }],
      notes: [evil],
    });
    expect(html.split("&lt;script&gt;alert(1)&lt;/script&gt;").length - 1).toBe(11);
    expect(html).not.toContain("<script>alert");
    expect(html).toContain('{"title":"\\u003c/script>\\u003cscript>alert(2)\\u003c/script>"}');
  });

  it("buildReportHtml(chart svg with an XML prolog) drops the prolog", () => {
    const html = buildReportHtml({ title: "r", charts: [{ name: "a", title: "A", svg: '<?xml version="1.0"?>\n<svg id="s"></svg>' }] });
    expect(html).toContain('<div class="static">\n<svg id="s"></svg>\n</div>');
    expect(html).not.toContain("<?xml");
  });
});
