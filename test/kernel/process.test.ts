import { describe, expect, it } from "vitest";
import { exponential } from "../../src/kernel/distributions.ts";
import type { SimEvent } from "../../src/kernel/events.ts";
import { Interrupt, type ProcessSteps } from "../../src/kernel/process.ts";
import { Request, Resource } from "../../src/kernel/resource.ts";
import { RngStreams } from "../../src/kernel/rng.ts";
import { Simulation } from "../../src/kernel/simulation.ts";
import { Store } from "../../src/kernel/store.ts";

/** Exponential interarrival and service times (integer ns) from two named streams of `seed`. */
function mm1Draws(meanInterarrival: number, meanService: number, seed: number) {
  const streams = new RngStreams(seed);
  const arrivals = streams.stream("arrivals");
  const services = streams.stream("services");
  const interarrival = exponential(meanInterarrival);
  const service = exponential(meanService);
  return {
    nextInterarrival: () => Math.round(interarrival.sample(arrivals)),
    nextService: () => Math.round(service.sample(services)),
  };
}

/**
 * M/M/1 as generator processes (SimPy style: a source process starts one customer process per
 * arrival; each holds a one-server Resource for its service). Returns each customer's wait (ns),
 * the server's utilisation and the kernel events executed.
 */
function mm1Processes(customers: number, meanInterarrival: number, meanService: number, seed: number) {
  const sim = new Simulation();
  const server = new Resource(sim, { capacity: 1 });
  const { nextInterarrival, nextService } = mm1Draws(meanInterarrival, meanService, seed);
  const waits: number[] = [];
  function* customer() {
    const arrived = sim.now;
    const req = server.request();
    yield req;
    waits.push(sim.now - arrived);
    yield sim.timeout(nextService());
    server.release(req);
  }
  sim.process(function* source() {
    for (let i = 0; i < customers; i++) {
      sim.process(customer());
      if (i + 1 < customers) yield sim.timeout(nextInterarrival());
    }
  });
  sim.run();
  return { waits, utilisation: server.utilisation(), events: sim.eventsExecuted, end: sim.now };
}

/**
 * The same M/M/1 as state machines (ProcessSteps): the customer waits for its request, then
 * for a delay of its service time; the source waits a delay between arrivals.
 */
function mm1Steps(customers: number, meanInterarrival: number, meanService: number, seed: number) {
  const sim = new Simulation();
  const server = new Resource(sim, { capacity: 1 });
  const { nextInterarrival, nextService } = mm1Draws(meanInterarrival, meanService, seed);
  const waits: number[] = [];
  class Customer implements ProcessSteps<undefined> {
    private readonly arrived = sim.now;
    private request: Request | null = null;
    private step = 0;
    resume(): SimEvent<unknown> | number | null {
      switch (this.step++) {
        case 0:
          return (this.request = server.request());
        case 1:
          waits.push(sim.now - this.arrived);
          return nextService();
        default:
          server.release(this.request as Request);
          return null;
      }
    }
  }
  let started = 0;
  sim.stepProcess({
    resume() {
      sim.stepProcess(new Customer());
      return ++started < customers ? nextInterarrival() : null;
    },
  });
  sim.run();
  return { waits, utilisation: server.utilisation(), events: sim.eventsExecuted, end: sim.now };
}

