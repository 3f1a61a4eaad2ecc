import { describe, expect, it } from "vitest";
import { runJob, type JobInput } from "../../../src/lab/sweep/job.ts";
import { planSweep } from "../../../src/lab/sweep/plan.ts";
import { runReplicationOf } from "../../../src/lab/run.ts";
import { loadScenario } from "../../../src/lab/load.ts";
import { smallSets, sweepScenario } from "./fixtures.ts";

const plan = planSweep(sweepScenario, { sets: smallSets });
const point = plan.manifest.points[2];
const input: JobInput = { path: plan.path, sets: point.sets, variant: point.variant, seed: 1, replication: 1, hash: point.hash, sweep: plan.hash, point: point.id };

describe("runJob", () => {
  it("runJob() gives the point's replication exactly as runReplicationOf does, tagged with sweep and point", () => {
    const outcome = runJob(input);
    if (!outcome.ok) throw new Error("expected ok");
    const loaded = loadScenario(plan.path, { sets: point.sets });
    const direct = runReplicationOf(loaded, loaded.variants[0], 1, 1);
    expect(outcome.result.metrics.map((m) => [m.name, m.value])).toEqual(direct.metrics.map((m) => [m.name, m.value]));
    expect([outcome.result.fingerprint, outcome.result.events]).toEqual([direct.fingerprint, direct.events]);
    expect([outcome.result.sweep, outcome.result.point, outcome.result.replication]).toEqual([plan.hash, "p0002", 1]);
    // The closed form travels with the metric: Erlang C for c = 2, ρ = 0.25 per server (mean wait 1/15 ms).
    expect(outcome.result.metrics.find((m) => m.name === "waitMean")?.analytic).toBeCloseTo(1 / 15, 12);
  });

  it("runJob() reports a changed scenario or a missing variant as data, not a throw", () => {
    expect(runJob({ ...input, hash: "0".repeat(64) })).toEqual({ ok: false, error: { source: plan.path, where: "", expected: "the same scenario during the whole sweep (the file changed)" } });
    expect(runJob({ ...input, variant: "nope" })).toEqual({ ok: false, error: { source: plan.path, where: "variants", expected: "a variant named nope" } });
    const bad = runJob({ ...input, sets: [...input.sets, "model.servers=-1"] });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? "" : bad.error.where).toBe("model.servers");
  });
});
