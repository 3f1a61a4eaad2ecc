/**
 * report.html in a real browser: headless Chromium (Debian's package, driven by playwright-core)
 * opens a run's report and a report of several standard charts, offline, and checks there are
 * no console errors and every chart drew marks; a screenshot goes to results/.
 *
 * Without /usr/bin/chromium the test is skipped with a message locally, and fails under CI=true
 * unless RTOLAB_SKIP_BROWSER says why (its value is the reason; `.ci/run` installs chromium and sets
 * it when the install fails).
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/lab/run.ts";
import { comparisonBars, missRatioCurve, renderSvg, ttsDistribution } from "../../src/report/charts/index.ts";
import { buildReportHtml } from "../../src/report/html/report.ts";
import { runReportFiles } from "../../src/report/run-report.ts";
import { runFiles } from "../../src/report/run-results.ts";
import { loadScenario } from "../../src/lab/load.ts";
import { REPO } from "./cli-child.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** The page is served from this made-up origin by request interception; nothing else may load. */
const PAGE_URL = "http://rtolab.invalid/report.html";

/** Why the browser check cannot run here, or undefined when it can. Throws under CI without an excuse. */
function skipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const excuse = process.env.RTOLAB_SKIP_BROWSER;
  if (excuse) return `${CHROMIUM} missing, browser check skipped: RTOLAB_SKIP_BROWSER=${excuse}`;
  if (process.env.CI === "true") throw new Error(`${CHROMIUM} is missing under CI=true: install Debian's chromium in .ci/run, or set RTOLAB_SKIP_BROWSER to the reason`);
  return `${CHROMIUM} is missing: apt-get install -y chromium to run the browser check of report.html (skipped locally)`;
}

/** What the page did in the browser. */
interface PageCheck {
  consoleErrors: string[];
  blockedRequests: string[];
  /** Per chart figure: its id and the number of drawn items inside vega's mark groups. */
  charts: { id: string; marks: number; width: number; height: number }[];
}

/** Opens `html` in headless Chromium with a fresh profile, offline; saves a full-page screenshot. */
async function openInChromium(html: string, screenshot: string): Promise<PageCheck> {
  const profile = mkdtempSync(join(tmpdir(), "rtolab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, offline: false });
  const check: PageCheck = { consoleErrors: [], blockedRequests: [], charts: [] };
  try {
    await context.route("**/*", async (route) => {
      if (route.request().url() === PAGE_URL) return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html });
      check.blockedRequests.push(route.request().url());
      return route.abort("internetdisconnected");
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (message) => {
      if (message.type() === "error") check.consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => check.consoleErrors.push(error.message));
    await page.goto(PAGE_URL, { waitUntil: "load" });
    check.charts = await page.$$eval("figure", (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector("svg");
        const box = svg?.getBoundingClientRect();
        return { id: figure.id, marks: svg ? svg.querySelectorAll('g[class*="role-mark"] > path, g[class*="role-mark"] > line, g[class*="role-mark"] > rect, g[class*="role-mark"] > g').length : 0, width: box?.width ?? 0, height: box?.height ?? 0 };
      }),
    );
    await page.screenshot({ path: screenshot, fullPage: true });
  } finally {
    await context.close();
  }
  return check;
}

describe("report.html in headless Chromium", () => {
  const reason = skipReason();
  const results = join(REPO, "results");

  it.skipIf(reason !== undefined)(`report.html of rtolab run (mm1) opens offline without console errors and draws every chart${reason ? ` [${reason}]` : ""}`, async () => {
    const loaded = loadScenario(join(REPO, "scenarios/validation/mm1.yaml"), { sets: ["replications=3", "model.customers=2000"] });
    const files = runFiles(runScenario(loaded, { seed: 7 }));
    const report = (await runReportFiles(files, ["svg"])).get("report.html");
    expect(typeof report).toBe("string");
    mkdirSync(results, { recursive: true });
    const check = await openInChromium(report as string, join(results, "report-browser-run.png"));
    expect(check.consoleErrors).toEqual([]);
    expect(check.blockedRequests).toEqual([]);
    expect(check.charts.length).toBeGreaterThan(0);
    for (const chart of check.charts) {
      expect(chart.marks, chart.id).toBeGreaterThan(0);
      expect(chart.width * chart.height, chart.id).toBeGreaterThan(0);
    }
  });

  it.skipIf(reason !== undefined)("buildReportHtml(miss-ratio curve, TTS distribution, comparison bars) renders every chart with marks, offline", async () => {
    const charts = [
      { name: "mrc", title: "Miss ratio by cache size", svg: await renderSvg(missRatioCurve([1, 2, 4, 8].flatMap((size) => [{ policy: "lru", size, missRatio: 0.6 / size }, { policy: "s3fifo", size, missRatio: 0.5 / size }]), { sizeUnit: "GiB" })) },
      { name: "tts", title: "Time to service", svg: await renderSvg(ttsDistribution([3, 4, 5, 6, 9].flatMap((t) => [{ strategy: "instant", ttsSeconds: t }, { strategy: "full-restore", ttsSeconds: 10 * t }]))) },
      { name: "bars", title: "Comparison", svg: await renderSvg(comparisonBars([{ strategy: "a", metric: "tts", unit: "s", value: 4 }, { strategy: "b", metric: "tts", unit: "s", value: 6 }])) },
    ];
    const html = buildReportHtml({ title: "rtolab report <check>", summaryRows: [{ metric: "ttsMean", unit: "s", value: 4.2, ci: [4, 4.4] }], charts, notes: ["offline check"] });
    mkdirSync(results, { recursive: true });
    const check = await openInChromium(html, join(results, "report-browser-charts.png"));
    expect(check.consoleErrors).toEqual([]);
    expect(check.blockedRequests).toEqual([]);
    expect(check.charts.map((chart) => chart.id)).toEqual(["chart-mrc", "chart-tts", "chart-bars"]);
    for (const chart of check.charts) expect(chart.marks, chart.id).toBeGreaterThan(0);
  });
});
