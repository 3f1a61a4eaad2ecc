import { describe, expect, it } from "vitest";
import { manifestHash, planSweep } from "../../../src/lab/sweep/plan.ts";
import { smallSets, sweepScenario } from "./fixtures.ts";

describe("planSweep", () => {
  it("planSweep() expands the 2 × 2 grid into 4 points in grid order, each with its --set assignments", () => {
    const { manifest, hash } = planSweep(sweepScenario, { sets: smallSets });
    expect(manifest.fields).toEqual(["model.servers", "model.arrival.mean"]);
    expect(manifest.points.map((p) => [p.id, p.variant, p.combination, p.values])).toEqual([
      ["p0000", "base", 0, { "model.servers": 1, "model.arrival.mean": "2ms" }],
      ["p0001", "base", 1, { "model.servers": 1, "model.arrival.mean": "1.25ms" }],
      ["p0002", "base", 2, { "model.servers": 2, "model.arrival.mean": "2ms" }],
      ["p0003", "base", 3, { "model.servers": 2, "model.arrival.mean": "1.25ms" }],
    ]);
    expect(manifest.points[3].sets.slice(smallSets.length)).toEqual(["model.servers=2", 'model.arrival.mean="1.25ms"']);
    expect([manifest.replications, manifest.seed, manifest.scenario.name]).toEqual([3, 1, "mm1-load"]);
    // Points of different combinations validate to different scenarios.
    expect(new Set(manifest.points.map((p) => p.hash)).size).toBe(4);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(hash).toBe(manifestHash(manifest));
  });

  it("manifestHash() changes with anything in the manifest (seed, replications)", () => {
    const base = planSweep(sweepScenario, { sets: smallSets }).hash;
    expect(planSweep(sweepScenario, { sets: [...smallSets, "seed=2"] }).hash).not.toBe(base);
    expect(planSweep(sweepScenario, { sets: [...smallSets, "sweep.replications=4"] }).hash).not.toBe(base);
    expect(planSweep(sweepScenario, { sets: smallSets }).hash).toBe(base);
  });

  it("planSweep() of a scenario without a sweep: block names the field", () => {
    expect(() => planSweep("scenarios/validation/mm1.yaml")).toThrow(/: sweep: a sweep: block \(grid or list\)/);
  });

  it("planSweep() names the point whose values do not validate", () => {
    expect(() => planSweep(sweepScenario, { sets: [...smallSets, 'sweep.grid={"model.servers": [1, -2]}'] })).toThrow(
      /sweep point \{"model.servers":-2\}: model.servers/,
    );
  });

  it("planSweep() gives variants adjacent points sharing a combination", () => {
    const variants = planSweep(sweepScenario, {
      sets: [...smallSets, 'variants=[{name: fifo, set: {}}, {name: two, set: {"model.servers": 2}}]', 'sweep.grid={"model.arrival.mean": ["2ms", "1.5ms"]}'],
    });
    expect(variants.manifest.points.map((p) => [p.id, p.variant, p.combination])).toEqual([
      ["p0000", "fifo", 0],
      ["p0001", "two", 0],
      ["p0002", "fifo", 1],
      ["p0003", "two", 1],
    ]);
  });
});
