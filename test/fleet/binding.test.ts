import { describe, expect, it } from "vitest";
import { BINDING_THRESHOLD, bindingLabel, bindingResource, fleetBindings } from "../../src/fleet/binding.ts";
import { runFleet } from "../../src/fleet/run-fleet.ts";
import type { FleetSpec } from "../../src/fleet/spec.ts";
import { RngStreams } from "../../src/kernel/rng.ts";
import { loadScenario } from "../../src/lab/load.ts";
import { fleetModel, LAZY, runPipelineFleet } from "./pipeline-toy.ts";
import { metric } from "./toy.ts";

const means = (values: Record<string, number>) => new Map(Object.entries(values).map(([k, v]) => [k, { mean: v }]));
const asMeans = (metrics: readonly { name: string; value: number }[]) => new Map(metrics.map((m) => [m.name, { mean: m.value }]));

describe("bindingResource", () => {
  it("bindingResource() names the most utilised throughput resource at or above 0.8, even when the VSA slots are fuller", () => {
    const b = bindingResource(means({ "restore.vsaUtilisation": 1, "restore.maNicUtilisation": 0.85, "restore.maDiskBusy": 0.9, "restore.maReadUtilisation": 0, "restore.wanUtilisation": 0.7 }), "restore");
    expect(b).toEqual({
      phase: "restore", resource: "MA storage", utilisation: 0.9, busiest: "VSA slots",
      utilisations: { "MA storage": 0.9, "MA NIC": 0.85, WAN: 0.7, "VSA slots": 1 },
    });
  });

  it("bindingResource() names the VSA slots only when no throughput resource reaches the threshold, and none below it", () => {
    const at = (slots: number, nic: number) => bindingResource(means({ "backup.vsaUtilisation": slots, "backup.maNicUtilisation": nic }), "backup");
    expect(BINDING_THRESHOLD).toBe(0.8);
    expect(at(0.8, 0.79)?.resource).toBe("VSA slots");
    expect(at(0.79, 0.79)).toMatchObject({ resource: "none", utilisation: 0.79, busiest: "MA NIC" }); // a tie: the throughput resource listed first
    expect(at(0.95, 0.8)?.resource).toBe("MA NIC");
    expect(bindingResource(means({ "backup.vsaUtilisation": 0.95, "backup.maNicUtilisation": 0.5 }), "backup", 0.96)?.resource).toBe("none");
  });

  it("bindingResource() is undefined for a phase the metrics do not report; fleetBindings() lists backup then restore", () => {
    const m = means({ "restore.vsaUtilisation": 0.3, "backup.vsaUtilisation": 0.9, "backup.maIngestUtilisation": 0.97 });
    expect(bindingResource(m, "nightly")).toBeUndefined();
    expect(fleetBindings(m).map((b) => bindingLabel(b, true))).toEqual(["backup: MA ingest 0.97", "restore: none (busiest VSA slots 0.30)"]);
  });
});

describe("binding resource of fleet runs", () => {
  const toy = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as unknown as FleetSpec;
  const flow = (mediaAgents: number, vsas: number) =>
    runFleet({ ...toy, mediaAgents: { ...toy.mediaAgents, count: mediaAgents }, vsas: { ...toy.vsas, count: vsas } }, new RngStreams("1/0")).metrics;

  it("flow toy, 4 agents and 1 VSA (2 slots): the slots bind (1.0); each agent reads at 100 MB/s half the time (0.5 by hand)", () => {
    // 8 GB through 2 streams at 100 MB/s: 40 s; 4 agents could read 16 GB in that time.
    const m = flow(4, 1);
    expect(metric(m, "tts.max")).toBeCloseTo(40 / 60, 12);
    const b = bindingResource(asMeans(m), "restore");
    expect(b?.resource).toBe("VSA slots");
    expect(b?.utilisation).toBe(1);
    expect(b?.utilisations["MA storage"]).toBeCloseTo(0.5, 12);
    expect(b?.utilisations["VSA throughput"]).toBeCloseTo(0.2, 12); // 200 MB/s through a 1 GB/s VSA
  });

  it("flow toy, 1 agent and 4 VSAs (8 slots): the agent's 100 MB/s read binds (1.0) though every slot is busy too", () => {
    const m = flow(1, 4);
    expect(metric(m, "tts.max")).toBeCloseTo(80 / 60, 12); // 8 GB at 100 MB/s
    const b = bindingResource(asMeans(m), "restore");
    expect(b).toMatchObject({ resource: "MA storage", utilisation: 1 });
    expect(b?.utilisations["VSA slots"]).toBe(1);
  });

  it("pipeline: 24 lazy live mounts on one agent's HDD bind its storage (disk busy ≥ 0.8); three agents free it and cut TTS p95 by more than half", () => {
    const one = runPipelineFleet(fleetModel({ vms: 24, mediaAgents: 1, prefetch: LAZY })).metrics;
    const three = runPipelineFleet(fleetModel({ vms: 24, mediaAgents: 3, prefetch: LAZY })).metrics;
    const [b1, b3] = [bindingResource(asMeans(one), "restore"), bindingResource(asMeans(three), "restore")];
    expect(b1?.resource).toBe("MA storage");
    expect(b1?.utilisation).toBeGreaterThanOrEqual(0.85); // 0.902 measured
    expect(b3).toMatchObject({ resource: "none", busiest: "MA storage" });
    expect(b3?.utilisation).toBeLessThan(0.5); // 0.422 measured
    expect(metric(three, "tts.p95")).toBeLessThan(metric(one, "tts.p95") / 2); // 1.14 against 2.63 min measured
  });

  it("pipeline: one VSA slot and a 60 s mount per VM: the slot binds (busy ≥ 0.8) while the agent's disk idles", () => {
    const model = fleetModel({ vms: 8, mediaAgents: 1, vsaCores: 1, prefetch: LAZY });
    const restore = model.restore as { mountTime: number };
    restore.mountTime = 60e9;
    const b = bindingResource(asMeans(runPipelineFleet(model).metrics), "restore");
    expect(b?.resource).toBe("VSA slots");
    // 8 VMs × 63 s of slot (mount, register, power-on) over the makespan: 504 s of about 545 s.
    expect(b?.utilisation).toBeGreaterThan(0.9); // 0.926 measured
    expect(b?.utilisations["MA storage"]).toBeLessThan(0.1); // 0.050 measured
  });
});
