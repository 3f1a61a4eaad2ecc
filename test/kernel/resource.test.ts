import { describe, expect, it } from "vitest";
import type { Interrupt } from "../../src/kernel/process.ts";
import { Resource, type Preempted, type Request } from "../../src/kernel/resource.ts";
import { Simulation } from "../../src/kernel/simulation.ts";

function customer(sim: Simulation, res: Resource, name: string, arrive: number, service: number, log: string[], priority = 0) {
  sim.process(function* () {
    yield sim.timeout(arrive);
    const req = res.request(priority);
    yield req;
    log.push(`${name}@${sim.now}`);
    yield sim.timeout(service);
    res.release(req);
  });
}

describe("Resource", () => {
  it("resource.request() serves c users at a time in FIFO order", () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 2 });
    const log: string[] = [];
    customer(sim, res, "a", 0, 10, log);
    customer(sim, res, "b", 1, 10, log);
    customer(sim, res, "c", 2, 10, log);
    customer(sim, res, "d", 3, 10, log);
    sim.run();
    expect(log).toEqual(["a@0", "b@1", "c@10", "d@11"]);
    // Busy: 2 servers from 1 to 20, 1 server 0..1 and 20..21 => (1 + 38 + 1) / 21 / 2.
    expect(res.busy.area(sim.now)).toBe(40);
    expect(res.utilisation()).toBeCloseTo(40 / 21 / 2, 12);
    // Waiting: c waits 2..10, d waits 3..11 => 16 item-ns.
    expect(res.waiting.area(sim.now)).toBe(16);
  });

  it("resource.request(priority) with a priority queue serves lower numbers first", () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1, queue: "priority" });
    const log: string[] = [];
    customer(sim, res, "first", 0, 10, log, 5);
    customer(sim, res, "low", 1, 1, log, 5);
    customer(sim, res, "high", 2, 1, log, 1);
    customer(sim, res, "high2", 3, 1, log, 1);
    sim.run();
    expect(log).toEqual(["first@0", "high@10", "high2@11", "low@12"]);
  });

  it("a preemptive resource interrupts the lower-priority user with the time it had used", () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1, preemptive: true });
    const log: string[] = [];
    sim.process(function* () {
      const service = 100;
      const req = res.request(5);
      yield req;
      try {
        yield sim.timeout(service);
        log.push(`low done@${sim.now}`);
      } catch (e) {
        const info = (e as Interrupt).cause as Preempted;
        const remaining = service - (info.preemptedAt - info.usageSince);
        log.push(`low preempted@${sim.now} remaining=${remaining}`);
        const again = res.request(5);
        yield again;
        yield sim.timeout(remaining);
        res.release(again);
        log.push(`low done@${sim.now}`);
      }
    });
    customer(sim, res, "high", 30, 20, log, 0);
    sim.run();
    expect(log).toEqual(["low preempted@30 remaining=70", "high@30", "low done@120"]);
  });

  it("request.onPreempt tells a callback-style user it lost the server", () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1, preemptive: true });
    const low = res.request(3);
    const seen: number[] = [];
    low.onPreempt = (info) => seen.push(info.preemptedAt, info.usageSince);
    sim.schedule(40, "test.event", () => res.request(0));
    sim.run();
    expect(seen).toEqual([40, 0]);
    expect(low.preempted?.by.priority).toBe(0);
    expect(res.users.length).toBe(1);
  });

  it("resource.release() of a waiting request withdraws it from the queue", () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const a = res.request();
    const b = res.request();
    expect(res.queue.length).toBe(1);
    res.release(b);
    expect(res.queue.length).toBe(0);
    res.release(a);
    expect(res.users.length).toBe(0);
  });

  it("new Resource() requires a positive integer capacity", () => {
    expect(() => new Resource(new Simulation(), { capacity: 0 })).toThrow("positive integer");
  });
  it("resource.queue is the waiting requests in service order through hundreds of grants (the array compacted), withdrawals and priority inserts", () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1, queue: "priority" });
    const id = new Map<Request, number>();
    const expected: Request[] = []; // the reference queue: FIFO within a priority, lower first
    const ask = (priority: number) => {
      const r = res.request(priority);
      id.set(r, id.size);
      if (res.users[0] !== r) {
        let at = 0;
        while (at < expected.length && expected[at].priority <= priority) at++;
        expected.splice(at, 0, r);
      }
    };
    for (let i = 0; i < 300; i++) ask(i % 3);
    const ids = (q: Request[]) => q.map((r) => id.get(r));
    for (let step = 1; step <= 280; step++) {
      res.release(res.users[0]);
      expect(res.users[0]).toBe(expected.shift());
      if (step % 7 === 0) {
        const gone = expected.splice(step % expected.length, 1)[0];
        res.release(gone); // withdrawn while waiting
      }
      if (step % 11 === 0) ask(step % 2);
      if (step === 200) expect(ids(res.queue)).toEqual(ids(expected)); // by then grants compacted the array
    }
    expect(ids(res.queue)).toEqual(ids(expected));
    expect(res.waiting.value).toBe(expected.length);
  });
});
