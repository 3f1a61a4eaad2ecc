import { describe, expect, it } from "vitest";
import { BINDING_THRESHOLD, WAIT_THRESHOLD, bindingLabel, bindingResource, fleetBindings, type Binding } from "../../src/fleet/binding.ts";
import { runFleet } from "../../src/fleet/run-fleet.ts";
import type { FleetSpec } from "../../src/fleet/spec.ts";
import { RngStreams } from "../../src/kernel/rng.ts";
import { loadScenario } from "../../src/lab/load.ts";
import { fleetModel, LAZY, runPipelineFleet } from "./pipeline-toy.ts";
import { metric } from "./toy.ts";

const means = (values: Record<string, number>) => new Map(Object.entries(values).map(([k, v]) => [k, { mean: v }]));
const asMeans = (metrics: readonly { name: string; value: number }[]) => new Map(metrics.map((m) => [m.name, { mean: m.value }]));

describe("bindingResource", () => {
  const waits = (wait: number, run: number, phase = "restore") => ({ [`${phase}.wait.mean`]: wait, [`${phase}.run.mean`]: run });

  it("bindingResource() names the most utilised throughput resource at or above 0.8, even when tasks wait for slots", () => {
    const b = bindingResource(means({ ...waits(3, 1), "restore.maNicUtilisation": 0.85, "restore.maDiskBusy": 0.9, "restore.maReadUtilisation": 0, "restore.wanUtilisation": 0.7 }), "restore");
    expect(b).toEqual({
      phase: "restore", resource: "MA storage", value: 0.9, by: "utilisation", busiest: "MA storage",
      measures: { "MA storage": 0.9, "MA NIC": 0.85, WAN: 0.7, "VSA slots": 0.75 },
    });
  });

  it("bindingResource() names the VSA slots when no throughput resource binds and tasks waited ≥ 0.25 of their time; none below", () => {
    const at = (wait: number, run: number, nic: number) => bindingResource(means({ ...waits(wait, run, "backup"), "backup.maNicUtilisation": nic }), "backup");
    expect([BINDING_THRESHOLD, WAIT_THRESHOLD]).toEqual([0.8, 0.25]);
    expect(at(1, 3, 0.79)).toMatchObject({ resource: "VSA slots", value: 0.25 });
    expect(at(0.99, 3, 0.79)).toMatchObject({ resource: "none", value: 0.79, busiest: "MA NIC" });
    expect(at(3, 1, 0.8)?.resource).toBe("MA NIC");
    expect(at(0, 0, 0)?.measures["VSA slots"]).toBe(0);
    expect(bindingResource(means({ ...waits(0, 1), "restore.maNicUtilisation": 0.85 }), "restore", 0.9)?.resource).toBe("none");
  });

  it("bindingResource() names MA storage by its queue when the VMs' reads queued ≥ 0.25 of their time there, more than they waited for slots", () => {
    const at = (wait: number, run: number, queue: number) => bindingResource(means({ ...waits(wait, run), "restore.maDiskBusy": 0.57, "restore.maQueue.mean": queue }), "restore");
    // No slot wait; reads queued 1 of 4 min (0.25): binds; 0.99 of 4: does not.
    expect(at(0, 4, 1)).toMatchObject({ resource: "MA storage", by: "wait", value: 0.25, busiest: "MA storage", measures: { "MA storage": 0.57, "VSA slots": 0, "MA queue": 0.25 } });
    expect(at(0, 4, 0.99)).toMatchObject({ resource: "none", by: "utilisation", value: 0.57 });
    // Slots waited 2 of 4 min, reads queued 1: the slots (0.5 > 0.25); equal shares: the slots too.
    expect(at(2, 2, 1)).toMatchObject({ resource: "VSA slots", value: 0.5, measures: { "MA queue": 0.25 } });
    expect(at(1, 3, 1)).toMatchObject({ resource: "VSA slots", value: 0.25 });
    // Reads queued 3 of 4 min, slots 1: MA storage; a queue counted over overlapping reads is capped at 1.
    expect(at(1, 3, 3)).toMatchObject({ resource: "MA storage", value: 0.75 });
    expect(at(0, 1, 2.5)?.value).toBe(1);
    // A utilisation at 0.8 still comes first.
    expect(bindingResource(means({ ...waits(0, 4), "restore.maNicUtilisation": 0.8, "restore.maQueue.mean": 3 }), "restore")).toMatchObject({ resource: "MA NIC", by: "utilisation" });
    expect(bindingLabel(at(0, 4, 0.84) as Binding, false)).toBe("none (MA storage 0.57, slot wait 0.00, MA queue 0.21)");
    expect(bindingLabel(at(0, 4, 2) as Binding, false)).toBe("MA storage (queue 0.50)");
  });

  it("bindingResource() is undefined for a phase the metrics do not report; fleetBindings() lists backup then restore", () => {
    const m = means({ ...waits(0.3, 1), ...waits(0, 1, "backup"), "backup.maIngestUtilisation": 0.97 });
    expect(bindingResource(m, "nightly")).toBeUndefined();
    expect(fleetBindings(m).map((b) => bindingLabel(b, true))).toEqual(["backup: MA ingest 0.97", "restore: none (slot wait 0.23)"]);
  });
});

