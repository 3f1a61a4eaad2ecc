import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { aggregateSweep } from "../../../src/lab/sweep/aggregate.ts";
import { planSweep } from "../../../src/lab/sweep/plan.ts";
import { manifestText, runSweep } from "../../../src/lab/sweep/run.ts";
import { filesOf, smallSets, sweepScenario } from "./fixtures.ts";

const root = mkdtempSync(join(tmpdir(), "rtolab-sweep-"));
const plan = () => planSweep(sweepScenario, { sets: smallSets });

async function sweepInto(name: string, workers: number): Promise<Map<string, string>> {
  const folder = join(root, name);
  const stats = await runSweep(plan(), folder, { workers });
  expect(stats).toEqual({ jobs: 12, resumed: 0, ran: 12, complete: true });
  await aggregateSweep(folder);
  return filesOf(folder);
}

describe("runSweep", () => {
  let single: Map<string, string>;
  beforeAll(async () => {
    single = await sweepInto("one-worker", 1);
  }, 120_000);

  it("runSweep(plan, folder, { workers: 1 }) writes points, CSVs, summary, charts and report.html", () => {
    const names = [...single.keys()];
    expect(names.filter((name) => name.startsWith("points/"))).toHaveLength(12);
    for (const file of ["sweep.json", "sweep.csv", "summary.csv", "summary.json", "report.html", "charts/surface-waitMean.svg", "charts/surface-waitMean.png"]) {
      expect(names).toContain(file);
    }
    // 4 points × 3 replications × 6 metrics, plus the header.
    expect(single.get("sweep.csv")?.trim().split("\n")).toHaveLength(4 * 3 * 6 + 1);
    expect(single.get("summary.csv")?.split("\n")[0]).toBe("scenario,seed,run,point,variant,model.servers,model.arrival.mean,model.arrival.mean_s,metric,unit,n,mean,sd,ci95_low,ci95_high,analytic,band_low,band_high");
  });

  it("runSweep() with 2 workers writes byte-identical files to 1 worker", async () => {
    expect(await sweepInto("two-workers", 2)).toEqual(single);
  }, 120_000);

  it("runSweep() again after an interruption runs only the missing jobs and ends identical", async () => {
    const folder = join(root, "resumed");
    await runSweep(plan(), folder, { workers: 0, shard: { index: 1, count: 2 } });
    rmSync(join(folder, "points/p0000-r0.json"));
    const stats = await runSweep(plan(), folder, { workers: 0 });
    expect(stats).toEqual({ jobs: 12, resumed: 5, ran: 7, complete: true });
    await aggregateSweep(folder);
    expect(filesOf(folder)).toEqual(single);
  }, 120_000);

  it("runSweep() writes the manifest as manifestText(plan), with the plan's hash", () => {
    const text = single.get("sweep.json") ?? "";
    expect(text).toBe(manifestText(plan()));
    expect(JSON.parse(text).hash).toBe(plan().hash);
  });

  it("runSweep() skips a job whose result file is there and counts it as resumed", async () => {
    const folder = join(root, "partial");
    expect(await runSweep(plan(), folder, { workers: 0, shard: { index: 3, count: 3 } })).toEqual({ jobs: 4, resumed: 0, ran: 4, complete: false });
    // Shard 3 of 3 holds jobs 2, 5, 8, 11: points p0000–p0003, replication 2.
    expect([...filesOf(folder).keys()].filter((name) => name.startsWith("points/"))).toEqual(["points/p0000-r2.json", "points/p0001-r2.json", "points/p0002-r2.json", "points/p0003-r2.json"]);
    rmSync(join(folder, "points/p0001-r2.json"));
    expect(await runSweep(plan(), folder, { workers: 0, shard: { index: 3, count: 3 } })).toEqual({ jobs: 4, resumed: 3, ran: 1, complete: false });
  });

  it("runSweep() into a folder of another sweep throws an InputError", async () => {
    const other = planSweep(sweepScenario, { sets: [...smallSets, "seed=2"] });
    await expect(runSweep(other, join(root, "one-worker"), { workers: 0 })).rejects.toThrow(/a folder of this same sweep/);
  });

});
