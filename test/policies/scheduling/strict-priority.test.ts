import { describe, expect, it } from "vitest";
import { StrictPriorityScheduler } from "../../../src/policies/scheduling/strict-priority.ts";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { FixedBackgroundLimit } from "../../../src/models/devices/background-limit.ts";
import { FixedLatencyDevice } from "../../../src/models/devices/fixed-latency.ts";
import { drain, enqueueAll, io } from "./io.ts";

const MS = 1_000_000;

describe("strict-priority", () => {
  it("strictPriority.dequeue() serves demand, then prestage, then relocation, FIFO within a class", () => {
    const s = new StrictPriorityScheduler();
    enqueueAll(s, [[1, "relocation", 0], [2, "prestage", 0], [3, "demand", 1], [4, "relocation", 2], [5, "prestage", 3], [6, "demand", 4]]);
    expect(drain(s, 5)).toEqual([3, 6, 2, 5, 1, 4]);
  });

  it("strictPriority.dequeue() serves an I/O first at the first time its wait exceeds maxWaitNs", () => {
    const s = new StrictPriorityScheduler({ maxWaitNs: 100 });
    enqueueAll(s, [[1, "relocation", 0], [2, "demand", 50], [3, "demand", 60], [4, "demand", 70]]);
    expect(s.dequeue(100)?.id).toBe(2); // relocation 1 has waited exactly 100: not overdue
    expect(s.dequeue(101)?.id).toBe(1); // waited 101 > 100
    expect(drain(s, 102)).toEqual([3, 4]);
  });

  it("strictPriority.dequeue() serves overdue heads oldest first across classes", () => {
    const s = new StrictPriorityScheduler({ maxWaitNs: 10 });
    enqueueAll(s, [[1, "relocation", 0], [2, "prestage", 5], [3, "relocation", 6], [4, "prestage", 30], [5, "demand", 30]]);
    // At 30: 1 (waited 30), 2 (25), 3 (24) are overdue, served by enqueue time; then priority.
    expect(drain(s, 30)).toEqual([1, 2, 3, 5, 4]);
  });

  it("strictPriority.dequeue() on equal enqueue times prefers the higher class among overdue heads", () => {
    const s = new StrictPriorityScheduler({ maxWaitNs: 10 });
    enqueueAll(s, [[1, "relocation", 0], [2, "prestage", 0]]);
    expect(drain(s, 50)).toEqual([2, 1]);
  });

  it("strictPriority.dequeue() bounds demand's wait too when demand is backlogged", () => {
    const s = new StrictPriorityScheduler({ maxWaitNs: 10 });
    enqueueAll(s, [[1, "demand", 0], [2, "relocation", 5], [3, "demand", 6]]);
    expect(drain(s, 20)).toEqual([1, 2, 3]);
  });

  it("strictPriority.dequeue() with maxWaitNs 0 or Infinity is pure strict priority", () => {
    for (const maxWaitNs of [0, Infinity]) {
      const s = new StrictPriorityScheduler({ maxWaitNs });
      enqueueAll(s, [[1, "relocation", 0], [2, "demand", 1000 * MS]]);
      expect(drain(s, 3_600_000 * MS)).toEqual([2, 1]);
    }
  });

  it("strictPriority.dequeue() with the default bound lets relocation through after 100 ms", () => {
    const s = new StrictPriorityScheduler();
    s.enqueue(io(1, "relocation", 0));
    for (let id = 2; id < 6; id++) s.enqueue(io(id, "demand", 1));
    expect(s.maxWaitNs).toBe(100 * MS);
    expect(s.dequeue(100 * MS)?.id).toBe(2);
    expect(s.dequeue(100 * MS + 1)?.id).toBe(1);
  });

  it("strictPriority.remove() removes from any class and sizeOf() counts per class", () => {
    const s = new StrictPriorityScheduler();
    enqueueAll(s, [[1, "prestage"], [2, "prestage"], [3, "relocation"]]);
    expect(s.remove(1)).toBe(true);
    expect(s.remove(1)).toBe(false);
    expect([s.size, s.sizeOf("demand"), s.sizeOf("prestage"), s.sizeOf("relocation")]).toEqual([2, 0, 1, 1]);
    expect(drain(s)).toEqual([2, 3]);
  });

  it("strictPriority.enqueue() of an id queued in another class throws", () => {
    const s = new StrictPriorityScheduler();
    s.enqueue(io(1, "prestage"));
    expect(() => s.enqueue(io(1, "demand"))).toThrow("I/O 1 is already queued");
  });

  it("new StrictPriorityScheduler() rejects a negative bound naming the parameter", () => {
    expect(() => new StrictPriorityScheduler({ maxWaitNs: -1 })).toThrow("scheduling: strict-priority.maxWaitNs: a duration in ns >= 0, got -1");
  });

  it("under saturating demand on a device, a relocation I/O starts at the first dispatch after its wait exceeds maxWaitNs", () => {
    // A 10 ms device; demand arrives every 5 ms (twice what it serves), one relocation I/O at 0.
    // Dispatches at 0, 10, …: at 100 ms the relocation has waited exactly 100 (not overdue), at
    // 110 ms it has waited 110 > 100 while the demand head (queued at 55 ms) waited 55: it starts
    // at 110 ms and completes at 120 ms. With no bound it waits until demand stops (at 1 s the
    // last demand arrives; the backlog of ~100 drains by 2 s).
    function relocationStart(maxWaitNs: number): number {
      const sim = new Simulation();
      const device = new FixedLatencyDevice(sim, "d", { latency: 10 * MS, parallelism: 1 });
      device.useClassDispatch({ scheduler: new StrictPriorityScheduler({ maxWaitNs }), limit: new FixedBackgroundLimit(Infinity) });
      let started = -1;
      for (let t = 0; t < 1000 * MS; t += 5 * MS) sim.schedule(t, "test.event", () => device.submit({ offset: 0, length: 1, op: "R", ioClass: "demand" }, () => {}));
      sim.schedule(0, "test.event", () => device.submit({ offset: 0, length: 1, op: "R", ioClass: "relocation" }, (c) => (started = c.startedAt)));
      sim.run();
      return started;
    }
    expect(relocationStart(100 * MS)).toBe(110 * MS);
    expect(relocationStart(0)).toBe(2000 * MS); // 200 demand requests × 10 ms, then the relocation
  });
});
