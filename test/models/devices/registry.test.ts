import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { FixedLatencyDevice, fixedLatencyEntry } from "../../../src/models/devices/fixed-latency.ts";
import { DeviceRegistry, type DeviceEntry } from "../../../src/models/devices/registry.ts";
import { ssdEntry } from "../../../src/models/devices/ssd.ts";
import { stripedArrayEntry } from "../../../src/models/devices/striped-array.ts";
import { hddEntry } from "../../../src/models/devices/hdd.ts";
import { dedupStoreEntry } from "../../../src/models/devices/dedup-store.ts";
import { FixedBackgroundLimit } from "../../../src/models/devices/background-limit.ts";
import { StrictPriorityScheduler } from "../../../src/policies/scheduling/strict-priority.ts";

/** A box of `disks` fixed-latency disks, striped: a nested `device` parameter and a capacity. */
const boxEntry: DeviceEntry = {
  definition: {
    name: "box",
    description: "a test enclosure",
    parameters: {
      size: { type: "size", description: "bytes per disk", default: 1e9, minimum: 1 },
      disk: { type: "device", devices: ["fixed", "ssd"], default: { device: "fixed" }, description: "the disk" },
    },
  },
  create: (spec, { build, name }) => build(`${name}.disk`, spec.disk as { device: string }),
  capacity: (spec) => spec.size as number,
};

describe("DeviceRegistry", () => {
  it("schemaOf(name) generates a strict declaration with the definition's defaults and nested devices", () => {
    const registry = new DeviceRegistry([ssdEntry, fixedLatencyEntry, boxEntry]);
    expect(registry.schemaOf("box").parse({ device: "box" })).toEqual({ device: "box", size: 1e9, disk: { device: "fixed", latency: 1e6, parallelism: 0 } });
    expect(registry.schemaOf("box").safeParse({ device: "box", disk: { device: "box" } }).success).toBe(false);
    expect(registry.schemaOf("box").safeParse({ device: "box", sise: 1 }).success).toBe(false);
  });

  it("build(sim, streams, name, spec) calls the entry's create, which builds nested devices under their names", () => {
    const registry = new DeviceRegistry([ssdEntry, fixedLatencyEntry, boxEntry]);
    const sim = new Simulation();
    const device = registry.build(sim, new RngStreams("1/0"), "b", registry.schemaOf("box").parse({ device: "box", disk: { device: "fixed", latency: "2ms" } }));
    expect(device).toBeInstanceOf(FixedLatencyDevice);
    expect(device.name).toBe("b.disk");
    let doneAt = -1;
    device.submit({ offset: 0, length: 4096, op: "R" }, () => (doneAt = sim.now));
    sim.run();
    expect(doneAt).toBe(2e6);
  });

  it("capacityOf(spec) asks the entry (recursively for arrays), 1 PiB when it does not say", () => {
    const registry = new DeviceRegistry([ssdEntry, hddEntry, stripedArrayEntry, fixedLatencyEntry, boxEntry]);
    expect(registry.capacityOf({ device: "fixed" })).toBe(2 ** 50);
    expect(registry.capacityOf({ device: "box", size: 5 })).toBe(5);
    expect(registry.capacityOf(registry.schemaOf("striped").parse({ device: "striped", members: 2, member: { device: "hdd", capacity: "1TB" } }))).toBe(2e12);
  });

  it("register(entry) refuses a taken name and any name after schema() was used", () => {
    const registry = new DeviceRegistry([ssdEntry, fixedLatencyEntry]);
    expect(() => registry.register(ssdEntry)).toThrow('device "ssd" registered twice');
    registry.register(boxEntry);
    expect(registry.schema().parse({ device: "box" })).toMatchObject({ device: "box", size: 1e9 });
    expect(() => registry.register({ ...boxEntry, definition: { ...boxEntry.definition, name: "late" } })).toThrow('device "late" registered after a scenario schema was generated');
  });

  it("build(…, { classDispatch }) sets class-aware dispatch on the devices where queues form, through nested declarations, and the class reaches them", () => {
    const registry = new DeviceRegistry([ssdEntry, hddEntry, fixedLatencyEntry, stripedArrayEntry, dedupStoreEntry]);
    const sim = new Simulation();
    const names: string[] = [];
    const spec = registry.schema().parse({ device: "dedup", chunkSize: "4KiB", indexLookup: 0, decompressionRate: 1e15, underlying: { device: "striped", members: 2, stripeUnit: "4KiB", member: { device: "ssd", channels: 1, queueDepth: 2 } } });
    const store = registry.build(sim, new RngStreams("t"), "s", spec, {
      classDispatch: (name) => {
        names.push(name);
        return { scheduler: new StrictPriorityScheduler(), limit: new FixedBackgroundLimit(1) };
      },
    });
    // The dedup store's queue never holds back (its chunk reads queue at the members): not set.
    expect(names).toEqual(["s.underlying.disk0", "s.underlying.disk1"]);
    // Chunk 0 lies on one member (fragmentation places it): three background reads then a demand
    // read of the same chunk; the demand is served second, after the background read in service.
    const order: string[] = [];
    for (const ioClass of ["relocation", "relocation", "relocation", "demand"] as const) store.submit({ offset: 0, length: 4096, op: "R", ioClass }, () => order.push(ioClass));
    sim.run();
    expect(order).toEqual(["relocation", "demand", "relocation", "relocation"]);
  });
});
