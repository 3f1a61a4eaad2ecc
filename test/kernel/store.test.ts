import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/kernel/simulation.ts";
import { Store } from "../../src/kernel/store.ts";

describe("Store", () => {
  it("store.get() waits for store.put() and returns items FIFO", () => {
    const sim = new Simulation();
    const q = new Store<string>(sim);
    const log: Array<[number, unknown]> = [];
    sim.process(function* () {
      for (let i = 0; i < 2; i++) {
        const item = yield q.get();
        log.push([sim.now, item]);
      }
    });
    sim.schedule(10, "test.event", () => q.put("a"));
    sim.schedule(10, "test.event", () => q.put("b"));
    sim.run();
    expect(log).toEqual([[10, "a"], [10, "b"]]);
  });

  it("store.put() waits while the store is full", () => {
    const sim = new Simulation();
    const q = new Store<number>(sim, 1);
    const log: string[] = [];
    sim.process(function* () {
      yield q.put(1);
      log.push(`put1@${sim.now}`);
      yield q.put(2);
      log.push(`put2@${sim.now}`);
    });
    sim.process(function* () {
      yield sim.timeout(50);
      const x = yield q.get();
      log.push(`got${String(x)}@${sim.now}`);
    });
    sim.run();
    expect(log).toEqual(["put1@0", "got1@50", "put2@50"]);
    expect(q.items).toEqual([2]);
    // One item held from 0 to 50 (then 2 replaces 1 at 50): area 50 at t = 50.
    expect(q.level.area(50)).toBe(50);
  });

  it("new Store() requires a capacity of at least 1", () => {
    expect(() => new Store(new Simulation(), 0)).toThrow("at least 1");
  });
});
