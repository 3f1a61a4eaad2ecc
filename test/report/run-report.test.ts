import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/report/csv.ts";
import { parseCsv, renderViews, runReportFiles, runReportHtml, runViews } from "../../src/report/run-report.ts";
import { countMarks } from "./charts/svg-marks.ts";

const metrics = toCsv(
  [
    { variant: "lru", metric: "tts.p95", unit: "s", n: 2, mean: 40, sd: 1, ci95_low: 39, ci95_high: 41, analytic: "" },
    { variant: "arc", metric: "tts.p95", unit: "s", n: 2, mean: 35, sd: 1, ci95_low: 34, ci95_high: 36, analytic: "" },
  ],
);
const latency = toCsv([
  { variant: "lru", replication: 0, timeS: 0, p50Ms: 1, p95Ms: 3, p99Ms: 9 },
  { variant: "lru", replication: 0, timeS: 1, p50Ms: 1, p95Ms: 2, p99Ms: 5 },
  { variant: "lru", replication: 1, timeS: 0, p50Ms: 7, p95Ms: 7, p99Ms: 7 },
]);
const tts = toCsv([
  { variant: "lru", replication: 0, ttsSeconds: 40 },
  { variant: "arc", replication: 0, ttsSeconds: 35 },
]);
const files = new Map<string, string>([
  ["summary.json", JSON.stringify({ scenario: { name: "demo" }, seed: 7, replications: 2, fingerprint: "f", events: 9, rtolab: "0.1.0" })],
  ["metrics.csv", metrics],
  ["latencyOverTime.csv", latency],
  ["tts.csv", tts],
  ["phases.csv", toCsv([{ variant: "lru", replication: 0, timeS: 0.5, label: "service ready" }])],
]);

describe("run report", () => {
  it("parseCsv(text) reads quoted cells with commas, quotes and newlines", () => {
    expect(parseCsv('a,b\n1,"x,""y""\nz"\n')).toEqual([{ a: "1", b: 'x,"y"\nz' }]);
  });

  it("runViews(files) gives metrics, then the contract's tables in order", () => {
    expect(runViews(files).map((view) => view.name)).toEqual(["metrics", "latency", "tts"]);
  });

  it("runViews(files) plots replication 0 of latencyOverTime with its phase marks", async () => {
    const latencyView = runViews(files).find((view) => view.name === "latency");
    const { charts } = await renderViews(latencyView ? [latencyView] : [], ["svg"]);
    expect(countMarks(charts[0].svg, "line mark")).toBe(3);
    expect(charts[0].svg).toContain("service ready");
  });

  it("runReportFiles(files) writes each view's spec, SVG and PNG plus report.html", async () => {
    const report = await runReportFiles(files);
    expect([...report.keys()]).toEqual([
      "charts/metrics.vl.json", "charts/metrics.svg", "charts/metrics.png",
      "charts/latency.vl.json", "charts/latency.svg", "charts/latency.png",
      "charts/tts.vl.json", "charts/tts.svg", "charts/tts.png",
      "report.html",
    ]);
    const html = String(report.get("report.html"));
    expect(html).toContain("<h1>demo</h1>");
    // A row per metric, a column per variant: mean ± CI half-width at the CI's precision (40.0 ± 1.0: two digits of a half-width starting with 1).
    expect(html).toContain('<thead><tr><th>Metric</th><th>Unit</th><th class="num">lru</th><th class="num">arc</th></tr></thead>');
    expect(html).toContain('<tr><th scope="row">tts.p95</th><td>s</td><td class="num">40.0 ± 1.0</td><td class="num">35.0 ± 1.0</td></tr>');
    expect(html.match(/<section class="view" id="view-[a-z]+"/g)).toEqual(['<section class="view" id="view-metrics"', '<section class="view" id="view-latency"', '<section class="view" id="view-tts"']);
    expect(countMarks(String(report.get("charts/metrics.svg")), "bar")).toBe(2);
  }, 30_000);

  it("runViews(files) draws metrics.csv's band_low,band_high and tts.csv's per-VM bands as model-band error bars", () => {
    const banded = new Map(files);
    banded.set("metrics.csv", toCsv([
      { variant: "lru", metric: "tts", unit: "s", n: 1, mean: 40, sd: 0, ci95_low: 40, ci95_high: 40, analytic: "", band_low: 38, band_high: 45 },
      { variant: "lru", metric: "cpu", unit: "fraction", n: 1, mean: 0.5, sd: 0, ci95_low: 0.5, ci95_high: 0.5, analytic: "", band_low: "", band_high: "" },
    ]));
    banded.set("tts.csv", toCsv([{ variant: "lru", replication: 0, vm: "vm0", ttsSeconds: 40, ttsLowerSeconds: 38, ttsUpperSeconds: 45 }]));
    const views = runViews(banded);
    const metricsValues = (views[0].spec.data as { values: Record<string, unknown>[] }).values;
    expect(metricsValues.map((v) => [v.bandLow, v.bandHigh, v.banded])).toEqual([[38, 45, 1], [0.5, 0.5, 0]]);
    const tts = views.find((view) => view.name === "tts")?.spec as { data: { values: unknown[] }; layer: unknown[] };
    expect(tts.data.values).toEqual([{ strategy: "lru", ttsSeconds: 40, vm: "0/vm0", bandLow: 38, bandHigh: 45, banded: 1 }]);
    expect(tts.layer).toHaveLength(2);
  });

  it("runReportHtml(files) shows metrics.csv's model band in report.html's table", () => {
    const banded = new Map(files);
    banded.set("metrics.csv", toCsv([
      { variant: "lru", metric: "tts", unit: "s", n: 1, mean: 40, sd: 0, ci95_low: 40, ci95_high: 40, analytic: "", band_low: 38, band_high: 45 },
      { variant: "lru", metric: "cpu", unit: "fraction", n: 1, mean: 0.5, sd: 0, ci95_low: 0.5, ci95_high: 0.5, analytic: "", band_low: "", band_high: "" },
    ]));
    const rows = runReportHtml(banded, []).match(/<tr><th scope="row">.*<\/tr>/g);
    expect(rows).toEqual([
      '<tr><th scope="row">tts</th><td>s</td><td class="num">40 [38–45]</td></tr>',
      '<tr><th scope="row">cpu</th><td>fraction</td><td class="num">0.5</td></tr>',
    ]);
  });

  it("runReportHtml(files) opens with the scenario's name, description and sources from summary.json, the closed form under each value", () => {
    const described = new Map(files);
    described.set("summary.json", JSON.stringify({ scenario: { name: "mm1" }, seed: 7, definition: { description: "An M/M/1 queue.", sources: ["Kleinrock (1975), vol. 1"] } }));
    described.set("metrics.csv", toCsv([{ variant: "base", metric: "waitMean", unit: "ms", n: 10, mean: 4.03712, sd: 0.09, ci95_low: 3.97166, ci95_high: 4.10258, analytic: 4 }]));
    const html = runReportHtml(described, []);
    const at = ["<h1>mm1</h1>", '<p class="description">An M/M/1 queue.</p>', "<li>Kleinrock (1975), vol. 1</li>", '<h2 id="table">Metrics</h2>'].map((text) => html.indexOf(text));
    expect(at.every((i) => i >= 0) && at.every((i, k) => k === 0 || i > at[k - 1])).toBe(true);
    expect(html).toContain('<td class="num">4.04 ± 0.07<br><span class="ref">analytic 4</span></td>');
  });
});
