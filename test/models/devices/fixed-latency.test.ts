import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { FixedLatencyDevice } from "../../../src/models/devices/fixed-latency.ts";
import type { BlockDevice, BlockRequest } from "../../../src/models/devices/types.ts";

function completionTimes(sim: Simulation, device: BlockDevice, requests: BlockRequest[]): number[] {
  const times: number[] = [];
  requests.forEach((request, i) => device.submit(request, (c) => (times[i] = c.completedAt)));
  sim.run();
  return times;
}

describe("FixedLatencyDevice", () => {
  it("fixedLatencyDevice.submit() serves in constant time, parallelism at a time", () => {
    const sim = new Simulation();
    const device = new FixedLatencyDevice(sim, "f", { latency: 5_000_000, parallelism: 2 });
    const requests = [0, 1, 2].map((i) => ({ offset: i * 4096, length: 4096, op: "R" as const }));
    expect(completionTimes(sim, device, requests)).toEqual([5_000_000, 5_000_000, 10_000_000]);
  });

  it("fixedLatencyDevice.submit() with parallelism 0 serves everything at once", () => {
    const sim = new Simulation();
    const device = new FixedLatencyDevice(sim, "f", { latency: 1_000 });
    const requests = Array.from({ length: 100 }, (_, i) => ({ offset: i, length: 1, op: "W" as const }));
    expect(new Set(completionTimes(sim, device, requests))).toEqual(new Set([1_000]));
    expect(device.counters()).toMatchObject({ requests: 100, completed: 100, bytesWritten: 100, busyNs: 1_000, serviceNs: 100_000 });
  });
});
