import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { AdaptiveBackgroundLimit, FixedBackgroundLimit } from "../../../src/models/devices/background-limit.ts";
import { QueuedDevice, type QueuedRequest } from "../../../src/models/devices/queued-device.ts";
import type { IoClass } from "../../../src/contracts/io-class.ts";
import { StrictPriorityScheduler } from "../../../src/policies/scheduling/strict-priority.ts";
import { FifoScheduler } from "../../../src/policies/scheduling/fifo.ts";

/** Serves a request in `length` ns and picks the shortest admitted request (to see `pick` work). */
class ShortestFirst extends QueuedDevice {
  readonly definition = { name: "shortest", description: "test device", parameters: {} };
  protected override pick(): number {
    let best = 0;
    this.admitted.forEach((entry, i) => {
      if (entry.request.length < this.admitted[best].request.length) best = i;
    });
    return best;
  }
  protected serve(entry: QueuedRequest, done: () => void): void {
    this.sim.schedule(entry.request.length, "test.event", done);
  }
}

describe("QueuedDevice", () => {
  it("queuedDevice.submit() reorders only within the queue depth; the rest wait in FIFO order", () => {
    const sim = new Simulation();
    // One server, depth 2: at t = 0 request 0 (300) starts and request 1 (200) is admitted;
    // 2 (100) and 3 (50) wait outside. At 300: admit 2; pick shortest of {1: 200, 2: 100} → 2.
    // At 400: admit 3; pick {1: 200, 3: 50} → 3 (450); then 1 (650).
    const device = new ShortestFirst(sim, "d", { queueDepth: 2, servers: 1 });
    const order: number[] = [];
    [300, 200, 100, 50].forEach((length, i) => device.submit({ offset: 0, length, op: "R", tag: i }, (c) => order.push(c.request.tag as number, c.completedAt)));
    expect(device.outstanding).toBe(4);
    sim.run();
    expect(order).toEqual([0, 300, 2, 400, 3, 450, 1, 650]);
    expect(device.outstanding).toBe(0);
    // Latencies 300 + 400 + 450 + 650 = 1800; busy the whole 650 ns.
    expect(device.counters()).toMatchObject({ requests: 4, completed: 4, bytesRead: 650, busyNs: 650, serviceNs: 650, latencyNs: 1800 });
  });

  it("new QueuedDevice() requires a queue depth and servers of at least 1", () => {
    expect(() => new ShortestFirst(new Simulation(), "d", { queueDepth: 0, servers: 1 })).toThrow("d requires queueDepth and servers of at least 1");
  });

  /** Submits `[tag, ioClass, length]` at t = 0 in order; returns the completions as [tag, time]. */
  function classRun(device: QueuedDevice, sim: Simulation, requests: readonly (readonly [number, IoClass, number])[]): number[][] {
    const done: number[][] = [];
    for (const [tag, ioClass, length] of requests) device.submit({ offset: 0, length, op: "R", tag, ioClass }, (c) => done.push([c.request.tag as number, c.completedAt]));
    sim.run();
    return done;
  }

  it("queuedDevice.useClassDispatch() admits a waiting demand request before waiting background ones, and bounds background inside the device", () => {
    const sim = new Simulation();
    // One server, depth 4, at most 1 background inside. t = 0: relocation 0 (100 ns) starts;
    // relocations 1, 2 wait (bound reached); demand 3 (10) and 4 (20) are admitted at once.
    // 0 ends at 100; demand 3 (shortest-first among {3, 4}: both demand) 100–110, then 4 110–130,
    // and relocation 1 is admitted at 100 when 0 left: served 130–230; then 2 230–330.
    const device = new ShortestFirst(sim, "d", { queueDepth: 4, servers: 1 });
    device.useClassDispatch({ scheduler: new StrictPriorityScheduler(), limit: new FixedBackgroundLimit(1) });
    const done = classRun(device, sim, [[0, "relocation", 100], [1, "relocation", 100], [2, "prestage", 100], [3, "demand", 10], [4, "demand", 20]]);
    expect(done).toEqual([[0, 100], [3, 110], [4, 130], [2, 230], [1, 330]]); // prestage 2 before relocation 1: strict priority
  });

  it("queuedDevice without class dispatch serves the same requests in arrival order (the demand waits behind the background)", () => {
    const sim = new Simulation();
    const device = new ShortestFirst(sim, "d", { queueDepth: 1, servers: 1 });
    expect(classRun(device, sim, [[0, "relocation", 100], [1, "relocation", 100], [2, "demand", 10]])).toEqual([[0, 100], [1, 200], [2, 210]]);
    // FIFO class dispatch with no bound is the same order.
    const sim2 = new Simulation();
    const fifo = new ShortestFirst(sim2, "d", { queueDepth: 1, servers: 1 });
    fifo.useClassDispatch({ scheduler: new FifoScheduler(), limit: new FixedBackgroundLimit(Infinity) });
    expect(classRun(fifo, sim2, [[0, "relocation", 100], [1, "relocation", 100], [2, "demand", 10]])).toEqual([[0, 100], [1, 200], [2, 210]]);
  });

  it("queuedDevice with a FIFO scheduler parks a background request handed out at the bound and serves the demand behind it", () => {
    const sim = new Simulation();
    // Depth 3, bound 1: 0 (relocation) inside; FIFO hands out 1 (relocation) while 2 (demand)
    // waits: 1 is parked, 2 admitted. Order 0, 2, 1.
    const device = new ShortestFirst(sim, "d", { queueDepth: 3, servers: 1 });
    device.useClassDispatch({ scheduler: new FifoScheduler(), limit: new FixedBackgroundLimit(1) });
    expect(classRun(device, sim, [[0, "relocation", 100], [1, "relocation", 100], [2, "demand", 10]])).toEqual([[0, 100], [2, 110], [1, 210]]);
  });

  it("queuedDevice with an adaptive bound halves it after a window whose mean demand latency missed the target", () => {
    const sim = new Simulation();
    // Target 50 ns, window 100 ns, start 2. t = 0: relocations 0, 1 inside (bound 2), demand 2
    // admitted (depth 4), relocation 3 waits. Service FIFO (shortest-first on equal lengths):
    // 0 0–100, 1 100–200, 2 200–300, 3 300–400 (3 is admitted at 100, when 0 leaves the device).
    const device = new ShortestFirst(sim, "d", { queueDepth: 4, servers: 1 });
    const limit = new AdaptiveBackgroundLimit({ limit: 2, minLimit: 1, maxLimit: 3, latencyTarget: 50, window: 100, idleWindows: 1 });
    device.useClassDispatch({ scheduler: new FifoScheduler(), limit });
    const done = classRun(device, sim, [[0, "relocation", 100], [1, "relocation", 100], [2, "demand", 100], [3, "relocation", 100]]);
    expect(done).toEqual([[0, 100], [1, 200], [2, 300], [3, 400]]);
    // Windows closed at 100 (no demand: 2 → 3), 200 (none: stays 3), 300 (none before: 3); the
    // demand completion at 300 (latency 300) is in window [300, 400), closed at 400: 3 → 1.
    expect(limit.value).toBe(1);
  });

  it("queuedDevice.useClassDispatch() after a request was submitted throws", () => {
    const sim = new Simulation();
    const device = new ShortestFirst(sim, "d", { queueDepth: 1, servers: 1 });
    device.submit({ offset: 0, length: 1, op: "R" }, () => {});
    expect(() => device.useClassDispatch({ scheduler: new FifoScheduler(), limit: new FixedBackgroundLimit(1) })).toThrow("d: class-aware dispatch must be set before the first request");
  });
});
