import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { FixedBackgroundLimit } from "../../../src/models/devices/background-limit.ts";
import { FixedLatencyDevice } from "../../../src/models/devices/fixed-latency.ts";
import { MClockScheduler } from "../../../src/policies/scheduling/mclock.ts";
import { drain, enqueueAll } from "./io.ts";

const MS = 1_000_000;

describe("mclock", () => {
  it("mclock.dequeue() shares by weight tags when there are no reservations: weights 2 : 1 give 1, 5, 2, 3, 6, 4", () => {
    // All at 0. P tags: demand 0, 0.5 s, 1 s, 1.5 s; relocation 0, 1 s. Smallest P first, ties
    // to demand: 1 (0), 5 (0), 2 (0.5), 3 (1 = 1, demand), 6 (1), 4 (1.5).
    const s = enqueueAll(new MClockScheduler({ demandWeight: 2, relocationWeight: 1 }), [[1, "demand"], [2, "demand"], [3, "demand"], [4, "demand"], [5, "relocation"], [6, "relocation"]]);
    expect(drain(s, 0)).toEqual([1, 5, 2, 3, 6, 4]);
  });

  it("mclock.dequeue() serves a reservation by its R tags ahead of the weights, without charging weight-phase service to it", () => {
    // Relocation reserves 10 I/Os/s (R tags 0, 100 ms, 200 ms…), weight 1 vs demand 100. One
    // dispatch every 10 ms: at 0 relocation (R 0 <= 0), then demand until 100 ms, relocation, …
    const s = new MClockScheduler({ demandWeight: 100, relocationWeight: 1, relocationReservation: 10 });
    for (let id = 0; id < 30; id++) s.enqueue({ id, ioClass: "demand", bytes: 4096, enqueuedAt: 0 });
    for (let id = 100; id < 105; id++) s.enqueue({ id, ioClass: "relocation", bytes: 4096, enqueuedAt: 0 });
    const classes: string[] = [];
    for (let t = 0; t < 25; t++) classes.push(s.dequeue(t * 10 * MS)?.ioClass === "relocation" ? "R" : "d");
    expect(classes.join("")).toBe("RdddddddddRdddddddddRdddd");
  });

  it("mclock.dequeue() holds a class at its limit and nextReadyAt() says when it is eligible again", () => {
    const s = enqueueAll(new MClockScheduler({ prestageLimit: 4 }), [[1, "prestage", 0], [2, "prestage", 0], [3, "prestage", 0]]);
    expect(s.dequeue(0)?.id).toBe(1); // L tag 0
    expect(s.dequeue(0)).toBeUndefined(); // L tag 250 ms
    expect(s.nextReadyAt(0)).toBe(250 * MS);
    expect(s.dequeue(250 * MS)?.id).toBe(2);
    expect(s.nextReadyAt(250 * MS)).toBe(500 * MS);
    s.enqueue({ id: 4, ioClass: "demand", bytes: 4096, enqueuedAt: 300 * MS });
    expect(s.dequeue(300 * MS)?.id).toBe(4); // demand has no limit
    expect(s.remove(3)).toBe(true);
    expect(s.dequeue(600 * MS)).toBeUndefined();
  });

  /** Relocation completions in 10 s on a 10 ms device under saturating demand, and demand's. */
  function saturated(options: Record<string, number>): { demand: number; relocation: number } {
    const sim = new Simulation();
    const device = new FixedLatencyDevice(sim, "d", { latency: 10 * MS, parallelism: 1 });
    device.useClassDispatch({ scheduler: new MClockScheduler(options), limit: new FixedBackgroundLimit(Infinity) });
    const completed = { demand: 0, relocation: 0 };
    // Demand keeps 50 requests queued at all times (a new one per completion).
    const demand = (): void =>
      device.submit({ offset: 0, length: 4096, op: "R", ioClass: "demand" }, () => {
        completed.demand++;
        if (sim.now < 10_000 * MS) demand();
      });
    for (let i = 0; i < 50; i++) demand();
    for (let i = 0; i < 1000; i++) device.submit({ offset: 0, length: 4096, op: "R", ioClass: "relocation" }, () => completed.relocation++);
    sim.run(10_000 * MS);
    return completed;
  }

  it("under saturating demand on a device, the relocation class still completes its reservation (25 of the device's 100 I/Os/s)", () => {
    // Weight alone (100 : 1) gives relocation 1 in 101: 10 of the 1 000 dispatches in 10 s.
    expect(saturated({ demandWeight: 100, relocationWeight: 1 })).toEqual({ demand: 990, relocation: 10 });
    // Reserved 25/s: R tags every 40 ms from 0, so dispatches at 0, 40 ms, … 9 960 ms: 250.
    expect(saturated({ demandWeight: 100, relocationWeight: 1, relocationReservation: 25 })).toEqual({ demand: 750, relocation: 250 });
  });
});
