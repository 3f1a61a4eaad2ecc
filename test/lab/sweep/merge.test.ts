import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { aggregateSweep } from "../../../src/lab/sweep/aggregate.ts";
import { jobResultText, type JobResult } from "../../../src/lab/sweep/jobs.ts";
import { mergeShards } from "../../../src/lab/sweep/merge.ts";
import { planSweep } from "../../../src/lab/sweep/plan.ts";
import { runSweep } from "../../../src/lab/sweep/run.ts";
import { filesOf, smallSets, sweepScenario } from "./fixtures.ts";

const root = mkdtempSync(join(tmpdir(), "rtolab-merge-"));
const plan = () => planSweep(sweepScenario, { sets: smallSets });

describe("mergeShards", () => {
  let single: Map<string, string>;
  beforeAll(async () => {
    const folder = join(root, "single");
    await runSweep(plan(), folder, { workers: 0 });
    await aggregateSweep(folder);
    single = filesOf(folder);
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

  it("mergeShards() counts jobs no shard has as missing", async () => {
    const shard = join(root, "only-1-of-4");
    await runSweep(plan(), shard, { workers: 0, shard: { index: 1, count: 4 } });
    expect(mergeShards(join(root, "partial-merge"), [shard])).toEqual({ jobs: 12, copied: 3, missing: 9 });
  }, 120_000);

  it("mergeShards() refuses shards that disagree on a job or hold another sweep", async () => {
    const a = join(root, "a");
    const b = join(root, "b");
    await runSweep(plan(), a, { workers: 0, shard: { index: 1, count: 4 } });
    await runSweep(plan(), b, { workers: 0, shard: { index: 1, count: 4 } });
    // Identical shards merge: each job copied once.
    expect(mergeShards(join(root, "ab"), [a, b])).toEqual({ jobs: 12, copied: 3, missing: 9 });
    const file = join(b, "points/p0000-r0.json");
    const result = JSON.parse(readFileSync(file, "utf8")) as JobResult;
    // Edited in valid JSON, its checksum left as it was: refused, naming the file (issue #19 item 10).
    writeFileSync(file, JSON.stringify({ ...result, events: result.events + 1 }));
    expect(() => mergeShards(join(root, "ab-edited"), [a, b])).toThrow(`${file}: a job result whose checksum matches its content (the file was edited); delete it and run its job again`);
    // Another replication's result under this job's name, checksum and all: refused by its identity.
    writeFileSync(file, jobResultText({ ...result, replication: 3 }));
    expect(() => mergeShards(join(root, "ab-renamed"), [a, b])).toThrow(`${file}: the result of point p0000, replication 0 (the file holds replication 3: copied or renamed); delete it and run its job again`);
    // Two whole results that differ (as two rtolab builds could): refused as a disagreement.
    writeFileSync(file, jobResultText({ ...result, events: result.events + 1 }));
    expect(() => mergeShards(join(root, "ab-disagree"), [a, b])).toThrow(/p0000-r0.json: the same result as .*p0000-r0.json \(the two runs disagree\)/);
    const other = join(root, "other");
    await runSweep(planSweep(sweepScenario, { sets: [...smallSets, "seed=2"] }), other, { workers: 0, shard: { index: 1, count: 12 } });
    expect(() => mergeShards(join(root, "mixed"), [a, other])).toThrow(/the same sweep as .*sweep.json \(rtolab version, scenario, --set and sweep must match\)/);
    expect(() => mergeShards(join(root, "none"), [])).toThrow(/at least one shard folder/);
  }, 120_000);
});
