import { describe, expect, it } from "vitest";
import { runJob, type JobInput } from "../../../src/lab/sweep/job.ts";
import { planSweep } from "../../../src/lab/sweep/plan.ts";
import sweepWorker from "../../../src/lab/sweep/worker.ts";
import { smallSets, sweepScenario } from "./fixtures.ts";

const plan = planSweep(sweepScenario, { sets: smallSets });
const point = plan.manifest.points[1];
const input: JobInput = { path: plan.path, sets: point.sets, variant: point.variant, seed: 1, replication: 0, hash: point.hash, sweep: plan.hash, point: point.id };

describe("sweepWorker", () => {
  it("sweepWorker(job), the worker thread's entry, answers as runJob(job): the point's replication, tagged with sweep and point", () => {
    const outcome = sweepWorker(input);
    expect(outcome).toEqual(runJob(input));
    expect(outcome.ok && [outcome.result.sweep, outcome.result.point, outcome.result.replication]).toEqual([plan.hash, "p0001", 0]);
  });

  it("sweepWorker() sends bad input back as data (it crosses a thread boundary, where error classes are lost)", () => {
    expect(sweepWorker({ ...input, hash: "0".repeat(64) })).toEqual({ ok: false, error: { source: plan.path, where: "", expected: "the same scenario during the whole sweep (the file changed)" } });
    expect(sweepWorker({ ...input, path: "no-such.yaml" })).toMatchObject({ ok: false, error: { source: "no-such.yaml" } });
  });
});
