import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readManifest, readSweepResults, summarizePoints, sweepDataFiles, sweptScenarioText } from "../../../src/lab/sweep/aggregate.ts";
import { planSweep } from "../../../src/lab/sweep/plan.ts";
import { runSweep } from "../../../src/lab/sweep/run.ts";
import { smallSets, sweepScenario } from "./fixtures.ts";

const root = mkdtempSync(join(tmpdir(), "rtolab-aggregate-"));
const folder = join(root, "sweep");
const plan = planSweep(sweepScenario, { sets: smallSets });

// Student-t 0.975 quantile with 2 degrees of freedom (3 replications), in closed form:
// t = (2q − 1) / √(2q(1 − q)) for ν = 2.
const T_2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);

describe("aggregate", () => {
  beforeAll(async () => {
    await runSweep(plan, folder, { workers: 0 });
  }, 120_000);

  it("readSweepResults() returns each point's replications in order", () => {
    const sweep = readSweepResults(folder);
    expect(sweep.hash).toBe(plan.hash);
    expect(sweep.results.map((replications) => replications.map((r) => `${r.point}-r${r.replication}`))).toEqual(
      ["p0000", "p0001", "p0002", "p0003"].map((point) => [0, 1, 2].map((r) => `${point}-r${r}`)),
    );
  });

  it("summarizePoints() gives each metric's mean, sample sd and Student-t 95% CI over the 3 replications", () => {
    const sweep = readSweepResults(folder);
    const [first] = summarizePoints(sweep);
    const values = sweep.results[0].map((r) => r.metrics.find((m) => m.name === "waitMean")?.value ?? NaN);
    const mean = (values[0] + values[1] + values[2]) / 3;
    const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / 2);
    const wait = first.metrics.find((m) => m.name === "waitMean");
    expect(wait?.n).toBe(3);
    expect(wait?.mean).toBeCloseTo(mean, 12);
    expect(wait?.sd).toBeCloseTo(sd, 12);
    expect(wait?.ci95[0]).toBeCloseTo(mean - (T_2 * sd) / Math.sqrt(3), 12);
    expect(wait?.ci95[1]).toBeCloseTo(mean + (T_2 * sd) / Math.sqrt(3), 12);
    expect(T_2 * sd).toBeGreaterThan(0.01); // the CI is wide enough for the quantile to matter
    // M/M/1 at ρ = 0.5: Wq = ρ/(μ − λ) = 0.5 / (1 − 0.5) ms = 1 ms.
    expect(wait?.analytic).toBeCloseTo(1, 12);
  });

  it("sweepDataFiles() writes one tidy row per point × replication × metric and sums the events", () => {
    const sweep = readSweepResults(folder);
    const files = sweepDataFiles(sweep);
    const metrics = sweep.results[0][0].metrics.length;
    expect(files.get("sweep.csv")?.trim().split("\n")).toHaveLength(4 * 3 * metrics + 1);
    expect(files.get("summary.csv")?.trim().split("\n")).toHaveLength(4 * metrics + 1);
    const summary = JSON.parse(files.get("summary.json") ?? "{}") as { events: number; points: Array<{ id: string; values: Record<string, unknown> }> };
    expect(summary.events).toBe(sweep.results.flat().reduce((sum, r) => sum + r.events, 0));
    expect(summary.points.map((p) => p.values["model.servers"])).toEqual([1, 1, 2, 2]);
  });

  it("sweepDataFiles() leads with the run columns and gives each swept duration in seconds beside its written form (#17)", () => {
    const sweep = readSweepResults(folder);
    const files = sweepDataFiles(sweep);
    const [header, first] = (files.get("sweep.csv") ?? "").split("\n");
    expect(header).toBe("scenario,seed,run,point,variant,model.servers,model.arrival.mean,model.arrival.mean_s,replication,metric,unit,value,band_low,band_high");
    expect(first.split(",").slice(0, 8)).toEqual(["mm1-load", String(sweep.manifest.seed), `sweep-s${sweep.manifest.seed}-${sweep.hash.slice(0, 10)}`, "p0000", "base", "1", "2ms", "0.002"]);
    const summaryRows = (files.get("summary.csv") ?? "").trim().split("\n").slice(1).map((line) => line.split(","));
    // Grid order: servers × mean, the last field fastest: 2ms, 1.25ms, 2ms, 1.25ms.
    expect([...new Set(summaryRows.map((row) => row.slice(3, 8).join(" ")))]).toEqual(["p0000 base 1 2ms 0.002", "p0001 base 1 1.25ms 0.00125", "p0002 base 2 2ms 0.002", "p0003 base 2 1.25ms 0.00125"]);
  });

  it("readManifest() rejects an edited manifest; readSweepResults() counts missing jobs", () => {
    const copy = join(root, "copy");
    const partial = join(root, "partial");
    return (async () => {
      await runSweep(plan, partial, { workers: 0, shard: { index: 1, count: 4 } });
      expect(() => readSweepResults(partial)).toThrow(/points: every job's result \(9 missing/);
      await runSweep(plan, copy, { workers: 0, shard: { index: 1, count: 12 } });
      const path = join(copy, "sweep.json");
      writeFileSync(path, readFileSync(path, "utf8").replace('"seed": 1', '"seed": 2'));
      expect(() => readManifest(copy)).toThrow(/sweep.json: hash: the hash of this manifest \(the file was edited\)/);
      rmSync(path);
      expect(() => readManifest(copy)).toThrow(/a sweep folder \(no sweep.json\)/);
    })();
  }, 120_000);
});

describe("sweptScenarioText", () => {
  it("reads the scenario's description and sources when the file still loads to the manifest's hash, and nothing otherwise", () => {
    const text = sweptScenarioText(plan.manifest);
    expect(text.description).toMatch(/^Mean waiting time of an M\/M\/c FIFO station/);
    expect(text.sources).toEqual(["Closed forms: L. Kleinrock, Queueing Systems Vol. 1 (1975), M/M/1 and M/M/c. Parameters are free."]);
    // Another --set at sweep time would give another hash: the file says nothing about that sweep.
    expect(sweptScenarioText({ ...plan.manifest, scenario: { ...plan.manifest.scenario, hash: "not-this-sweep" } })).toEqual({});
    expect(sweptScenarioText({ ...plan.manifest, scenario: { ...plan.manifest.scenario, file: "scenarios/sweeps/gone.yaml" } })).toEqual({});
  });
});
