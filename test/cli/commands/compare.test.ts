import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { COMPARE_CSV_COLUMNS, compareTable, executeCompare, minEffectOption } from "../../../src/cli/commands/compare.ts";
import { countMarks } from "../../report/charts/svg-marks.ts";
import { parseCsv } from "../../../src/report/run-report.ts";
import { runScenario } from "../../../src/lab/run.ts";
import { loadScenario } from "../../../src/lab/load.ts";
import { writeRunResults } from "../../../src/report/run-results.ts";

const SMALL = ["model.customers=3000", "model.warmupCustomers=300", 'variants=[{name: slow, set: {}}, {name: fast, set: {"model.service.mean": "0.8ms"}}]'];

async function runFolder(replications: number): Promise<string> {
  const loaded = loadScenario("scenarios/validation/mm1.yaml", { sets: [`replications=${replications}`, ...SMALL] });
  return writeRunResults(runScenario(loaded, { seed: 7 }), { out: join(mkdtempSync(join(tmpdir(), "rtolab-cli-compare-")), "run") });
}

function printed(run: () => void): string {
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
  try {
    run();
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
  return lines.join("\n");
}

describe("rtolab compare", () => {
  let three = "";
  let one = "";
  beforeAll(async () => {
    [three, one] = [await runFolder(3), await runFolder(1)];
  }, 60_000);
  afterEach(() => vi.restoreAllMocks());

  it("rtolab compare RUN --variants slow,fast heads the columns with the variant names", () => {
    const [header, ...rest] = printed(() => executeCompare({ folders: [three], variants: "slow,fast" })).split("\n");
    expect(header.split(/\s{2,}/)).toEqual(["metric", "unit", "slow", "fast", "fast − slow (95% CI)"]);
    // M/M/1 at ρ 0.8 against 0.64: the mean wait falls from about 4 ms to about 1.8 ms.
    const wait = rest.find((line) => line.startsWith("waitMean"))?.split(/\s{2,}/) ?? [];
    expect(wait[0]).toBe("waitMean");
    expect(Number(wait[2])).toBeGreaterThan(2.5);
    expect(Number(wait[3])).toBeLessThan(2.5);
    // Rounded to the difference's CI: the mean has as many decimals as the half-width.
    const [difference, halfWidth] = wait[4].split(" ± ");
    expect(difference.split(".")[1]?.length ?? 0).toBe(halfWidth.split(".")[1]?.length ?? 0);
  });

  it("rtolab compare on one replication says to run more", () => {
    expect(() => executeCompare({ folders: [one], variants: "slow,fast" })).toThrow(
      "compare: " + one + ": metrics with at least 2 replications in both (a confidence interval needs 2 or more; this run has 1: rerun it with --set replications=10)",
    );
  });

  it("rtolab compare --csv prints one row per metric with full-precision numbers and the effect", () => {
    const rows = parseCsv(printed(() => executeCompare({ folders: [three], variants: "slow,fast", csv: true })));
    expect(Object.keys(rows[0])).toEqual([...COMPARE_CSV_COLUMNS]);
    const wait = rows.find((row) => row.metric === "waitMean");
    expect([wait?.a, wait?.b, wait?.effect, wait?.paired, wait?.n]).toEqual(["slow", "fast", "lower", "true", "3"]);
    expect(Number(wait?.difference)).toBeCloseTo(Number(wait?.mean_b) - Number(wait?.mean_a), 9);
  });

  it("rtolab compare --json --min-effect 100% is refused, 50% makes utilisation's 20% fall negligible", () => {
    expect(() => minEffectOption("100%")).toThrow('--min-effect: 100%: a percentage of A\'s mean below 100%, e.g. "1%"');
    expect(() => minEffectOption("0.01")).toThrow(/--min-effect: 0.01: a percentage/);
    const comparisons = JSON.parse(printed(() => executeCompare({ folders: [three], variants: "slow,fast", json: true, minEffect: "50%" }))) as { metric: string; effect: string }[];
    // Utilisation falls from 0.8 to 0.64 (−20%): below a 50% threshold. The mean wait falls by ~55%: not.
    expect(comparisons.find((c) => c.metric === "utilisation")?.effect).toBe("negligible");
    expect(comparisons.find((c) => c.metric === "waitMean")?.effect).toBe("lower");
  });

  it("rtolab compare --chart diff.vl.json|.svg writes the chart of the printed differences: one panel per metric in its unit, CI = difference ± half-width", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-compare-chart-"));
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
    await executeCompare({ folders: [three], variants: "slow,fast", json: true, chart: join(dir, "diff.vl.json") });
    vi.restoreAllMocks();
    const comparisons = JSON.parse(lines.join("\n")) as { metric: string; unit: string; difference: number; halfWidth: number; effect: string }[];
    const spec = JSON.parse(readFileSync(join(dir, "diff.vl.json"), "utf8")) as { vconcat: { layer: { encoding: { x: { title?: string } } }[] }[]; data: { values: Record<string, number | string>[] } };
    expect(spec.data.values.map((row) => row.metric)).toEqual(comparisons.map((c) => c.metric));
    spec.data.values.forEach((row, i) => {
      const c = comparisons[i];
      expect([row.difference, row.effect, row.unit]).toEqual([c.difference, c.effect, c.unit]);
      expect(row.ciLow).toBeCloseTo(c.difference - c.halfWidth, 12);
      expect(row.ciHigh).toBeCloseTo(c.difference + c.halfWidth, 12);
    });
    expect(spec.vconcat.map((panel) => panel.layer[2].encoding.x.title)).toEqual(comparisons.map((c) => `${c.metric}: fast − slow (${c.unit})`));
    expect(comparisons.find((c) => c.metric === "waitMean")?.effect).toBe("lower");
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    await executeCompare({ folders: [three], variants: "slow,fast", csv: true, chart: join(dir, "diff.svg") });
    vi.restoreAllMocks();
    // One point per compared metric; per panel two rules: the dashed zero line and the CI's bar.
    const svg = readFileSync(join(dir, "diff.svg"), "utf8");
    expect(countMarks(svg, "point")).toBe(comparisons.length);
    expect(countMarks(svg, "rule mark container")).toBe(2 * comparisons.length);
    expect(() => executeCompare({ folders: [three], variants: "slow,fast", chart: join(dir, "diff.pdf") })).toThrow(`--chart: ${join(dir, "diff.pdf")}: a file name ending in .vl.json, .svg or .png`);
  }, 30_000);
});

describe("compareTable", () => {
  it("rounds means to the difference's CI but never shows a non-zero mean as 0 (profile's p99 0.2171 ms beside a −172 ± 13 ms difference)", () => {
    const row = { group: "", labelA: "lazy", labelB: "profile", metric: "demandLatencyP99", unit: "ms", meanA: 172.9876, meanB: 0.21712, difference: -172.77, halfWidth: 13.2, n: 5, paired: true, significant: true, effect: "lower" as const, verdict: "" };
    const line = compareTable([row]).split("\n")[1].trim().split(/\s{2,}/);
    expect(line).toEqual(["demandLatencyP99", "ms", "173", "0.2171", "-173 ± 13"]);
  });
});
