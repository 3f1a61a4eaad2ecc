import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { DedupStore } from "../../../src/models/devices/dedup-store.ts";
import { FixedLatencyDevice } from "../../../src/models/devices/fixed-latency.ts";
import { leafBusyShare, leafDevices, leafQueueShare } from "../../../src/models/devices/leaves.ts";
import { StripedArray } from "../../../src/models/devices/striped-array.ts";

describe("leaves", () => {
  it("leafDevices() walks a dedup store's underlying array down to its disks, in member order", () => {
    const sim = new Simulation();
    const disks = [0, 1, 2, 3].map((i) => new FixedLatencyDevice(sim, `d${i}`, { latency: 1e6, parallelism: 1 }));
    const array = new StripedArray(sim, "array", disks, { stripeUnit: 1 << 20 });
    const store = new DedupStore(sim, "store", new RngStreams("t"), array, { chunkSize: 4 << 20 });
    expect(leafDevices(store).map((d) => d.name)).toEqual(["d0", "d1", "d2", "d3"]);
    expect(leafDevices(disks[2])).toEqual([disks[2]]);
  });

  it("leafBusyShare() is the disks' mean busy share (disk 0 busy 2 of 8 ms, three idle: 1/16), where the array counts as busy while any disk is", () => {
    const sim = new Simulation();
    const disks = [0, 1, 2, 3].map((i) => new FixedLatencyDevice(sim, `d${i}`, { latency: 1e6, parallelism: 1 }));
    const array = new StripedArray(sim, "array", disks, { stripeUnit: 1 << 20 });
    // Two reads at once on disk 0 only (1 MiB each): it is busy 2 ms, the others idle.
    array.submit({ offset: 0, length: 1 << 20, op: "R" }, () => {});
    array.submit({ offset: 4 << 20, length: 1 << 20, op: "R" }, () => {});
    sim.run();
    expect(sim.now).toBe(2e6);
    expect(leafBusyShare(array, 8e6)).toBe((2 / 8) / 4);
    expect(array.counters().busyNs).toBe(2e6); // the array: busy the whole 2 ms
    expect(leafBusyShare(array, 0)).toBe(0);
  });

  it("leafQueueShare() is the disks' queued share of their response time: three 1 ms reads at once on one disk wait 0, 1 and 2 ms, a fourth on the other none (3 of 7 ms)", () => {
    const sim = new Simulation();
    const disks = [0, 1].map((i) => new FixedLatencyDevice(sim, `d${i}`, { latency: 1e6, parallelism: 1 }));
    const array = new StripedArray(sim, "array", disks, { stripeUnit: 1 << 20 });
    expect(leafQueueShare(array)).toBe(0); // nothing completed
    for (let i = 0; i < 3; i++) array.submit({ offset: 0, length: 1 << 20, op: "R" }, () => {});
    array.submit({ offset: 1 << 20, length: 1 << 20, op: "R" }, () => {}); // disk 1: served at once
    sim.run();
    // Latencies 1 + 2 + 3 ms on disk 0 and 1 ms on disk 1; service 4 x 1 ms: queued 3 of 7 ms.
    expect(leafQueueShare(array)).toBeCloseTo(3 / 7, 12);
    const store = new DedupStore(sim, "store", new RngStreams("t"), array, { chunkSize: 4 << 20 });
    expect(leafQueueShare(store)).toBeCloseTo(3 / 7, 12); // through the dedup store to the same disks
  });
});
