import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RngStreams } from "../../src/kernel/rng.ts";
import type { DispatchRecord } from "../../src/fleet/coordinator.ts";
import { runFleet } from "../../src/fleet/run-fleet.ts";
import type { SiteSpec } from "../../src/fleet/spec.ts";
import { metric, toySpec } from "./toy.ts";

const streams = () => new RngStreams("1/0");

describe("Coordinator", () => {
  it("runFleet(toy backup) has the hand-computed makespan: 2 slots, 4 disks of 1 GB at 100 MB/s per stream, 10 s setup → 40 s", () => {
    const result = runFleet(toySpec(), streams());
    // Two tasks at a time, each 10 s setup + 1e9 B / 1e8 B/s = 20 s; two rounds.
    expect(metric(result.metrics, "backupWindow")).toBe(40 / 3600);
    expect(metric(result.metrics, "backup.wait.mean")).toBeCloseTo(10 / 60, 12);
    expect(metric(result.metrics, "backup.run.mean")).toBeCloseTo(20 / 60, 12);
    expect(metric(result.metrics, "backup.vsaUtilisation")).toBe(1);
    expect(metric(result.metrics, "backup.imbalance.jain")).toBe(1);
  });

  it("runFleet() with a VSA failing mid-transfer completes every task exactly once with its bytes", () => {
    const spec = toySpec({
      vsas: { ...toySpec().vsas, count: 2 },
      chunk: 2.5e8,
      failures: [{ phase: "backup", at: 15e9, target: "vsa", index: 0 }],
    }, [{ name: "a", datacenters: 1, subnets: 1, datastores: 1, hosts: [{ type: "t", count: 2, vms: 4 }] }]);
    const result = runFleet(spec, streams());
    const [backup] = result.phases;
    expect(backup.tasks.every((t) => t.completions === 1 && t.bytesDone === t.bytes)).toBe(true);
    expect(metric(result.metrics, "backup.bytes") * 2 ** 30).toBeCloseTo(8e9, 3);
    // At 15 s vsa0 runs 2 tasks (setup done at 10 s, 0.5 GB moved) and queues 2: all 4 move to vsa1.
    expect(metric(result.metrics, "backup.tasksReassigned")).toBe(4);
    // The in-flight chunk of each aborted task (0.25 GB, half sent) is counted as wasted, not credited.
    expect(metric(result.metrics, "backup.wasted") * 2 ** 30).toBeCloseTo(5e8, 3);
  });

  it("runFleet() with a media agent failing mid-restore restarts its tasks on another agent, none lost", () => {
    const spec = toySpec({
      mediaAgents: { ...toySpec().mediaAgents, count: 2 },
      backup: undefined,
      restore: { vms: 4, mode: "instant", mountTime: 5e9, serviceReady: 30e9 },
      chunk: 2.5e8,
      failures: [{ phase: "restore", at: 8e9, target: "mediaAgent", index: 0 }],
    });
    const result = runFleet(spec, streams());
    const [restore] = result.phases;
    expect(restore.tasks.every((t) => t.completions === 1 && t.bytesDone === t.bytes)).toBe(true);
    expect(metric(result.metrics, "restore.tasksReassigned")).toBe(1);
    expect(metric(result.metrics, "restore.tasks")).toBe(4);
  });

  it("reuse-before-create: always-create makes 3 VSAs, combined 2, reuse-only 0 on a 4-group toy estate", () => {
    const sites: SiteSpec[] = [{ name: "a", datacenters: 1, subnets: 1, datastores: 1, hosts: ["p", "q", "r", "s"].map((type) => ({ type, count: 1, vms: 1 })) }];
    const created = (mode: "always-create" | "combined" | "reuse-only") =>
      metric(runFleet(toySpec({ create: { mode, max: 10, time: 60e9, deadline: 12e9 }, vsas: { ...toySpec().vsas, streamRate: 2e8 } }, sites), streams()).metrics, "backup.vsasCreated");
    // Each task is 1e9 B; the one VSA (2e8 B/s) predicts finishes at 5, 10, 15, 20 s; past 12 s combined creates.
    expect([created("always-create"), created("combined"), created("reuse-only")]).toEqual([3, 2, 0]);
  });

  it("locality-first never sends a task across sites while a VSA of the task's site is idle (random estates)", () => {
    const site = (name: string) =>
      fc.record({
        name: fc.constant(name),
        datacenters: fc.integer({ min: 1, max: 2 }),
        subnets: fc.integer({ min: 1, max: 2 }),
        datastores: fc.integer({ min: 1, max: 3 }),
        hosts: fc.array(fc.record({ type: fc.constantFrom("w", "l", "s"), count: fc.integer({ min: 1, max: 3 }), vms: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 2 })
          .map((groups) => groups.map((g, i) => ({ ...g, type: `${g.type}${i}` }))),
      });
    const estate = fc.record({
      sites: fc.tuple(site("a"), site("b"), site("c")),
      vsas: fc.integer({ min: 1, max: 6 }),
      seed: fc.integer({ min: 0, max: 1000 }),
      by: fc.constantFrom("streams" as const, "bytes" as const),
    });
    fc.assert(
      fc.property(estate, ({ sites, vsas, seed, by }) => {
        const spec = toySpec({
          vsas: { ...toySpec().vsas, count: vsas },
          vms: { ...toySpec().vms, diskSize: { distribution: "lognormal", median: 1e10, sigma: 1 } },
          mediaAgents: { ...toySpec().mediaAgents, count: 2 },
          balancing: { policy: "locality-first", by },
        }, sites);
        const violations: DispatchRecord[] = [];
        runFleet(spec, new RngStreams(`${seed}/0`), {
          onDispatch: (r) => {
            if (r.vsa.site === r.task.site) return;
            const idleLocal = r.views.some((v) => v.site === r.task.site && v.openStreams === 0 && v.queuedTasks === 0 && v.readyAt <= r.time);
            if (idleLocal) violations.push(r);
          },
        });
        return violations.length === 0;
      }),
      { seed: 6, numRuns: 40 },
    );
  });

  it("the locality check can fail: bin-packing sends tasks across sites while local VSAs idle", () => {
    const sites: SiteSpec[] = ["a", "b"].map((name) => ({ name, datacenters: 1, subnets: 1, datastores: 1, hosts: [{ type: "t", count: 2, vms: 3 }] }));
    let violations = 0;
    const vms = { ...toySpec().vms, diskSize: { distribution: "lognormal" as const, median: 1e10, sigma: 1 } };
    runFleet(toySpec({ vms, vsas: { ...toySpec().vsas, count: 4 }, balancing: { policy: "bin-packing", by: "bytes" } }, sites), streams(), {
      onDispatch: (r) => {
        if (r.vsa.site !== r.task.site && r.views.some((v) => v.site === r.task.site && v.openStreams === 0 && v.queuedTasks === 0)) violations++;
      },
    });
    expect(violations).toBeGreaterThan(0);
  });
});
