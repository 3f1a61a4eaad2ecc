import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { QueuedDevice, type QueuedRequest } from "../../../src/models/devices/queued-device.ts";

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
});
