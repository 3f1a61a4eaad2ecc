import { describe, expect, it } from "vitest";
import { PRIORITY_NORMAL, PRIORITY_URGENT } from "../../src/kernel/priority.ts";
import { Simulation } from "../../src/kernel/simulation.ts";

describe("event priorities", () => {
  it("PRIORITY_URGENT (-1) sorts before PRIORITY_NORMAL (0), the default", () => {
    expect([PRIORITY_URGENT, PRIORITY_NORMAL]).toEqual([-1, 0]);
  });

  it("at the same time, urgent events run before normal ones scheduled earlier; equal priorities run in scheduling order", () => {
    const sim = new Simulation();
    const order: string[] = [];
    sim.schedule(10, "test.a", () => order.push("normal 1"));
    sim.schedule(10, "test.b", () => order.push("normal 2"), undefined, PRIORITY_NORMAL);
    sim.schedule(10, "test.c", () => order.push("urgent 1"), undefined, PRIORITY_URGENT);
    sim.schedule(10, "test.d", () => order.push("urgent 2"), undefined, PRIORITY_URGENT);
    sim.run();
    expect(order).toEqual(["urgent 1", "urgent 2", "normal 1", "normal 2"]);
  });

  it("priority only breaks ties in time: a normal event at t = 5 runs before an urgent one at t = 6", () => {
    const sim = new Simulation();
    const order: string[] = [];
    sim.schedule(6, "test.a", () => order.push(`urgent at ${sim.now}`), undefined, PRIORITY_URGENT);
    sim.schedule(5, "test.b", () => order.push(`normal at ${sim.now}`), undefined, PRIORITY_NORMAL);
    sim.run();
    expect(order).toEqual(["normal at 5", "urgent at 6"]);
  });

  it("an urgent event scheduled at `now` by a running event still runs before the normal events already due at `now`", () => {
    const sim = new Simulation();
    const order: string[] = [];
    sim.schedule(3, "test.a", () => {
      order.push("first");
      sim.schedule(0, "test.c", () => order.push("urgent, scheduled by first"), undefined, PRIORITY_URGENT);
    });
    sim.schedule(3, "test.b", () => order.push("second"));
    sim.run();
    expect(order).toEqual(["first", "urgent, scheduled by first", "second"]);
  });
});
