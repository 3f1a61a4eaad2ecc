import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateEstate } from "../../../../src/fleet/estate.ts";
import { RngStreams } from "../../../../src/kernel/rng.ts";
import { pipelineBoots, restoreSpecFor } from "../../../../src/lab/kinds/fleet/pipeline-spec.ts";
import { readRtolabCsv } from "../../../../src/workloads/traces/rtolab-csv.ts";
import { fleetModel, LAZY, scenarioDir } from "../../../fleet/pipeline-toy.ts";

/** Bytes a trace reads at or before `cutUs`, summed here from the file (the closed form of `readBytes`). */
function readsUpTo(file: string, cutUs: number): number {
  let bytes = 0;
  for (const r of readRtolabCsv(join(scenarioDir, file))) if (r.op === "R" && r.timeUs <= cutUs) bytes += r.length;
  return bytes;
}

describe("restoreSpecFor", () => {
  it("restoreSpecFor() is the matching kind: restore spec: the fleet's NICs, LAN latency, mount time and sample window, the pipeline's media agents, relocation never", () => {
    const model = fleetModel();
    const pipeline = model.restore!.pipeline!;
    const spec = restoreSpecFor(model, pipeline, pipeline.vms, 3);
    expect(spec.mediaAgents).toEqual({ ...pipeline.mediaAgents, count: 3, nicBandwidth: 1.25e9, nicLatency: 100e3 });
    expect(spec.hosts).toEqual({ count: 1, datastore: pipeline.hosts.datastore, nicBandwidth: 1.25e9, nicLatency: 100e3 });
    expect(spec.timeline).toEqual({ mountTime: 5e9, registerTime: 2e9, powerOnTime: 1e9 });
    expect(spec.vms).toMatchObject({ count: 1, startSpacing: 0, diskSize: 4 * 2 ** 20, blockSize: 2 ** 20, trace: "../../traces/gboot1.csv", serviceReady: 35_724_121_000 });
    expect([spec.relocation.start, spec.metricsWindow, spec.network.sharing]).toEqual(["never", 3600e9, "max-min"]);
  });
});

describe("pipelineBoots", () => {
  it("pipelineBoots()(vm) gives the VM's boot: its reads up to service ready (summed from the trace), its replay plan and its profile in 4 MiB chunks", () => {
    const model = fleetModel();
    const boot = pipelineBoots(model, model.restore!.pipeline!, scenarioDir)(generateEstate(model, new RngStreams("1/0")).vms[0]);
    expect(boot.readBytes).toBe(readsUpTo("../../traces/gboot1.csv", 35_724_121));
    expect(boot.readBytes).toBe(110_559_744);
    // Its requests (reads and writes) up to the cut, which a progress line counts.
    expect(boot.requests).toBe([...readRtolabCsv(join(scenarioDir, "../../traces/gboot1.csv"))].filter((r) => r.timeUs <= 35_724_121).length);
    expect(boot.inputs.serviceReadyUs).toBe(35_724_121);
    expect(boot.profile?.blockSize).toBe(4 * 2 ** 20);
    expect(boot.spec.mediaAgents.count).toBe(1);
  });

  it("pipelineBoots() gives a byType entry to the VMs of that host type", () => {
    const model = fleetModel();
    const pipeline = structuredClone(model.restore!.pipeline!);
    pipeline.vms.byType = { t: { ...pipeline.vms, trace: "../../traces/gboot0.csv", serviceReady: 36_524_944_000 } };
    const boot = pipelineBoots(model, pipeline, scenarioDir)(generateEstate(model, new RngStreams("1/0")).vms[0]);
    expect(boot.readBytes).toBe(readsUpTo("../../traces/gboot0.csv", 36_524_944));
    expect(boot.spec.vms.trace).toBe("../../traces/gboot0.csv");
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

  it("pipelineBoots() refuses a block size that does not divide the chunk, and prefetch policy profile without a profile", () => {
    const model = fleetModel();
    const block = model.restore!.pipeline!;
    const uneven = structuredClone(block);
    uneven.vms.blockSize = 3 * 2 ** 20;
    expect(() => pipelineBoots(model, uneven, scenarioDir)).toThrow("scenario: model.restore.pipeline.vms.blockSize: a size dividing model.restore.pipeline.chunkSize (4194304)");
    const noProfile = structuredClone(block);
    noProfile.vms.profile = { traces: [] };
    expect(() => pipelineBoots(model, noProfile, scenarioDir)).toThrow("scenario: model.restore.pipeline.vms.profile: profile traces or a profile file (prefetch policy profile needs one)");
    const lazy = fleetModel({ prefetch: LAZY });
    const lazyBlock = structuredClone(lazy.restore!.pipeline!);
    lazyBlock.vms.profile = { traces: [] };
    expect(pipelineBoots(lazy, lazyBlock, scenarioDir)(generateEstate(lazy, new RngStreams("1/0")).vms[0]).profile).toBeUndefined();
  });
});
