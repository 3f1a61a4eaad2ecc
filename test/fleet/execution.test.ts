import { describe, expect, it } from "vitest";
import { fleetModel, runPipelineFleet } from "./pipeline-toy.ts";
import { runFleet } from "../../src/fleet/run-fleet.ts";
import type { CoarseFit, FleetSpec } from "../../src/fleet/spec.ts";
import { RngStreams } from "../../src/kernel/rng.ts";
import { metric, toySpec } from "./toy.ts";

/** A toy restore of `vms` VMs of type t on the calibrated coarse model `fit` (no backup). */
function coarseToy(vms: number, mediaAgents: number, fit: CoarseFit, overrides: Partial<FleetSpec> = {}): FleetSpec {
  return toySpec({
    sites: [{ name: "a", datacenters: 1, subnets: 1, datastores: 1, hosts: [{ type: "t", count: 1, vms }] }],
    mediaAgents: { count: mediaAgents, nic: 1.25e9, ingest: 1e9, read: 1e9 },
    backup: undefined,
    restore: { vms, mode: "instant", mountTime: 0, serviceReady: 0, coarse: fit },
    ...overrides,
  });
}

const GIB = 2 ** 30;
/** The four VMs' completions with two per media agent: mount + register + power-on 8 s, then boots of 37.13–37.22 s (docs/replay.md). */
const READY_4 = [45_130_596_870, 45_170_289_766, 45_190_673_834, 45_219_489_409];

describe("Execution (pipeline restores)", () => {
  it("execution: 4 VMs from 2 media agents, no failure: every VM ready at mount + register + power-on + its boot", () => {
    const result = runPipelineFleet(fleetModel({ vms: 4, mediaAgents: 2 }));
    const [phase] = result.phases;
    expect(phase.tasks.map((t) => t.completedAt)).toEqual(READY_4);
    expect(Math.min(...READY_4)).toBeGreaterThan(8e9 + 35_724_121_000);
    // The coordinator spreads the live mounts: two per media agent.
    expect(phase.tasks.map((t) => t.live?.ma.id)).toEqual(["ma0", "ma1", "ma0", "ma1"]);
    expect(metric(result.metrics, "restore.wasted")).toBe(0);
    // The VSA's 8 slots were busy only while orchestrating (8 s of a 45.2 s phase), 4 of them.
    expect(metric(result.metrics, "restore.vsaUtilisation")).toBeCloseTo((4 * 8) / (8 * 45.219489409), 6);
  });

  it("execution: a media agent failing mid-boot restarts its VMs from scratch on the other, none lost, bytes conserved", () => {
    const clean = runPipelineFleet(fleetModel({ vms: 4, mediaAgents: 2 }));
    const failed = runPipelineFleet(fleetModel({ vms: 4, mediaAgents: 2, failures: [{ phase: "restore", at: "20s", target: "mediaAgent", index: 0 }] }));
    const [phase] = failed.phases;
    expect(phase.tasks.every((t) => t.completions === 1)).toBe(true);
    expect(metric(failed.metrics, "restore.tasksReassigned")).toBe(2);
    expect(phase.tasks.map((t) => t.live?.ma.id)).toEqual(["ma1", "ma1", "ma1", "ma1"]);
    // The two VMs of ma0 start over at 20 s: a new mount, register, power-on and the whole boot.
    const restarted = [phase.tasks[0], phase.tasks[2]];
    for (const t of restarted) {
      expect(t.completedAt).toBeGreaterThanOrEqual(20e9 + 8e9 + 35_724_121_000);
      expect(t.completedAt).toBeGreaterThan(clean.phases[0].tasks[t.id].completedAt);
    }
    // ma1's own two VMs are not restarted (their boots move by +42 ms and −74 ms with ma0's VMs on their agent).
    expect([phase.tasks[1].completedAt, phase.tasks[3].completedAt]).toEqual([45_212_341_272, 45_145_075_765]);
    // Bytes: the final attempts deliver what the unfailed run delivered; the aborted ones' bytes
    // (12 s of two boots) are wasted, and sent = credited + wasted is checked by the phase.
    expect(metric(failed.metrics, "restore.bytes")).toBe(metric(clean.metrics, "restore.bytes"));
    const wasted = metric(failed.metrics, "restore.wasted") * GIB;
    expect(wasted).toBeGreaterThan(0);
    expect(wasted).toBeLessThan(metric(clean.metrics, "restore.bytes") * GIB);
  });

  it("execution: a VSA failing while it mounts restarts the restore on the surviving VSA with a new mount", () => {
    const model = fleetModel({ vms: 2, mediaAgents: 1 });
    model.vsas.count = 2;
    model.failures = [{ phase: "restore", at: 3e9, target: "vsa", index: 0 }];
    const [phase] = runPipelineFleet(model).phases;
    expect(phase.tasks.every((t) => t.completions === 1)).toBe(true);
    expect(phase.coordinator.reassigned).toBe(1);
    // Restarted at 3 s on vsa1: 3 s + 8 s + the boot (the first VM's boot, 36.94 s; the restarted one's, 36.89 s).
    expect(phase.tasks.map((t) => t.completedAt).sort((a, b) => a - b)).toEqual([44_935_493_743, 47_889_704_248]);
  });
});

