import { describe, expect, it } from "vitest";
import { parseShard, shardJobs, sweepJobs } from "../../../src/lab/sweep/jobs.ts";
import type { SweepManifest } from "../../../src/lab/sweep/plan.ts";

const point = (id: string) => ({ id, variant: "base", values: {}, combination: 0, sets: [], hash: "" });
const manifest: SweepManifest = { rtolab: "0", scenario: { name: "s", file: "s.yaml", hash: "" }, seed: 1, replications: 3, fields: [], points: [point("p0000"), point("p0001")] };

describe("sweep jobs", () => {
  it("sweepJobs(manifest) lists point-major, replication-minor jobs with their files", () => {
    const jobs = sweepJobs(manifest);
    expect(jobs).toHaveLength(6);
    expect(jobs[4]).toEqual({ index: 4, point: 1, replication: 1, file: "points/p0001-r1.json" });
  });

  it("parseShard(k/n) reads a 1-based shard and rejects the rest", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    for (const bad of ["0/3", "4/3", "1/0", "a/b", "1"]) expect(() => parseShard(bad)).toThrow(/--shard: .*k\/n with 1 <= k <= n/);
  });

  it("shardJobs(jobs, k/n) partitions the jobs round robin", () => {
    const jobs = sweepJobs(manifest);
    const shards = [1, 2, 3, 4].map((index) => shardJobs(jobs, { index, count: 4 }).map((job) => job.index));
    expect(shards).toEqual([[0, 4], [1, 5], [2], [3]]);
  });
});
