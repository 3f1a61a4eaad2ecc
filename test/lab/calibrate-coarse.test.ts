import { describe, expect, it } from "vitest";
import { calibrateCoarse, coarseP95s } from "../../src/lab/calibrate-coarse.ts";
import { runFleetReplication } from "../../src/lab/kinds/fleet.ts";
import type { FleetModel } from "../../src/lab/kinds/fleet/schema.ts";
import { loadScenario } from "../../src/lab/load.ts";
import { RngStreams } from "../../src/kernel/rng.ts";
import { baseVariantOnly } from "../../src/scenario/load.ts";

const DIR = "scenarios/fleet";

function scenarioModel(file: string, sets: string[] = []): FleetModel {
  return baseVariantOnly(loadScenario(`${DIR}/${file}`, { sets })).variants[0].scenario.model as FleetModel;
}

/** TTS p95 (min) of replication 0 of `model` at `mediaAgents`/`vsas`, restore only. */
function p95(model: FleetModel, mediaAgents: number, vsas: number): number {
  const m: FleetModel = { ...model, backup: undefined, mediaAgents: { ...model.mediaAgents, count: mediaAgents }, vsas: { ...model.vsas, count: vsas } };
  const result = runFleetReplication(m, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: DIR });
  return Number(result.metrics.find((x) => x.name === "tts.p95")?.value);
}

describe("calibrateCoarse", () => {
  // Not the fits' own configurations (1 and 2 media agents with every VM started at once).
  // mass-restore 1 MA / 4 VSAs: the media agent's storage binds (2.44 min; 1.21 uncontended);
  // 4 MAs / 2 VSAs: the VSAs' 16 slots bind (waves of 33 s orchestration). ransomware-mixed-estate
  // (Windows and SQL boots of 420–545 MB): 1 MA / 4 VSAs, the media agent binds; 3 MAs / 3 VSAs, slots.
  // scripts/coarse-agreement.ts prints more configurations.
  it.each([
    ["mass-restore", 1, 4],
    ["mass-restore", 4, 2],
    ["ransomware-mixed-estate", 1, 4],
    ["ransomware-mixed-estate", 3, 3],
    // mass-restore's fit, with media agent 1 failing at 1 min, mid-boot: its VMs start over with a new mount.
    ["mass-restore-ma-failure", 4, 16],
  ])("calibrate-coarse: %s at %i MA / %i VSAs: the coarse model with the shipped fit agrees with the pipeline within 10% on TTS p95", (name, mediaAgents, vsas) => {
    const pipeline = scenarioModel(`${name}.yaml`);
    // The same scenario without its pipeline block runs the coarse model, calibrated by the file it references.
    const coarse: FleetModel = { ...pipeline, restore: pipeline.restore && { ...pipeline.restore, pipeline: undefined } };
    expect(coarse.restore?.coarseFit).toBe(`${name.replace("-ma-failure", "")}.coarse.yaml`);
    const real = p95(pipeline, mediaAgents, vsas);
    const fitted = p95(coarse, mediaAgents, vsas);
    expect(Math.abs(fitted / real - 1), `pipeline ${real} min, coarse ${fitted} min`).toBeLessThan(0.1);
  }, 60_000);

  it("calibrate-coarse: the fit reproduces the pipeline's TTS p95 at its two fitting runs (1 and 2 media agents, all VMs at once) and keeps the pipeline's slot time and working sets", () => {
    // 24 VMs, to keep the test short.
    const model = scenarioModel("mass-restore.yaml", ["model.restore.vms=24"]);
    const { fit, provenance } = calibrateCoarse(model, { source: "mass-restore.yaml", scenarioDir: DIR, seed: 1, replications: 1 });
    expect(fit.slotTime).toBe(33e9); // 30 s mount + 2 s register + 1 s power-on
    // The shipped boot traces read ~110 MB each to service ready.
    for (const type of ["win", "linux", "sql"]) expect(fit.byType[type].workingSet / 1e6).toBeCloseTo(110, -1);
    const [, saturated, half] = provenance.runs;
    for (const run of [saturated, half]) {
      const m: FleetModel = { ...model, mediaAgents: { ...model.mediaAgents, count: run.mediaAgents }, vsas: { ...model.vsas, count: run.vsas } };
      const [coarse] = coarseP95s(m, fit, { seed: 1, replications: 1 });
      expect(coarse / Number.parseFloat(run.ttsP95)).toBeCloseTo(1, 2);
    }
    // A boot's uncontended duration is split into reads and think: readRate × (boot − think) = working set.
    const win = fit.byType.win;
    const boot = Number.parseFloat(provenance.runs[0].ttsP95) * 60e9 - fit.slotTime;
    expect((win.workingSet / win.readRate) * 1e9 + win.think).toBeGreaterThan(0.9 * boot);
    expect((win.workingSet / win.readRate) * 1e9 + win.think).toBeLessThan(1.1 * boot);
  }, 60_000);

  it("calibrate-coarse: a scenario without a restore pipeline is refused, naming the field", () => {
    const model = scenarioModel("mass-restore.yaml");
    const coarse: FleetModel = { ...model, restore: model.restore && { ...model.restore, pipeline: undefined } };
    expect(() => calibrateCoarse(coarse, { source: "x.yaml", scenarioDir: DIR, seed: 1, replications: 1 })).toThrow("x.yaml: model.restore.pipeline: a restore pipeline to calibrate the coarse model from");
  });
});
