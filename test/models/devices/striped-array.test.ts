import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { FixedLatencyDevice } from "../../../src/models/devices/fixed-latency.ts";
import { StripedArray, stripeParts } from "../../../src/models/devices/striped-array.ts";

describe("stripeParts", () => {
  it("stripeParts(offset, length, unit, members) splits at unit boundaries and merges per member", () => {
    expect(stripeParts(0, 3 * 1024, 1024, 2)).toEqual([
      { member: 0, offset: 0, length: 2048 },
      { member: 1, offset: 0, length: 1024 },
    ]);
    expect(stripeParts(1536, 1024, 1024, 4)).toEqual([
      { member: 1, offset: 512, length: 512 },
      { member: 2, offset: 0, length: 512 },
    ]);
  });
});

describe("StripedArray", () => {
  it("stripedArray.submit() completes when the slowest member part has", () => {
    const sim = new Simulation();
    const members = [new FixedLatencyDevice(sim, "d0", { latency: 1_000, parallelism: 1 }), new FixedLatencyDevice(sim, "d1", { latency: 3_000, parallelism: 1 })];
    const array = new StripedArray(sim, "array", members, { stripeUnit: 4096 });
    const done: number[] = [];
    // 3 units: d0 gets units 0 and 2 (merged: one request), d1 unit 1: done at 3 µs.
    array.submit({ offset: 0, length: 3 * 4096, op: "R" }, (c) => done.push(c.completedAt));
    // 1 unit on d0 only: queued behind the first part on d0 (parallelism 1): done at 2 µs.
    array.submit({ offset: 0, length: 4096, op: "R" }, (c) => done.push(c.completedAt));
    sim.run();
    expect(done).toEqual([2_000, 3_000]);
    expect(array.counters()).toMatchObject({ requests: 2, completed: 2, bytesRead: 4 * 4096, busyNs: 3_000 });
  });
});
