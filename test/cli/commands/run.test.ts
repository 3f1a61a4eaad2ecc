/**
 * `rtolab run`: its printed tables, its output, and `--out`: a results folder is only ever replaced if rtolab wrote it, and a refused
 * folder is refused before the run starts. The runs asked for here would take minutes
 * (4 × 30M customers), so a check made only after the run would time the test out.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyticError, comparisonTable, metricsTable } from "../../../src/cli/commands/run.ts";
import type { MetricSummary } from "../../../src/metrics/summarize.ts";
import { REPO, rtolabAsync, rtolabIn, rtolabSync } from "../../robustness/cli-child.ts";

const MM1 = join(REPO, "scenarios/validation/mm1.yaml");
const slow = ["--quiet", "--set", "replications=4", "--set", "model.customers=30000000"];
const quick = ["--quiet", "--set", "replications=2", "--set", "model.customers=2000"];

describe("rtolab run --out", { timeout: 30_000 }, () => {
  // The refusals are independent children, mostly single-threaded start-up: they run at once (it.concurrent).
  it.concurrent("rtolab run --out <a user's folder> exits 2 at once, leaving thesis.tex", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-run-out-"));
    writeFileSync(join(dir, "thesis.tex"), "\\documentclass{book}");
    const { status, stdout, stderr } = await rtolabAsync(REPO, "run", MM1, "--out", dir, ...slow);
    expect([status, stdout, stderr]).toEqual([2, "", `rtolab: ${dir}: an empty folder or a results folder rtolab wrote (it holds thesis.tex, but no .rtolab-results marker; choose another --out)\n`]);
    expect(readdirSync(dir)).toEqual(["thesis.tex"]);
    expect(readFileSync(join(dir, "thesis.tex"), "utf8")).toBe("\\documentclass{book}");
  });

  it.concurrent("rtolab run --out <a file> exits 2 at once and keeps the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-run-out-"));
    writeFileSync(join(dir, "notes.txt"), "mine");
    const { status, stderr } = await rtolabAsync(dir, "run", MM1, "--out", "notes.txt", ...slow);
    expect([status, stderr]).toEqual([2, "rtolab: notes.txt: a results folder, not a file (rtolab never replaces a file with a folder)\n"]);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");
  });

  it.concurrent("rtolab run --out ../../a from a/b (an ancestor of the current folder) exits 2, leaving a/notes.txt and a/b", async () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-run-out-"));
    mkdirSync(join(root, "a", "b"), { recursive: true });
    writeFileSync(join(root, "a", "notes.txt"), "mine");
    const cwd = join(root, "a", "b");
    const outs = ["../../a", "..", "."];
    const ends = await Promise.all(outs.map((out) => rtolabAsync(cwd, "run", MM1, "--out", out, ...slow)));
    outs.forEach((out, i) => {
      const { status, stderr } = ends[i];
      expect([status, stderr]).toEqual([2, `rtolab: ${out}: a results folder other than the current folder or one of its parents (${cwd})\n`]);
    });
    expect(readdirSync(join(root, "a")).sort()).toEqual(["b", "notes.txt"]);
  });

  it.concurrent("rtolab run --out '' and --out / exit 2 at once", async () => {
    const [empty, root] = await Promise.all([rtolabAsync(REPO, "run", MM1, "--out", "", ...slow), rtolabAsync(REPO, "run", MM1, "--out", "/", ...slow)]);
    expect(empty).toMatchObject({ status: 2, stderr: "rtolab: --out: a folder path, not an empty string\n" });
    expect(root).toMatchObject({ status: 2, stderr: "rtolab: /: a results folder, not a filesystem root\n" });
  });

  it("rtolab run twice into the same folder replaces rtolab's own folder, as before", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-run-out-")), "run");
    expect(rtolabIn(REPO, "run", MM1, "--out", out, ...quick).status).toBe(0);
    const first = readFileSync(join(out, "summary.json"), "utf8");
    const again = rtolabIn(REPO, "run", MM1, "--out", out, ...quick);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`results: ${out}`);
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe(first);
    expect(readdirSync(join(out, "..")).sort()).toEqual(["run"]);
  });

  it("rtolab run into the default folder refuses a user's folder that took its place", () => {
    const results = mkdtempSync(join(tmpdir(), "rtolab-run-results-"));
    const ok = rtolabIn(REPO, "run", MM1, "--results", results, ...quick);
    expect(ok.status).toBe(0);
    const folder = /^results: (.*)$/m.exec(ok.stdout)![1];
    rmSync(folder, { recursive: true });
    mkdirSync(folder);
    writeFileSync(join(folder, "keep.txt"), "mine");
    const { status, stderr } = rtolabIn(REPO, "run", MM1, "--results", results, ...quick);
    expect([status, stderr]).toEqual([2, `rtolab: ${folder}: an empty folder or a results folder rtolab wrote (it holds keep.txt, but no .rtolab-results marker; choose another --out)\n`]);
    expect(readdirSync(folder)).toEqual(["keep.txt"]);
  });
});

describe("rtolab run", { timeout: 30_000 }, () => {
  it("rtolab run prints simulated vs analytic waiting time and writes the results folder", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-cli-")), "run");
    const { status, stdout } = rtolabSync("run", "scenarios/validation/mm1.yaml", "--seed", "7", "--out", out, "--set", "replications=2", "--set", "model.customers=5000");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^waitMean\s+ms\s+[\d.]+\s+± [\d.]+\s+4\s/m);
    expect(stdout).toContain(`results: ${out}`);
    expect(readdirSync(out).sort()).toEqual([".rtolab-results", "charts", "metrics.csv", "replications.csv", "report.html", "summary.json"]);
  });
});

const tts: MetricSummary = { name: "tts", unit: "s", n: 3, mean: 43.7234, sd: 1, ci95: [43.2234, 44.2234], lower: 41.21, upper: 47.93 };
const cpu: MetricSummary = { name: "cpu", unit: "fraction", n: 3, mean: 0.5, sd: 0, ci95: [0.5, 0.5] };

describe("rtolab run's printed tables", () => {
  it("metricsTable() shows a banded metric as mean [lower–upper], an unbanded one as before", () => {
    expect(metricsTable([tts, cpu]).split("\n")).toEqual([
      "metric  unit      simulated            95% CI  analytic  error",
      "tts     s         43.72 [41.21–47.93]  ± 0.5",
      "cpu     fraction  0.5                  ± 0",
    ]);
  });

  it("comparisonTable() adds the band after mean ± CI half-width", () => {
    const slow = { ...tts, mean: 50, ci95: [49, 51] as [number, number], lower: 48, upper: 55 };
    expect(comparisonTable([{ name: "lazy", metrics: [tts, cpu] }, { name: "full", metrics: [slow] }]).split("\n")).toEqual([
      "metric  unit      lazy                       full",
      "tts     s         43.72 ± 0.5 [41.21–47.93]  50 ± 1 [48–55]",
      "cpu     fraction  0.5",
    ]);
  });

  it("comparisonTable() gives a variant with analytic values its own analytic and error columns", () => {
    const wait = (mean: number, analytic: number): MetricSummary => ({ name: "waitMean.high", unit: "ms", n: 10, mean, sd: 0.01, ci95: [mean - 0.01, mean + 0.01], analytic });
    expect(comparisonTable([{ name: "np", metrics: [wait(1.139, 1.143), cpu] }, { name: "pr", metrics: [wait(0.4257, 0.4286)] }, { name: "other", metrics: [cpu] }]).split("\n")).toEqual([
      "metric         unit      np            analytic  error   pr             analytic  error     other",
      "waitMean.high  ms        1.139 ± 0.01  1.143     -0.35%  0.4257 ± 0.01  0.4286    -0.6766%",
      "cpu            fraction  0.5                                                                0.5",
    ]);
  });

  it("analyticError() is the relative error in percent, empty without an analytic value or when it is 0", () => {
    expect(analyticError({ ...cpu, mean: 4.023, analytic: 4 })).toBe("0.575%");
    expect(analyticError(cpu)).toBe("");
    expect(analyticError({ ...cpu, analytic: 0 })).toBe("");
  });
});