describe("Execution (calibrated coarse live mounts)", () => {
  it("execution: a calibrated coarse instant restore frees its VSA slot at power-on and reads at the guest's rate (hand-computed times)", () => {
    // 8 VMs, 1 VSA of 4 slots, 4 media agents at 100 MB/s; slot 10 s, 1 GB at 50 MB/s (20 s), think 5 s.
    const spec = coarseToy(8, 4, { slotTime: 10e9, maRead: 1e8, byType: { t: { workingSet: 1e9, readRate: 5e7, think: 5e9 } } }, {
      vsas: { count: 1, cores: 4, ram: 8 * 2 ** 30, ramPerTask: 2 * 2 ** 30, throughput: 2e8, streamRate: 1e8 },
    });
    const [phase] = runFleet(spec, new RngStreams("1/0")).phases;
    // Wave 1 holds the 4 slots 0–10 s, reads 10–30 s, ready at 35 s. Wave 2 takes the slots at
    // 10 s (not at 30 s, as when the slot was held through the transfer), reads 20–40 s (two
    // flows per media agent: 50 MB/s each, its cap), ready at 45 s.
    expect(phase.tasks.map((t) => t.completedAt).sort((a, b) => a - b)).toEqual([35e9, 35e9, 35e9, 35e9, 45e9, 45e9, 45e9, 45e9]);
    // The fitted rate replaces `mediaAgents.read` (1 GB/s): one agent moves the 8 GB at 100 MB/s,
    // from 10 s at the earliest, so the last read ends at 90 s or later (at 1 GB/s: 45 s).
    const one = runFleet({ ...spec, mediaAgents: { ...spec.mediaAgents, count: 1 } }, new RngStreams("1/0")).phases[0];
    expect(Math.max(...one.tasks.map((t) => t.completedAt))).toBeGreaterThanOrEqual(10e9 + 80e9 + 5e9);
  });
});

describe("Execution (calibrated coarse live mounts and failures)", () => {
  it("execution: a media agent failing during a coarse live mount's think time restarts it from a new mount, its reads wasted, as the pipeline does", () => {
    // 2 VMs, one per media agent; slot 10 s, 1 GB at 100 MB/s (10–20 s), think 20 s: ready at 40 s.
    const spec = coarseToy(2, 2, { slotTime: 10e9, maRead: 1e9, byType: { t: { workingSet: 1e9, readRate: 1e8, think: 20e9 } } });
    const clean = runFleet(spec, new RngStreams("1/0"));
    expect(clean.phases[0].tasks.map((t) => t.completedAt)).toEqual([40e9, 40e9]);
    // Media agent 0 fails at 30 s, in its VM's think time: that VM starts again on agent 1 (a new
    // slot of 10 s, 10 s of reads, 20 s of think: ready at 70 s); the other is untouched.
    const failed = runFleet({ ...spec, failures: [{ phase: "restore", at: 30e9, target: "mediaAgent", index: 0 }] }, new RngStreams("1/0"));
    const ready = failed.phases[0].tasks.map((t) => t.completedAt).sort((a, b) => a - b);
    expect(ready).toEqual([40e9, 70e9]);
    // The first attempt's 1 GB is wasted (the phase checks sent = credited + wasted).
    expect(failed.metrics.find((m) => m.name === "restore.wasted")?.value).toBeCloseTo(1e9 / 2 ** 30, 6);
  });
});
