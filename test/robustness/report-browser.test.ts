/**
 * report.html in a real browser: headless Chromium (Debian's package, driven by playwright-core)
 * opens a run's report offline and waits for vega-embed to draw every chart, then checks, chart
 * by chart: it was drawn interactively, with marks; a legend naming every colour wherever colour
 * encodes a field the axes do not already show; a title on every axis (with a unit in
 * parentheses where its labels are numbers; small multiples whose panel headers name the unit
 * are exempt); and no two visible text elements overlapping (bounding boxes, 1 px tolerance).
 * The same page with JavaScript disabled shows every chart's static SVG. A screenshot of the
 * page's top 2,400 px goes to results/; with RTOLAB_UPDATE_SCREENSHOT=1 also to
 * docs/images/report-object-store.png, the README's worked example.
 *
 * Without /usr/bin/chromium the test is skipped with a message locally and fails under CI=true
 * (`.ci/run` installs Debian's chromium and stops when it cannot).
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/lab/run.ts";
import { loadScenario } from "../../src/lab/load.ts";
import { comparisonBars, missRatioCurve, renderSvg, ttsDistribution } from "../../src/report/charts/index.ts";
import { buildReportHtml } from "../../src/report/html/report.ts";
import { runReportFiles, runViews } from "../../src/report/run-report.ts";
import { runFiles } from "../../src/report/run-results.ts";
import { REPO } from "./cli-child.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** The page is served from this made-up origin by request interception; nothing else may load. */
const PAGE_URL = "http://rtolab.invalid/report.html";

/** Why the browser check cannot run here, or undefined when it can. Throws under CI: CI never skips it. */
function skipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.env.CI === "true") throw new Error(`${CHROMIUM} is missing under CI=true: .ci/run installs Debian's chromium; the browser check of report.html is not skipped in CI`);
  return `${CHROMIUM} is missing: apt-get install -y chromium to run the browser check of report.html (skipped locally)`;
}

/** What a spec promises: per colour encoding that needs a legend (its field is on no axis), the colours' domain. */
function legendDomains(spec: unknown): string[][] {
  const domains: string[][] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    const { encoding } = node as { encoding?: Record<string, { field?: string; legend?: unknown; scale?: { domain?: string[] } }> };
    const color = encoding?.color;
    if (color?.field !== undefined && color.field !== encoding?.x?.field && color.field !== encoding?.y?.field) domains.push(color.scale?.domain ?? []);
    Object.values(node).forEach(visit);
  };
  visit(spec);
  return domains;
}

/** What one chart looks like in the page. */
interface ChartCheck {
  id: string;
  rendered: string;
  marks: number;
  legendLabels: string[];
  /** Per axis with visible labels: its title ("" when none) and whether its labels are numbers. */
  axes: { title: string; numeric: boolean }[];
  /** Titles of the panels of small multiples. */
  panelTitles: string[];
  texts: number;
  overlaps: string[];
}

/** The DOM as readCharts uses it, in the page (this file is type-checked without TypeScript's DOM library). */
interface PageElement {
  tagName: string;
  id: string;
  textContent: string | null;
  parentElement: PageElement | null;
  dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): PageElement[];
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number };
}
declare const document: { querySelectorAll(selector: string): PageElement[] };
declare function getComputedStyle(element: PageElement): { opacity: string; display: string };

