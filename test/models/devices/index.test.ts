import { describe, expect, it } from "vitest";
import { devices } from "../../../src/models/devices/index.ts";

describe("devices", () => {
  it("devices registers every device model once under its scenario name, each parameter typed and defaulted (or optional)", () => {
    // The registry name is the scenario's `device:` value (the object store was "objectStore" here, "object-store" in scenarios).
    expect(devices.names()).toEqual(["ssd", "hdd", "dedup", "object-store", "fixed", "recorded", "striped"]);
    for (const definition of devices.definitions()) {
      expect(definition.description.length).toBeGreaterThan(10);
      for (const parameter of Object.values(definition.parameters)) {
        expect(parameter.description.length).toBeGreaterThan(3);
        expect(parameter.default !== undefined || parameter.optional === true).toBe(true);
      }
    }
  });

  it("devices.schemaOf(name) fills the defaults its definition declares, nested devices included", () => {
    expect(devices.schemaOf("fixed").parse({ device: "fixed", latency: "5ms" })).toEqual({ device: "fixed", latency: 5e6, parallelism: 0 });
    expect(devices.schemaOf("striped").parse({ device: "striped" })).toEqual({
      device: "striped",
      stripeUnit: 2 ** 20,
      members: 4,
      member: { device: "hdd", rpm: 7200, scheduler: "fifo", commandOverhead: 1.7e6, cylinders: 200_000, queueDepth: 32, bandwidth: 600e6 },
    });
  });

  it("devices.get(unknown) is an InputError listing the devices", () => {
    expect(() => devices.get("floppy")).toThrow("device: floppy: a device: one of ssd, hdd, dedup, object-store, fixed, recorded, striped");
  });

  it("devices.capacityOf(spec) is 1 PiB unless the entry says (hdd preset, striped members)", () => {
    expect(devices.capacityOf({ device: "ssd" })).toBe(2 ** 50);
    expect(devices.capacityOf(devices.schemaOf("striped").parse({ device: "striped", members: 3, member: { device: "hdd", rpm: 10000 } }))).toBe(3.6e12);
  });
});
