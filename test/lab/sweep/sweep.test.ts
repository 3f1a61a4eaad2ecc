import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { aggregateSweep } from "../../../src/lab/sweep/aggregate.ts";
import { mergeShards } from "../../../src/lab/sweep/merge.ts";
import { planSweep } from "../../../src/lab/sweep/plan.ts";
import { runSweep } from "../../../src/lab/sweep/run.ts";
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
    expect(single.get("summary.csv")?.split("\n")[0]).toBe("point,variant,model.servers,model.arrival.mean,metric,unit,n,mean,sd,ci95_low,ci95_high,analytic,band_low,band_high");
  });

  it("runSweep() with 2 workers writes byte-identical files to 1 worker", async () => {
    expect(await sweepInto("two-workers", 2)).toEqual(single);
  }, 120_000);

  it("runSweep() in 3 shards then mergeShards() is byte-identical to the single run", async () => {
    const shards = [1, 2, 3].map((index) => join(root, `shard-${index}`));
    const counts: number[] = [];
    for (const [i, folder] of shards.entries()) {
      const stats = await runSweep(plan(), folder, { workers: 0, shard: { index: i + 1, count: 3 } });
      counts.push(stats.ran);
      expect(stats.complete).toBe(false);
    }
    expect(counts).toEqual([4, 4, 4]);
    const merged = join(root, "merged");
    expect(mergeShards(merged, shards)).toEqual({ jobs: 12, copied: 12, missing: 0 });
    await aggregateSweep(merged);
    expect(filesOf(merged)).toEqual(single);
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

  it("runSweep() into a folder of another sweep throws an InputError", async () => {
    const other = planSweep(sweepScenario, { sets: [...smallSets, "seed=2"] });
    await expect(runSweep(other, join(root, "one-worker"), { workers: 0 })).rejects.toThrow(/a folder of this same sweep/);
  });

  it("planSweep() names the point whose values do not validate", () => {
    expect(() => planSweep(sweepScenario, { sets: [...smallSets, 'sweep.grid={"model.servers": [1, -2]}'] })).toThrow(
      /sweep point \{"model.servers":-2\}: model.servers/,
    );
  });

  it("planSweep() gives variants adjacent points sharing a combination", () => {
    const variants = planSweep(sweepScenario, {
      sets: [...smallSets, 'variants=[{name: fifo, set: {}}, {name: two, set: {"model.servers": 2}}]', 'sweep.grid={"model.arrival.mean": ["2ms", "1.5ms"]}'],
    });
    expect(variants.manifest.points.map((p) => [p.id, p.variant, p.combination])).toEqual([
      ["p0000", "fifo", 0],
      ["p0001", "two", 0],
      ["p0002", "fifo", 1],
      ["p0003", "two", 1],
    ]);
  });
});
