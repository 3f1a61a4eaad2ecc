import { describe, expect, it } from "vitest";
import { Interrupt } from "../../src/kernel/process.ts";
import { Simulation } from "../../src/kernel/simulation.ts";

describe("Process", () => {
  it("sim.process() runs a generator that waits on sim.timeout()", () => {
    const sim = new Simulation();
    const log: number[] = [];
    sim.process(function* () {
      yield sim.timeout(5_000);
      log.push(sim.now);
      yield sim.timeout(2_500);
      log.push(sim.now);
    });
    sim.run();
    expect(log).toEqual([5_000, 7_500]);
  });

  it("yield on a process returns its return value when it finishes", () => {
    const sim = new Simulation();
    const log: Array<[number, unknown]> = [];
    const child = sim.process(function* () {
      yield sim.timeout(5);
      return 7;
    });
    sim.process(function* () {
      const v = yield child;
      log.push([sim.now, v]);
      const again = yield child; // already processed: resumes immediately
      log.push([sim.now, again]);
    });
    sim.run();
    expect(log).toEqual([[5, 7], [5, 7]]);
  });

  it("processes started together begin in creation order", () => {
    const sim = new Simulation();
    const log: string[] = [];
    for (const name of ["a", "b", "c"]) {
      sim.process(function* () {
        log.push(name);
        yield sim.timeout(1);
        log.push(name.toUpperCase());
      });
    }
    sim.run();
    expect(log).toEqual(["a", "b", "c", "A", "B", "C"]);
  });

  it("process.interrupt() throws Interrupt at the pending yield and the old wait no longer resumes it", () => {
    const sim = new Simulation();
    const log: Array<[number, string]> = [];
    const worker = sim.process(function* () {
      try {
        yield sim.timeout(10_000);
        log.push([sim.now, "finished"]);
      } catch (e) {
        log.push([sim.now, `interrupted:${(e as Interrupt).cause as string}`]);
      }
      yield sim.timeout(100_000);
      log.push([sim.now, "after"]);
    });
    sim.schedule(3_000, "test.event", () => worker.interrupt("failure"));
    sim.run();
    expect(log).toEqual([[3_000, "interrupted:failure"], [103_000, "after"]]);
    expect(worker.isAlive).toBe(false);
  });

  it("process.interrupt() of a finished process throws", () => {
    const sim = new Simulation();
    const p = sim.process(function* () {
      yield sim.timeout(1);
    });
    sim.run();
    expect(() => p.interrupt("late")).toThrow("requires a live process");
  });

  it("an uncaught error in a process with no waiter throws out of sim.run()", () => {
    const sim = new Simulation();
    sim.process(function* () {
      yield sim.timeout(1);
      throw new Error("boom");
    });
    expect(() => sim.run()).toThrow("boom");
  });

  it("a failed process raises its error in the process waiting for it", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const child = sim.process(function* () {
      yield sim.timeout(1);
      throw new Error("child failed");
    });
    sim.process(function* () {
      try {
        yield child;
      } catch (e) {
        log.push((e as Error).message);
      }
    });
    sim.run();
    expect(log).toEqual(["child failed"]);
  });

  it("sim.allOf() resumes when the last event succeeds, with all values", () => {
    const sim = new Simulation();
    const log: Array<[number, unknown]> = [];
    sim.process(function* () {
      const values = yield sim.allOf([sim.timeout(5, "a"), sim.timeout(9, "b")]);
      log.push([sim.now, values]);
    });
    sim.run();
    expect(log).toEqual([[9, ["a", "b"]]]);
  });

  it("sim.anyOf() resumes at the first event and gives it as the value", () => {
    const sim = new Simulation();
    const reply = sim.event<string>();
    const timer = sim.timeout(1_000, "timeout");
    const log: Array<[number, unknown]> = [];
    sim.process(function* () {
      const first = yield sim.anyOf([reply, timer]);
      log.push([sim.now, first === reply ? reply.value : "timeout"]);
    });
    sim.schedule(400, "test.event", () => reply.succeed("reply"));
    sim.run();
    expect(log).toEqual([[400, "reply"]]);
    expect(sim.now).toBe(1_000);
  });

  it("sim.event() signals between a callback and a waiting process", () => {
    const sim = new Simulation();
    const done = sim.event<string>();
    const log: Array<[number, unknown]> = [];
    sim.process(function* () {
      const value = yield done;
      log.push([sim.now, value]);
    });
    sim.schedule(10, "test.event", () => done.succeed("ok"));
    sim.run();
    expect(log).toEqual([[10, "ok"]]);
    expect(() => done.succeed("twice")).toThrow("requires an untriggered event");
  });

  it("sim.process() rejects yielding something that is not an event", () => {
    const sim = new Simulation();
    const p = sim.process(function* () {
      yield 5 as never;
    });
    p.defused = true;
    sim.process(function* () {
      try {
        yield p;
      } catch (e) {
        expect((e as Error).message).toContain("must yield SimEvent");
      }
    });
    sim.run();
    expect(p.ok).toBe(false);
  });
});
