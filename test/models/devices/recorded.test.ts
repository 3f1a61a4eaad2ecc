import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { RecordedDevice } from "../../../src/models/devices/recorded.ts";
import type { BlockRequest } from "../../../src/models/devices/types.ts";

describe("RecordedDevice", () => {
  it("recordedDevice.submit() serves each read and write in exactly its recorded latency plus addedDelay, and a flush plus flushDelay (0 by default, as nbdkit's delay filter)", () => {
    const sim = new Simulation();
    const device = new RecordedDevice(sim, "r", { addedDelay: 5_000_000 });
    const requests: BlockRequest[] = [
      { offset: 0, length: 4096, op: "R", latencyUs: 250 },
      { offset: 4096, length: 8192, op: "W", latencyUs: 1_234.5 },
      { offset: 0, length: 0, op: "F", latencyUs: 0 },
    ];
    const latencies: number[] = [];
    requests.forEach((r) => device.submit(r, (c) => latencies.push(c.completedAt - c.submittedAt)));
    sim.run();
    expect(latencies).toEqual([0, 5_250_000, 6_234_500]);
    const flushed: number[] = [];
    const held = new RecordedDevice(sim, "h", { addedDelay: 5_000_000, flushDelay: 2_000_000 });
    held.submit({ offset: 0, length: 0, op: "F", latencyUs: 7 }, (c) => flushed.push(c.completedAt - c.submittedAt));
    sim.run();
    expect(flushed).toEqual([2_007_000]);
  });

  it("recordedDevice.submit() without added delay reproduces the recording", () => {
    const sim = new Simulation();
    const device = new RecordedDevice(sim, "r");
    sim.schedule(1_000, "test.event", () => device.submit({ offset: 0, length: 512, op: "R", latencyUs: 42 }, (c) => expect(c.completedAt).toBe(43_000)));
    sim.run();
    expect(device.counters().completed).toBe(1);
  });
});