describe("binding resource of fleet runs", () => {
  const toy = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as unknown as FleetSpec;
  const flow = (mediaAgents: number, vsas: number) =>
    runFleet({ ...toy, mediaAgents: { ...toy.mediaAgents, count: mediaAgents }, vsas: { ...toy.vsas, count: vsas } }, new RngStreams("1/0")).metrics;

  it("flow toy, 4 agents and 1 VSA (2 slots): the slots bind, tasks waiting 15 of 25 s; each agent reads at 100 MB/s half the time (0.5 by hand)", () => {
    // 8 GB through 2 streams at 100 MB/s: rounds of 10 s; waits 0, 0, 10, 10, 20, 20, 30, 30 s (mean 15), runs 10 s.
    const m = flow(4, 1);
    expect(metric(m, "tts.max")).toBeCloseTo(40 / 60, 12);
    const b = bindingResource(asMeans(m), "restore");
    expect(b?.resource).toBe("VSA slots");
    expect(b?.value).toBeCloseTo(15 / 25, 12);
    expect(b?.measures["MA storage"]).toBeCloseTo(0.5, 12); // 4 agents could read 16 GB in the 40 s
    expect(b?.measures["VSA throughput"]).toBeCloseTo(0.2, 12); // 200 MB/s through a 1 GB/s VSA
  });

  it("flow toy, 1 agent and 4 VSAs (8 slots): the agent's 100 MB/s read binds (1.0); nobody waits for a slot", () => {
    const m = flow(1, 4);
    expect(metric(m, "tts.max")).toBeCloseTo(80 / 60, 12); // 8 GB at 100 MB/s
    expect(bindingResource(asMeans(m), "restore")).toMatchObject({ resource: "MA storage", value: 1, measures: { "VSA slots": 0 } });
  });

  it("pipeline: 24 lazy live mounts on one agent's HDD bind its storage (disk busy ≥ 0.8); three agents free it and cut TTS p95 by more than half", () => {
    const one = runPipelineFleet(fleetModel({ vms: 24, mediaAgents: 1, prefetch: LAZY })).metrics;
    const three = runPipelineFleet(fleetModel({ vms: 24, mediaAgents: 3, prefetch: LAZY })).metrics;
    const [b1, b3] = [bindingResource(asMeans(one), "restore"), bindingResource(asMeans(three), "restore")];
    expect(b1?.resource).toBe("MA storage");
    expect(b1?.value).toBeGreaterThanOrEqual(0.85); // 0.902 measured
    expect(b3).toMatchObject({ resource: "none", busiest: "MA storage" });
    expect(b3?.value).toBeLessThan(0.5); // 0.422 measured
    expect(metric(three, "tts.p95")).toBeLessThan(metric(one, "tts.p95") / 2); // 1.14 against 2.63 min measured
    // The reads' queue at the agent (fetch slots, then disks) shrinks with it.
    expect(b1?.measures["MA queue"]).toBeGreaterThan(2 * (b3?.measures["MA queue"] ?? 1));
  });

  it("pipeline: one VSA slot and a 60 s mount per VM: the slot binds (tasks wait most of their time) while the agent's disk idles", () => {
    const model = fleetModel({ vms: 8, mediaAgents: 1, vsaCores: 1, prefetch: LAZY });
    const restore = model.restore as { mountTime: number };
    restore.mountTime = 60e9;
    const b = bindingResource(asMeans(runPipelineFleet(model).metrics), "restore");
    expect(b?.resource).toBe("VSA slots");
    // Waits 0, 63, ..., 441 s (mean 220.5 s) for a 63 s slot each, then a boot of about 36 s.
    expect(b?.value).toBeGreaterThan(0.6);
    expect(b?.measures["MA storage"]).toBeLessThan(0.1); // 0.050 measured
  });
});
