import { describe, expect, it } from "vitest";
import { missRatioCurve } from "../../../src/report/charts/miss-ratio-curve.ts";
import { renderSvg } from "../../../src/report/charts/render.ts";
import { ttsDistribution } from "../../../src/report/charts/tts-distribution.ts";
import { buildReportHtml, escapeHtml, formatValue } from "../../../src/report/html/report.ts";

describe("escapeHtml", () => {
  it("escapeHtml(text) escapes the five HTML-special characters", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  });
});

describe("formatValue", () => {
  it("formatValue(x) prints 4 significant digits, integers in full", () => {
    expect([0.123456, 1234567, 2.5, 1 / 3, Number.NaN, 12.0001].map(formatValue)).toEqual(["0.1235", "1234567", "2.5", "0.3333", "NaN", "12"]);
  });
});

describe("buildReportHtml", () => {
  const summaryRows = [
    { metric: "ttsMean", unit: "s", value: 42.123456, ci: [40.5, 43.75] as const },
    { metric: "requests", unit: "count", value: 1000 },
    { metric: "policy", unit: "", value: "lru" },
  ];

  it("buildReportHtml(input) inlines every chart's SVG under its title, once", async () => {
    const charts = [
      { name: "mrc", title: "Miss ratio", svg: await renderSvg(missRatioCurve([{ policy: "lru", size: 1, missRatio: 0.5 }], { sizeUnit: "GiB" })) },
      { name: "tts", title: "TTS", svg: await renderSvg(ttsDistribution([{ strategy: "a", ttsSeconds: 3 }])) },
    ];
    const html = buildReportHtml({ title: "mm1 seed 7", summaryRows, charts });
    for (const chart of charts) expect(html.split(chart.svg).length - 1).toBe(1);
    expect(html.match(/<figure id="chart-[a-z]+">/g)).toEqual(['<figure id="chart-mrc">', '<figure id="chart-tts">']);
    expect(html.match(/<figcaption>[^<]*<\/figcaption>/g)).toEqual(["<figcaption>Miss ratio</figcaption>", "<figcaption>TTS</figcaption>"]);
  });

  it("buildReportHtml(input) writes one metrics row per summary row, with the CI", () => {
    const html = buildReportHtml({ title: "r", summaryRows, charts: [] });
    const rows = html.match(/<tr><td>.*<\/td><\/tr>/g) ?? [];
    expect(rows).toEqual([
      '<tr><td>ttsMean</td><td>s</td><td class="num">42.12</td><td class="num">40.5 – 43.75</td></tr>',
      '<tr><td>requests</td><td>count</td><td class="num">1000</td><td class="num"></td></tr>',
      '<tr><td>policy</td><td></td><td class="num">lru</td><td class="num"></td></tr>',
    ]);
  });

  it("buildReportHtml(input) adds a model-band column when a metric has a band, blank for those without", () => {
    const banded = [{ metric: "tts", unit: "s", value: 44.11, band: [43.72, 44.4] as const }, { metric: "requests", unit: "count", value: 1000 }];
    const html = buildReportHtml({ title: "r", summaryRows: banded, charts: [] });
    expect(html).toContain("<th>95% CI</th><th>Model band</th>");
    expect(html.match(/<tr><td>.*<\/td><\/tr>/g)).toEqual([
      '<tr><td>tts</td><td>s</td><td class="num">44.11</td><td class="num"></td><td class="num">43.72 – 44.4</td></tr>',
      '<tr><td>requests</td><td>count</td><td class="num">1000</td><td class="num"></td><td class="num"></td></tr>',
    ]);
    expect(buildReportHtml({ title: "r", summaryRows, charts: [] })).not.toContain("Model band");
  });

  it("buildReportHtml(input with <script> in titles, notes and metrics) escapes all of it", () => {
    const evil = "<script>alert(1)</script>";
    const html = buildReportHtml({
      title: evil,
      summaryRows: [{ metric: evil, unit: evil, value: evil }],
      charts: [{ name: "x", title: evil, svg: "<svg></svg>" }],
      notes: [evil],
    });
    expect(html).not.toContain("<script");
    expect(html.split("&lt;script&gt;alert(1)&lt;/script&gt;").length - 1).toBe(7);
  });

  it("buildReportHtml(input) is self-contained: inline CSS, no script, no external references", () => {
    const html = buildReportHtml({ title: "r", summaryRows, charts: [], notes: ["seed 7"] });
    expect(html.startsWith("<!DOCTYPE html>\n")).toBe(true);
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain("<li>seed 7</li>");
    expect(buildReportHtml({ title: "r", summaryRows, charts: [], notes: ["seed 7"] })).toBe(html);
  });

  it("buildReportHtml(chart svg with an XML prolog) drops the prolog", () => {
    const html = buildReportHtml({ title: "r", summaryRows: [], charts: [{ name: "a", title: "A", svg: '<?xml version="1.0"?>\n<svg id="s"></svg>' }] });
    expect(html).toContain('<figcaption>A</figcaption>\n<svg id="s"></svg>');
    expect(html).not.toContain("<?xml");
  });
});
