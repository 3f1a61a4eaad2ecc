import { describe, expect, it } from "vitest";
import type { FleetTask, MediaAgentState, Vsa } from "../../src/fleet/components.ts";
import type { Coordinator } from "../../src/fleet/coordinator.ts";
import { phaseMetrics, UtilisationSampler, type PhaseMeasures } from "../../src/fleet/measure.ts";
import { Simulation } from "../../src/kernel/simulation.ts";
import type { Link, Network } from "../../src/models/network/network.ts";
import { metric } from "./toy.ts";

/** A VSA with `busy` of its `slots` streams busy all the time (area = busy · t). */
const link = (name: string, bandwidth: number, bytesCarried = 0) => ({ name, bandwidth, bytesCarried });
const fakeVsa = (id: string, slots: number, busy: number, extra: { readyAt?: number; bytesProcessed?: number } = {}) =>
  ({ id, slots, readyAt: extra.readyAt ?? 0, bytesProcessed: extra.bytesProcessed ?? 0, streams: { area: (t: number) => busy * t }, link: link(`${id}.link`, 1e9, extra.bytesProcessed ?? 0) }) as unknown as Vsa;
const fakeMa = (id: string) => ({ id, nic: link(`${id}.nic`, 1e9), ingest: link(`${id}.ingest`, 2e9), read: link(`${id}.read`, 4e9) });
const network = { sync: () => {} } as unknown as Network;