/** The same M/M/1 with plain callbacks (arrival and departure events), drawing the same numbers. */
function mm1Callbacks(customers: number, meanInterarrival: number, meanService: number, seed: number) {
  const sim = new Simulation();
  const { nextInterarrival, nextService } = mm1Draws(meanInterarrival, meanService, seed);
  const waits: number[] = [];
  const queue: number[] = []; // arrival times of those waiting
  let busy = false;
  let arrived = 0;
  const startService = (arrivedAt: number): void => {
    busy = true;
    waits.push(sim.now - arrivedAt);
    sim.schedule(nextService(), "test.depart", depart);
  };
  const depart = (): void => {
    busy = false;
    if (queue.length > 0) startService(queue.shift() as number);
  };
  const arrive = (): void => {
    if (busy) queue.push(sim.now);
    else startService(sim.now);
    if (++arrived < customers) sim.schedule(nextInterarrival(), "test.arrive", arrive);
  };
  sim.schedule(0, "test.arrive", arrive);
  sim.run();
  return { waits, end: sim.now };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

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

  it("process.interrupt() before the process started throws Interrupt at its first line, so its body never runs", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const p = sim.process(function* () {
      log.push("body ran");
      yield sim.timeout(1);
    });
    p.interrupt("too early");
    sim.process(function* () {
      try {
        yield p;
      } catch (e) {
        log.push(`${(e as Interrupt).cause as string}@${sim.now}`);
      }
    });
    sim.run();
    expect(log).toEqual(["too early@0"]);
    // p's start (it does nothing), the interrupt, the waiter's start, p's failure; the waiter's end is unheard.
    expect(sim.eventsExecuted).toBe(4);
  });

  it("process.interrupt() of a finished process throws", () => {
    const sim = new Simulation();
    const p = sim.process(function* () {
      yield sim.timeout(1);
    });
    sim.run();
    expect(() => p.interrupt("late")).toThrow("requires a live process");
  });

  it("process.interrupt() of the running process itself throws, for generators and state machines", () => {
    const sim = new Simulation();
    const errors: string[] = [];
    const self = sim.process(function* () {
      try {
        self.interrupt("me");
      } catch (e) {
        errors.push((e as Error).message);
      }
      yield sim.timeout(1);
    });
    const steps = sim.stepProcess({
      resume: () => {
        try {
          steps.interrupt("me");
        } catch (e) {
          errors.push((e as Error).message);
        }
        return null;
      },
    }, "steps");
    sim.run();
    expect(errors).toEqual([
      "process.interrupt requires another process or a callback; process cannot interrupt itself",
      "process.interrupt requires another process or a callback; steps cannot interrupt itself",
    ]);
    expect(sim.now).toBe(1);
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

  it("sim.process() rejects yielding something that is neither an event nor a non-negative integer delay", () => {
    for (const bad of ["5", -1, 2.5]) {
      const sim = new Simulation();
      const p = sim.process(function* () {
        yield bad as never;
      });
      p.defused = true;
      let message = "";
      sim.process(function* () {
        try {
          yield p;
        } catch (e) {
          message = (e as Error).message;
        }
      });
      sim.run();
      expect([p.ok, message]).toEqual([false, `process process must yield SimEvent objects or a non-negative integer delay (ns), got ${bad}`]);
    }
  });

  it("a generator yielding a delay (ns) goes on when `yield sim.timeout(delay)` would, in the same place of the order, with one process.delay event instead of a kernel.timeout", () => {
    const run = (delayed: boolean): { log: string[]; kinds: string[] } => {
      const sim = new Simulation();
      const log: string[] = [];
      const kinds: string[] = [];
      sim.onEvent = (_time, _tag, kind) => kinds.push(kind);
      for (const name of ["a", "b"]) {
        sim.process(function* () {
          for (let i = 0; i < 3; i++) {
            if (delayed && name === "a") yield 1_000;
            else yield sim.timeout(1_000);
            log.push(`${name}${i}@${sim.now}`);
          }
        });
      }
      sim.schedule(2_000, "test.event", () => log.push(`tick@${sim.now}`));
      sim.run();
      return { log, kinds };
    };
    const events = run(false);
    const delays = run(true);
    expect(delays.log).toEqual(events.log);
    expect(delays.log).toEqual(["a0@1000", "b0@1000", "tick@2000", "a1@2000", "b1@2000", "a2@3000", "b2@3000"]);
    // Event for event the same run, a's three timeouts replaced by three delays.
    expect(delays.kinds.map((k) => (k === "process.delay" ? "kernel.timeout" : k))).toEqual(events.kinds);
    expect([delays.kinds.filter((k) => k === "process.delay").length, delays.kinds.length]).toEqual([3, events.kinds.length]);
  });

  it("an interrupt cancels a generator's yielded delay: the Interrupt is thrown at the yield, the delay never ends it", () => {
    const sim = new Simulation();
    const log: unknown[] = [];
    const sleeper = sim.process(function* () {
      try {
        yield 10_000;
        log.push("woke");
      } catch (e) {
        log.push([(e as Interrupt).cause, sim.now]);
      }
      yield 5;
      log.push(["done", sim.now]);
    });
    sim.schedule(3_000, "test.event", () => sleeper.interrupt("stop"));
    sim.run();
    expect(log).toEqual([["stop", 3_000], ["done", 3_005]]);
    expect(sim.now).toBe(3_005);
  });

  it("an M/M/1 of processes matches the closed form at ρ = 0.5: Wq = ρ/(μ − λ) = 1 ms, utilisation 0.5", () => {
    // λ = 0.5/ms, μ = 1/ms. The standard error of the mean wait over 100,000 customers is about
    // 0.017 ms (asymptotic variance ρ(2 + 5ρ − 4ρ² + ρ³)/(1 − ρ)⁴/μ² per customer): ±5% is 3 SE.
    const run = mm1Processes(100_000, 2_000_000, 1_000_000, 18);
    const waitMs = mean(run.waits.slice(1_000)) / 1e6;
    expect(waitMs).toBeGreaterThan(0.95);
    expect(waitMs).toBeLessThan(1.05);
    expect(run.utilisation).toBeGreaterThan(0.49);
    expect(run.utilisation).toBeLessThan(0.51);
  });

  it("an M/M/1 of processes gives every customer the wait of the callback model with the same draws, and repeats exactly", () => {
    const processes = mm1Processes(5_000, 1_250_000, 1_000_000, 7);
    const callbacks = mm1Callbacks(5_000, 1_250_000, 1_000_000, 7);
    expect(processes.waits).toEqual(callbacks.waits);
    expect(processes.end).toBe(callbacks.end);
    expect(mm1Processes(5_000, 1_250_000, 1_000_000, 7)).toEqual(processes);
  });

  it("a process customer costs 3 kernel events when the server is free and 4 when it waits", () => {
    // Free: the customer's start, its service timeout and the source's interarrival timeout (the
    // immediate grant and the unheard end cost none); the source adds its own start.
    const free = mm1Processes(1_000, 1e12, 1, 1); // arrivals ~1000 s apart, services ~1 ns
    expect(free.waits.every((w) => w === 0)).toBe(true);
    expect(free.events).toBe(3 * 1_000);
    // Waiting adds the grant, a same-time kernel event after the releasing process's step.
    const queued = mm1Processes(1_000, 1, 1e12, 1);
    expect(queued.waits.filter((w) => w > 0).length).toBe(999);
    expect(queued.events).toBe(3 * 1_000 + 999);
    // M/M/1 at ρ = 0.8: 3 per customer plus one per customer who waited (3.80 on this seed).
    const mm1 = mm1Processes(10_000, 1_250_000, 1_000_000, 1);
    const waited = mm1.waits.filter((w) => w > 0).length;
    expect(mm1.events).toBe(3 * 10_000 + waited);
    expect(mm1.events / 10_000).toBeCloseTo(3.8, 1);
  });

  it("a process granted a free server goes on at once; a waiting one resumes in a later same-time event", () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    const user = (name: string, hold: number) =>
      sim.process(function* () {
        sim.schedule(0, "test.queued", () => log.push(`event queued by ${name}`));
        const req = res.request();
        yield req;
        log.push(`${name} granted@${sim.now}`);
        yield sim.timeout(hold);
        res.release(req);
        log.push(`${name} released@${sim.now}`);
      });
    user("a", 10);
    user("b", 10);
    sim.run();
    expect(log).toEqual([
      "a granted@0", // before the event a queued at the same time (SimPy would run that first)
      "event queued by a",
      "event queued by b",
      "a released@10", // a's step ends before b resumes
      "b granted@10",
      "b released@20",
    ]);
  });

  it("process starts keep the order and the fingerprint they had as heap events (9aad69d3 on b63cbfe), renumbering included", () => {
    const run = (sequenceLimit?: number) => {
      const sim = new Simulation({ fingerprint: true, sequenceLimit });
      const server = new Resource(sim, { capacity: 2 });
      const { nextInterarrival, nextService } = mm1Draws(1_000, 1_800, 3);
      const log: string[] = [];
      function* customer(i: number) {
        const req = server.request();
        try {
          yield req;
          yield sim.timeout(nextService());
          log.push(`${i} done@${sim.now}`);
        } catch (e) {
          if (!(e instanceof Interrupt)) throw e;
          log.push(`${i} interrupted@${sim.now}`);
        }
        server.release(req);
      }
      sim.process(function* () {
        for (let i = 0; i < 300; i++) {
          const p = sim.process(customer(i));
          if (i % 7 === 3) sim.schedule(500, "test.interrupt", () => p.isAlive && p.interrupt("impatient"));
          if (i % 5 === 0) sim.process(function* () { log.push(`child of ${i}@${sim.now}`); });
          yield sim.timeout(nextInterarrival());
        }
      });
      sim.run();
      return { fingerprint: sim.fingerprint(), events: sim.eventsExecuted, log };
    };
    const plain = run();
    expect([plain.fingerprint, plain.events, plain.log.length]).toEqual(["9aad69d3", 1221, 360]);
    expect(run(5)).toEqual(plain);
  });

  it("a state-machine M/M/1 (ProcessSteps) gives the generator model's waits, utilisation and kernel events", () => {
    const steps = mm1Steps(5_000, 1_250_000, 1_000_000, 7);
    const generators = mm1Processes(5_000, 1_250_000, 1_000_000, 7);
    expect(steps.waits).toEqual(generators.waits);
    expect(steps.end).toBe(generators.end);
    expect(steps.utilisation).toBe(generators.utilisation);
    expect(steps.events).toBe(generators.events); // a delay is one kernel event, as a timeout
  });

  it("a step process can be waited for, and holds Resource requests and Store items like a generator", () => {
    const sim = new Simulation();
    const store = new Store<string>(sim);
    const log: string[] = [];
    let state = 0;
    const consumer = sim.stepProcess<string>({
      resume(value) {
        if (state++ === 0) return store.get();
        this.result = `got ${value as string}@${sim.now}`;
        return null;
      },
    });
    sim.process(function* () {
      yield sim.timeout(7);
      store.put("x");
      log.push(String(yield consumer));
    });
    sim.run();
    expect(log).toEqual(["got x@7"]);
  });

  it("a step process gets a failed event or an Interrupt in resumeError, which may throw it on to fail the process", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const broken = sim.event();
    let step = 0;
    const sleeper = sim.stepProcess({
      resume: () => (step++ === 0 ? 1_000 : null), // a delay of 1 µs, cancelled by the interrupt
      resumeError(error) {
        if (!(error instanceof Interrupt)) throw error; // the broken event: the process fails with it
        log.push(`${error.cause as string}@${sim.now}`);
        return broken;
      },
    });
    sim.schedule(10, "test.interrupt", () => sleeper.interrupt("wake"));
    sim.schedule(20, "test.fail", () => broken.fail(new Error("broken")));
    sim.process(function* () {
      try {
        yield sleeper;
      } catch (e) {
        log.push(`${(e as Error).message}@${sim.now}`);
      }
    });
    // Two starts, two scheduled callbacks, the interrupt, broken's failure and the sleeper's
    // failed end (it has a waiter): 7. The cancelled delay never runs, so it does not count.
    expect(sim.run()).toBe(7);
    expect(log).toEqual(["wake@10", "broken@20"]);
    expect([sim.now, step]).toEqual([20, 1]);
  });

  it("a step process interrupted before it starts gets the Interrupt first; a bad return fails it", () => {
    const sim = new Simulation();
    const seen: string[] = [];
    const p = sim.stepProcess({
      resume: () => {
        seen.push("resume");
        return null;
      },
      resumeError: (e) => {
        seen.push(`error ${(e as Interrupt).cause as string}`);
        return -5;
      },
    });
    p.interrupt("early");
    p.defused = true;
    sim.run();
    expect(seen).toEqual(["error early"]);
    expect((p.error as Error).message).toBe("process process must return a SimEvent, a non-negative integer delay (ns) or null from resume, got -5");
  });

  it("a process that ends with nobody waiting is processed at once; one that is waited for ends in a kernel event", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const lone = sim.process(function* () {
      yield sim.timeout(5);
      return "lone";
    });
    const watched = sim.process(function* () {
      yield sim.timeout(5);
      return "watched";
    });
    sim.process(function* () {
      const v = yield watched;
      log.push(`${v as string}@${sim.now} lone processed: ${String(lone.processed)}`);
    });
    sim.process(function* () {
      yield sim.timeout(5); // fires after the two timeouts above
      log.push(`check@${sim.now} lone: ${String(lone.processed)} watched: ${String(watched.processed)}`);
    });
    sim.run();
    // Both ended at 5 before the check; only the watched one still had its end event to come.
    expect(log).toEqual(["check@5 lone: true watched: false", "watched@5 lone processed: true"]);
  });
});
