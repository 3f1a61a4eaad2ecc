import { describe, expect, it } from "vitest";
import { Resource } from "../../../src/kernel/resource.ts";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { cpuWork } from "../../../src/models/devices/cpu-work.ts";

describe("cpuWork", () => {
  it("cpuWork() on one core runs jobs back to back: 5, 5 + 3, 5 + 3 + 2 µs", () => {
    const sim = new Simulation();
    const cpu = new Resource(sim, { capacity: 1 });
    const done: Array<[string, number]> = [];
    for (const [name, ns] of [["a", 5_000], ["b", 3_000], ["c", 2_000]] as const) cpuWork(cpu, ns, () => done.push([name, sim.now]));
    sim.run();
    expect(done).toEqual([["a", 5_000], ["b", 8_000], ["c", 10_000]]);
    expect(cpu.users).toHaveLength(0);
  });

  it("cpuWork() on two cores overlaps, and a priority queue serves lower numbers first; times are rounded", () => {
    const sim = new Simulation();
    const cpu = new Resource(sim, { capacity: 2, queue: "priority" });
    const done: Array<[string, number]> = [];
    cpuWork(cpu, 10_000, () => done.push(["x", sim.now]));
    cpuWork(cpu, 10_000, () => done.push(["y", sim.now]));
    cpuWork(cpu, 1_000.4, () => done.push(["late", sim.now]), 5);
    cpuWork(cpu, 2_000.6, () => done.push(["urgent", sim.now]), 1);
    sim.run();
    // x, y hold both cores until 10 µs; then urgent (prio 1) and late (prio 5) start together.
    expect(done).toEqual([["x", 10_000], ["y", 10_000], ["late", 11_000], ["urgent", 12_001]]);
  });
});
