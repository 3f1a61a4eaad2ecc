import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { buildRestoreWorld } from "../../../src/lab/kinds/restore/build.ts";
import { pipelineBoots } from "../../../src/lab/kinds/fleet/pipeline-spec.ts";
import { loadScenario } from "../../../src/scenario/load.ts";
import { fleetModel, LAZY, OBJECT_STORE, restoreSpec, runPipelineFleet, scenarioDir } from "../../fleet/pipeline-toy.ts";

describe("fleetPipeline", () => {
  it("fleetPipeline(): a 1-VM fleet pipeline restore has the TTS of the matching kind: restore scenario, to the ns", () => {
    const world = buildRestoreWorld(restoreSpec(), { replication: 0, streams: new RngStreams("1/0"), scenarioDir });
    world.sim.run();
    const expected = world.restores[0].parts.vm.timeTo("serviceReady");
    const [phase] = runPipelineFleet(fleetModel()).phases;
    const task = phase.tasks[0];
    // The VSA is free at t = 0, so the restore request and the attempt start coincide.
    expect(task.firstStart).toBe(0);
    expect(task.completedAt).toBe(expected);
    // Pinned: mount 5 s + register 2 s + power-on 1 s + the trace's own 35.724121 s to service
    // ready (profile pre-staging serves reads fast enough that the guest's think times decide).
    expect(expected).toBe(8e9 + 35_724_121_000);
  });

  it("fleetPipeline(): a lazy mount from an object store, where the reads decide, agrees with kind: restore to the ns", () => {
    const world = buildRestoreWorld(restoreSpec(LAZY, OBJECT_STORE), { replication: 0, streams: new RngStreams("1/0"), scenarioDir });
    world.sim.run();
    const expected = world.restores[0].parts.vm.timeTo("serviceReady") as number;
    const [phase] = runPipelineFleet(fleetModel({ prefetch: LAZY, storage: OBJECT_STORE })).phases;
    expect(phase.tasks[0].completedAt).toBe(expected);
    // Every first read of a chunk waits ~100 ms for the object store: the boot is stretched.
    expect(expected).toBeGreaterThan(8e9 + 35_724_121_000 + 5e9);
    expect(expected).toBe(51_906_547_131);
  });

  it("pipelineBoots() refuses a byType key that is no host type, a missing trace and a dedup chunk that differs, naming the field", () => {
    const model = fleetModel();
    const block = model.restore!.pipeline!;
    const boots = (change: (b: typeof block) => void) => {
      const copy = structuredClone(block);
      change(copy);
      return () => pipelineBoots(model, copy, scenarioDir);
    };
    expect(boots((b) => (b.vms.byType = { db: { ...b.vms } }))).toThrow("scenario: model.restore.pipeline.vms.byType.db: a host type of the estate (t)");
    expect(boots((b) => (b.vms.trace = "../../traces/none.csv"))).toThrow(/model\.restore\.pipeline\.vms\.trace: an existing file/);
    expect(boots((b) => (b.chunkSize = 2 ** 23))).toThrow("scenario: model.restore.pipeline.mediaAgents.storage.chunkSize: equal to model.restore.pipeline.chunkSize (8388608)");
  });

  it("loadScenario() with a unitless pipeline size fails with one line naming its path", () => {
    const file = fileURLToPath(new URL("../../../scenarios/fleet/mass-restore.yaml", import.meta.url));
    expect(() => loadScenario(file, { sets: ["model.restore.pipeline.chunkSize=lots"] })).toThrow(/model\.restore\.pipeline\.chunkSize/);
  });
});