describe("fleet measures", () => {
  it("UtilisationSampler samples every interval and once more for the partial window: busy slots / slots, busiest link", () => {
    const sim = new Simulation();
    const ma = fakeMa("ma0");
    const sampler = new UtilisationSampler(sim, network, "backup", [fakeVsa("vsa0", 4, 1)], [ma as unknown as MediaAgentState], 10e9);
    sampler.start();
    // 5 GB over the NIC (1 GB/s) in the first 10 s window: 0.5; then 4 GB on read (4 GB/s) in the second: 0.1 vs 0 → 0.1.
    sim.schedule(5e9, "test.traffic", () => (ma.nic.bytesCarried += 5e9));
    sim.schedule(15e9, "test.traffic", () => (ma.read.bytesCarried += 4e9));
    sim.schedule(25e9, "test.end", () => sampler.stop());
    sim.run();
    expect(sampler.rows).toEqual([
      { phase: "backup", timeS: 10, resource: "vsa0", utilisation: 0.25 },
      { phase: "backup", timeS: 10, resource: "ma0", utilisation: 0.5 },
      { phase: "backup", timeS: 20, resource: "vsa0", utilisation: 0.25 },
      { phase: "backup", timeS: 20, resource: "ma0", utilisation: 0.1 },
      { phase: "backup", timeS: 25, resource: "vsa0", utilisation: 0.25 },
      { phase: "backup", timeS: 25, resource: "ma0", utilisation: 0 },
    ]);
    // Stopped: no sample after 25 s.
    expect(sim.pending).toBe(0);
  });

  it("UtilisationSampler caps a media agent's utilisation at 1", () => {
    const sim = new Simulation();
    const ma = fakeMa("ma0");
    const sampler = new UtilisationSampler(sim, network, "restore", [], [ma as unknown as MediaAgentState], 1e9);
    sampler.start();
    sim.schedule(5e8, "test.traffic", () => (ma.nic.bytesCarried += 3e9));
    sim.schedule(1e9, "test.end", () => sampler.stop());
    sim.run();
    expect(sampler.rows).toEqual([{ phase: "restore", timeS: 1, resource: "ma0", utilisation: 1 }]);
  });

  const task = (id: number, firstStart: number, completedAt: number) => ({ id, firstStart, completedAt }) as unknown as FleetTask;
  const measures = (phase: "backup" | "restore"): PhaseMeasures => {
    const ma = fakeMa("ma0");
    ma.nic.bytesCarried = 1800e9; // over a 3,600 s phase at 1 GB/s: 0.5
    ma.read.bytesCarried = 3600e9; // at 4 GB/s: 0.25
    return {
      tasks: [task(0, 0, 1800e9), task(1, 60e9, 2400e9), task(2, 120e9, 3000e9), task(3, 180e9, 3600e9)],
      vsas: [fakeVsa("v0", 2, 1, { bytesProcessed: 3e9 }), fakeVsa("v1", 2, 2, { readyAt: 1800e9, bytesProcessed: 1e9 })],
      mediaAgents: [ma as unknown as MediaAgentState],
      coordinator: { created: 1, reassigned: 2, stolen: 3, rebalanced: 4 } as unknown as Coordinator,
      counters: { sent: 6 * 2 ** 30, credited: 4 * 2 ** 30, wasted: 2 * 2 ** 30, crossSite: 2 ** 30 },
      end: 3600e9,
    };
  };

  it("phaseMetrics(backup) gives the window, waits, runs, utilisation and imbalance by hand", () => {
    const m = phaseMetrics("backup", measures("backup"));
    expect(metric(m, "backupWindow")).toBe(1);
    // Waits 0, 1, 2, 3 min: mean 1.5, p95 (type 7) = 2 + 0.85 · 1 = 2.85.
    expect(metric(m, "backup.wait.mean")).toBe(1.5);
    expect(metric(m, "backup.wait.p95")).toBeCloseTo(2.85, 12);
    // Runs 30, 39, 48, 57 min: mean 43.5, p95 = 48 + 0.85 · 9 = 55.65.
    expect(metric(m, "backup.run.mean")).toBe(43.5);
    expect(metric(m, "backup.run.p95")).toBeCloseTo(55.65, 12);
    // Busy area 1·3600 + 2·3600 slot-s over slot time 2·3600 + 2·1800: 10800 / 10800 = 1.
    expect(metric(m, "backup.vsaUtilisation")).toBe(1);
    expect(metric(m, "backup.maUtilisation")).toBe(0.5);
    // Bytes per VSA 3e9 and 1e9: max/mean 1.5, Jain (4e9)² / (2 · 10e18) = 0.8.
    expect(metric(m, "backup.imbalance.maxMean")).toBe(1.5);
    expect(metric(m, "backup.imbalance.jain")).toBeCloseTo(0.8, 12);
    expect([metric(m, "backup.crossSite"), metric(m, "backup.bytes"), metric(m, "backup.wasted"), metric(m, "backup.tasks")]).toEqual([1, 4, 2, 4]);
    expect([metric(m, "backup.vsasCreated"), metric(m, "backup.tasksReassigned"), metric(m, "backup.tasksStolen"), metric(m, "backup.tasksRebalanced")]).toEqual([1, 2, 3, 4]);
    expect(m.some((x) => x.name.startsWith("tts"))).toBe(false);
  });

  it("phaseMetrics gives each throughput resource's utilisation over the phase by hand, the WAN's only when the estate has WAN links", () => {
    const m = phaseMetrics("backup", measures("backup"));
    // 1,800 GB over 1 GB/s for 3,600 s: 0.5; read 3,600 GB at 4 GB/s: 0.25; nothing ingested.
    expect([metric(m, "backup.maNicUtilisation"), metric(m, "backup.maReadUtilisation"), metric(m, "backup.maIngestUtilisation")]).toEqual([0.5, 0.25, 0]);
    // VSAs at 1 GB/s carried 3 GB and 1 GB in 3,600 s: (3/3600 + 1/3600) / 2.
    expect(metric(m, "backup.vsaLinkUtilisation")).toBeCloseTo(2 / 3600, 15);
    expect(m.some((x) => x.name === "backup.wanUtilisation")).toBe(false);
    // Two WAN links: the busiest counts (720 GB at 0.5 GB/s over 3,600 s = 0.4, against 0.1).
    const wan = [link("wan.a->b", 5e8, 180e9), link("wan.b->a", 5e8, 720e9)] as unknown as Link[];
    expect(metric(phaseMetrics("backup", { ...measures("backup"), wan }), "backup.wanUtilisation")).toBeCloseTo(0.4, 15);
    expect(metric(phaseMetrics("backup", { ...measures("backup"), wan: [] }), "backup.wanUtilisation")).toBe(0);
  });

  it("phaseMetrics gives the busiest media agent's NIC and ingest beside the mean: one agent ingesting 3,600 GB at 2 GB/s in 3,600 s (0.5), another idle (mean 0.25)", () => {
    const base = measures("backup");
    const [busy, idle] = [fakeMa("ma0"), fakeMa("ma1")];
    busy.ingest.bytesCarried = 3600e9;
    busy.nic.bytesCarried = 900e9;
    const m = phaseMetrics("backup", { ...base, mediaAgents: [busy, idle] as unknown as MediaAgentState[] });
    expect([metric(m, "backup.maIngestUtilisation"), metric(m, "backup.maIngestUtilisation.max")]).toEqual([0.25, 0.5]);
    expect([metric(m, "backup.maNicUtilisation"), metric(m, "backup.maNicUtilisation.max")]).toEqual([0.125, 0.25]);
    expect(metric(phaseMetrics("backup", { ...base, mediaAgents: [] }), "backup.maIngestUtilisation.max")).toBe(0);
  });

  it("phaseMetrics(restore) gives the TTS percentiles (type 7) and makespan in minutes, no band without the pipeline", () => {
    const m = phaseMetrics("restore", measures("restore"));
    // TTS 30, 40, 50, 60 min.
    expect(metric(m, "tts.p50")).toBe(45);
    expect(metric(m, "tts.p95")).toBeCloseTo(58.5, 12);
    expect(metric(m, "tts.p99")).toBeCloseTo(59.7, 12);
    expect(metric(m, "tts.max")).toBe(60);
    expect(metric(m, "restore.makespan")).toBe(60);
    expect(m.find((x) => x.name === "tts.p50")?.lower).toBeUndefined();
    expect(m.some((x) => x.name === "backupWindow")).toBe(false);
  });
});
