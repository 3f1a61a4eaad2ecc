import { describe, expect, it } from "vitest";
import { generateEstate } from "../../src/fleet/estate.ts";
import { runPhase } from "../../src/fleet/phase.ts";
import type { FleetSpec } from "../../src/fleet/spec.ts";
import { RngStreams } from "../../src/kernel/rng.ts";
import { metric, toySpec } from "./toy.ts";

const GIB = 2 ** 30;
const backup = (spec: FleetSpec) => runPhase(spec, generateEstate(spec, new RngStreams("1/0")), "backup", new RngStreams("1/0"));

describe("runPhase", () => {
  it("runPhase(backup) of 4 VMs on one 2-slot VSA: two waves of 10 s setup + 1 GB at 100 MB/s per stream, window 40 s", () => {
    // Each VM changed 10% of 1e10 bytes = 1e9. Two streams share the VSA's 2e8 B/s: 1e8 each,
    // under the datastore (1e9), the media agent's NIC (1.25e9) and ingest (1e9).
    const result = backup(toySpec());
    expect(result.tasks.map((t) => [t.firstStart, t.completedAt])).toEqual([
      [0, 20e9],
      [0, 20e9],
      [20e9, 40e9],
      [20e9, 40e9],
    ]);
    expect(metric(result.metrics, "backupWindow")).toBeCloseTo(40 / 3600, 15);
    // Waits 0, 0, 20, 20 s; runs all 20 s.
    expect(metric(result.metrics, "backup.wait.mean")).toBeCloseTo(10 / 60, 15);
    expect(metric(result.metrics, "backup.run.mean")).toBeCloseTo(20 / 60, 15);
    expect(metric(result.metrics, "backup.vsaUtilisation")).toBe(1);
    expect(metric(result.metrics, "backup.bytes")).toBe(4e9 / GIB);
    expect(metric(result.metrics, "backup.crossSite")).toBe(0);
    // Utilisation sampled every 10 s: 4 windows × (1 VSA + 1 media agent).
    expect(result.utilisation).toHaveLength(8);
    expect(result.fingerprint).toMatch(/^[0-9a-f]{8}$/);
  });

  it("runPhase(backup) with two VSAs runs the four tasks at once: window 20 s", () => {
    const spec = toySpec();
    spec.vsas = { ...spec.vsas, count: 2 };
    const result = backup(spec);
    expect(result.tasks.map((t) => t.completedAt)).toEqual([20e9, 20e9, 20e9, 20e9]);
    expect(metric(result.metrics, "backupWindow")).toBeCloseTo(20 / 3600, 15);
    expect(metric(result.metrics, "backup.imbalance.jain")).toBe(1);
  });

  it("runPhase(backup) without setup time: 1 GB at 100 MB/s, two waves of 10 s", () => {
    const result = backup(toySpec({ backup: { taskOverhead: 0 } }));
    expect(result.tasks.map((t) => t.completedAt)).toEqual([10e9, 10e9, 20e9, 20e9]);
  });
});
