import { describe, expect, it } from "vitest";
import { SimEvent, allOf, anyOf } from "../../src/kernel/events.ts";
import { Simulation } from "../../src/kernel/simulation.ts";

describe("SimEvent", () => {
  it("simEvent.succeed() runs listeners in a later kernel event at the trigger time, with the value", () => {
    const sim = new Simulation();
    const ev = new SimEvent<number>(sim);
    const seen: Array<[number, number | undefined]> = [];
    ev.addListener((e) => seen.push([sim.now, e.value]));
    sim.schedule(7, "test.trigger", () => {
      ev.succeed(42);
      // Triggering never re-enters the caller: nothing ran yet.
      seen.push([-1, undefined]);
    });
    sim.run();
    expect(seen).toEqual([[-1, undefined], [7, 42]]);
    expect(ev.processed).toBe(true);
    expect(sim.eventsExecuted).toBe(2);
  });

  it("simEvent.addListener() on an already processed event calls it at the current time (was a TypeError)", () => {
    const sim = new Simulation();
    const ev = new SimEvent<number>(sim).succeedAfter(5, 3);
    sim.run();
    const seen: Array<[number, number | undefined]> = [];
    sim.schedule(4, "test.late", () => ev.addListener((e) => seen.push([sim.now, e.value])));
    sim.run();
    expect(seen).toEqual([[9, 3]]);
  });

  it("simEvent.fail() with no listener throws its error out of run() unless defused", () => {
    const sim = new Simulation();
    new SimEvent(sim).fail(new Error("disk gone"));
    expect(() => sim.run()).toThrow("disk gone");
    const quiet = new SimEvent(sim);
    quiet.defused = true;
    quiet.fail(new Error("ignored"));
    expect(sim.run()).toBe(1);
  });

  it("simEvent.succeed() twice throws", () => {
    const ev = new SimEvent(new Simulation()).succeed(1);
    expect(() => ev.succeed(2)).toThrow(/untriggered/);
  });

  it("simEvent.removeListener() stops a listener and reports whether it was there", () => {
    const sim = new Simulation();
    const ev = new SimEvent(sim);
    let calls = 0;
    const listener = () => calls++;
    ev.addListener(listener);
    expect(ev.removeListener(listener)).toBe(true);
    expect(ev.removeListener(listener)).toBe(false);
    ev.succeed();
    sim.run();
    expect(calls).toBe(0);
  });
});

describe("allOf and anyOf", () => {
  it("allOf() succeeds at the last event's time with the values in order, also with processed inputs", () => {
    const sim = new Simulation();
    const early = new SimEvent<string>(sim).succeedAfter(2, "early");
    sim.run();
    const all = allOf(sim, [sim.timeout(9, "b"), early, sim.timeout(5, "a")]);
    let at = -1;
    all.addListener(() => (at = sim.now));
    sim.run();
    expect(at).toBe(2 + 9);
    expect(all.value).toEqual(["b", "early", "a"]);
  });

  it("allOf([]) succeeds at once with []; allOf() fails with the first failure", () => {
    const sim = new Simulation();
    expect(allOf(sim, []).value).toEqual([]);
    const bad = new SimEvent(sim);
    const all = allOf(sim, [sim.timeout(3), bad]);
    sim.schedule(1, "test.fail", () => bad.fail(new Error("x")));
    all.defused = true;
    sim.run();
    expect(all.ok).toBe(false);
    expect((all.error as Error).message).toBe("x");
  });

  it("anyOf() succeeds with the first event to succeed", () => {
    const sim = new Simulation();
    const slow = sim.timeout(8, "slow");
    const fast = sim.timeout(3, "fast");
    const first = anyOf(sim, [slow, fast]);
    let at = -1;
    first.addListener(() => (at = sim.now));
    sim.run();
    expect(at).toBe(3);
    expect(first.value).toBe(fast);
  });
});