/** Reads every chart of the page: drawn SVG (interactive, or the static one), legends, axes, text boxes. */
function readCharts(): ChartCheck[] {
  const visible = (element: PageElement): boolean => {
    for (let node: PageElement | null = element; node && node.tagName.toLowerCase() !== "svg"; node = node.parentElement) {
      if (node.getAttribute("opacity") === "0" || getComputedStyle(node).opacity === "0" || getComputedStyle(node).display === "none") return false;
    }
    return (element.textContent ?? "").trim() !== "";
  };
  return [...document.querySelectorAll(".chart")].map((chart) => {
    const svg = (chart.querySelector(".interactive svg") ?? chart.querySelector(".static svg")) as PageElement;
    const texts = [...svg.querySelectorAll("text")].filter(visible).map((text) => ({ text: text.textContent ?? "", box: text.getBoundingClientRect() }));
    const overlaps: string[] = [];
    texts.forEach((a, i) =>
      texts.slice(i + 1).forEach((b) => {
        const width = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const height = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (width > 1 && height > 1) overlaps.push(`"${a.text}" and "${b.text}" overlap by ${width.toFixed(1)} × ${height.toFixed(1)} px`);
      }),
    );
    const axes = [...svg.querySelectorAll("g.role-axis")].flatMap((axis) => {
      const labels = [...axis.querySelectorAll("text.role-axis-label, g.role-axis-label text")].filter(visible).map((label) => label.textContent ?? "");
      if (labels.length === 0) return [];
      const title = [...axis.querySelectorAll("g.role-axis-title text, text.role-axis-title")].map((t) => t.textContent ?? "").join(" ").trim();
      return [{ title, numeric: labels.every((label) => /^[−-]?[\d,.]+[%kMGµmun]?$/.test(label)) }];
    });
    return {
      id: chart.parentElement?.id ?? "",
      rendered: chart.dataset.rendered ?? "",
      marks: svg.querySelectorAll('g[class*="role-mark"] > path, g[class*="role-mark"] > line, g[class*="role-mark"] > rect, g[class*="role-mark"] > g').length,
      legendLabels: [...svg.querySelectorAll("g.role-legend-label text, text.role-legend-label")].map((t) => t.textContent ?? ""),
      axes,
      panelTitles: [...svg.querySelectorAll("g.cell g.role-title text, g[class*='cell'] text.role-title-text")].map((t) => t.textContent ?? ""),
      texts: texts.length,
      overlaps,
    };
  });
}

/** What the page did in the browser. */
interface PageCheck {
  consoleErrors: string[];
  blockedRequests: string[];
  charts: ChartCheck[];
}

/** One headless Chromium for the file (started on first use), a fresh context (profile) per page. */
let browser: Promise<Browser> | undefined;

/** Opens `html` in a fresh context of headless Chromium, offline; waits for every chart; screenshots the page's top 2,400 px. */
async function openInChromium(html: string, screenshot: string, options: { javaScript?: boolean } = {}): Promise<PageCheck> {
  browser ??= chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const context = await (await browser).newContext({ viewport: { width: 1200, height: 1400 }, javaScriptEnabled: options.javaScript ?? true });
  const check: PageCheck = { consoleErrors: [], blockedRequests: [], charts: [] };
  try {
    await context.route("**/*", async (route) => {
      if (route.request().url() === PAGE_URL) return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html });
      check.blockedRequests.push(route.request().url());
      return route.abort("internetdisconnected");
    });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") check.consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => check.consoleErrors.push(error.message));
    await page.goto(PAGE_URL, { waitUntil: "load" });
    if (options.javaScript !== false) {
      await page.waitForFunction(() => [...document.querySelectorAll(".chart")].every((chart) => chart.dataset.rendered !== undefined), undefined, { timeout: 30_000 });
    }
    check.charts = await page.evaluate(`(${readCharts.toString()})()`);
    await page.screenshot({ path: screenshot, fullPage: true, clip: { x: 0, y: 0, width: 1200, height: 2400 } });
  } finally {
    await context.close();
  }
  return check;
}

/** The checks every chart of a report passes; `specs` are the charts' Vega-Lite specs in page order. */
function expectReadable(charts: readonly ChartCheck[], specs: readonly unknown[]): void {
  expect(charts).toHaveLength(specs.length);
  charts.forEach((chart, i) => {
    expect(chart.marks, chart.id).toBeGreaterThan(0);
    expect(chart.texts, chart.id).toBeGreaterThan(4);
    expect(chart.axes.length, chart.id).toBeGreaterThan(0);
    expect(chart.overlaps, chart.id).toEqual([]);
    // Every colour named: the legend lists each value of every colour domain the axes do not show.
    for (const domain of legendDomains(specs[i])) for (const value of domain) expect(chart.legendLabels, `${chart.id}: legend entry ${value}`).toContain(value);
    const unitsInPanels = chart.panelTitles.length > 0 && chart.panelTitles.every((title) => /\(.+\)$/.test(title));
    for (const axis of chart.axes) {
      if (axis.title === "" && unitsInPanels) continue;
      expect(axis.title, `${chart.id}: an axis without title`).not.toBe("");
      if (axis.numeric) expect(axis.title, `${chart.id}: numeric axis "${axis.title}" without a unit`).toMatch(/\(.+\)/);
    }
  });
}

