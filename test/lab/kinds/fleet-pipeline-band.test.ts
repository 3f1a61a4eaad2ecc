import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { buildRestoreWorld } from "../../../src/lab/kinds/restore/build.ts";
import { restorePart } from "../../../src/lab/kinds/restore/results.ts";
import { fleetModel, restoreSpec, runPipelineFleet, scenarioDir } from "../../fleet/pipeline-toy.ts";

const MIN = 60e9;

describe("fleet pipeline model band", () => {
  it("fleetPipeline(): a 1-VM restore's tts percentiles carry the restore kind's TTS band, to the ns", () => {
    const world = buildRestoreWorld(restoreSpec(), { replication: 0, streams: new RngStreams("1/0"), scenarioDir });
    world.sim.run();
    const band = restorePart(world).vms[0].ttsBandNs;
    if (band === undefined) throw new Error("the restore kind gave no band");
    expect(band.upper).toBeGreaterThan(band.lower);
    const [phase] = runPipelineFleet(fleetModel()).phases;
    const attempt = phase.tasks[0].live?.attempt;
    expect(attempt?.serviceReadyBandNs?.()).toEqual(band);
    for (const name of ["tts.p50", "tts.p95", "tts.p99", "tts.max"]) {
      const m = phase.metrics.find((candidate) => candidate.name === name);
      expect([m?.lower, m?.upper]).toEqual([band.lower / MIN, band.upper / MIN]);
      expect(m?.lower).toBeLessThanOrEqual(m?.value as number);
      expect(m?.upper).toBeGreaterThanOrEqual(m?.value as number);
    }
    expect(phase.metrics.find((m) => m.name === "restore.makespan")).not.toHaveProperty("lower");
  });

  it("fleetPipeline(): a full restore (copy, then boot) is banded around its own service ready", () => {
    const [phase] = runPipelineFleet(fleetModel({ full: {} })).phases;
    const task = phase.tasks[0];
    const band = task.live?.attempt.serviceReadyBandNs?.();
    expect(band?.lower).toBeLessThanOrEqual(task.completedAt);
    expect(band?.upper).toBeGreaterThanOrEqual(task.completedAt);
    const p50 = phase.metrics.find((m) => m.name === "tts.p50");
    expect([p50?.lower, p50?.upper]).toEqual([(band?.lower as number) / MIN, (band?.upper as number) / MIN]);
  });
});