describe("report.html in headless Chromium", { timeout: 120_000 }, () => {
  const reason = skipReason();
  const results = join(REPO, "results");
  afterAll(async () => {
    await (await browser)?.close();
  });

  it.skipIf(reason !== undefined)(`report.html of the demo (lazy, profile, coordinated; 2 replications) draws every chart interactively, offline, with legends, axis titles and no overlapping text${reason ? ` [${reason}]` : ""}`, async () => {
    const loaded = loadScenario(join(REPO, "scenarios/restore/one-vm-object-store.yaml"), { sets: ["replications=2"] });
    const chosen = { ...loaded, variants: loaded.variants.filter((variant) => ["lazy", "profile", "coordinated"].includes(variant.name)) };
    const files = runFiles(runScenario(chosen, { seed: 1 }));
    const views = runViews(files);
    expect(views.map((view) => view.name)).toEqual(["metrics", "latency", "relocation", "hit-ratio", "tts"]);
    const report = String((await runReportFiles(files, ["svg"])).get("report.html"));
    mkdirSync(results, { recursive: true });
    const shot = join(results, "report-browser-run.png");
    const check = await openInChromium(report, shot);
    expect(check.consoleErrors).toEqual([]);
    expect(check.blockedRequests).toEqual([]);
    expect(check.charts.map((chart) => [chart.id, chart.rendered])).toEqual(views.map((view) => [`view-${view.name}`, "interactive"]));
    expectReadable(check.charts, views.map((view) => view.spec));
    // Numbers the checks rest on: the metrics chart's legend names the three variants; the latency chart's the percentiles.
    expect(check.charts[0].legendLabels).toEqual(["lazy", "profile", "coordinated"]);
    expect(check.charts[1].legendLabels).toEqual(["p50", "p95", "p99"]);
    if (process.env.RTOLAB_UPDATE_SCREENSHOT === "1") copyFileSync(shot, join(REPO, "docs/images/report-object-store.png"));

    // Without JavaScript the static SVGs stand in, with the same legends.
    const still = await openInChromium(report, join(results, "report-browser-static.png"), { javaScript: false });
    expect(still.consoleErrors).toEqual([]);
    expect(still.charts.map((chart) => chart.rendered)).toEqual(views.map(() => ""));
    expect(still.charts.map((chart) => chart.legendLabels)).toEqual(check.charts.map((chart) => chart.legendLabels));
    expectReadable(still.charts, views.map((view) => view.spec));
  });

  it.skipIf(reason !== undefined)("buildReportHtml(miss-ratio curve, TTS distribution, comparison bars) draws every chart interactively with legends, axis titles and no overlapping text, offline", async () => {
    const specs = [
      missRatioCurve([1, 2, 4, 8].flatMap((size) => [{ policy: "lru", size, missRatio: 0.6 / size }, { policy: "s3fifo", size, missRatio: 0.5 / size }]), { sizeUnit: "GiB" }),
      ttsDistribution([3, 4, 5, 6, 9].flatMap((t) => [{ strategy: "instant", ttsSeconds: t }, { strategy: "full-restore", ttsSeconds: 10 * t }])),
      comparisonBars([{ strategy: "a", metric: "tts", unit: "s", value: 4 }, { strategy: "b", metric: "tts", unit: "s", value: 6 }]),
    ];
    const names = ["mrc", "tts", "bars"];
    const charts = await Promise.all(specs.map(async (spec, i) => ({ name: names[i], title: String(spec.title), svg: await renderSvg(spec), spec })));
    const html = buildReportHtml({ title: "rtolab report <check>", charts, notes: ["offline check"] });
    mkdirSync(results, { recursive: true });
    const check = await openInChromium(html, join(results, "report-browser-charts.png"));
    expect(check.consoleErrors).toEqual([]);
    expect(check.blockedRequests).toEqual([]);
    expect(check.charts.map((chart) => [chart.id, chart.rendered])).toEqual([["view-mrc", "interactive"], ["view-tts", "interactive"], ["view-bars", "interactive"]]);
    expectReadable(check.charts, specs);
    expect(check.charts[0].legendLabels).toEqual(["lru", "s3fifo"]);
  });
});
