import { describe, expect, it } from "vitest";
import { DEVICE_DEFINITIONS } from "../../../src/models/devices/index.ts";

describe("DEVICE_DEFINITIONS", () => {
  it("DEVICE_DEFINITIONS lists every device model once, each parameter typed and defaulted", () => {
    expect(DEVICE_DEFINITIONS.map((d) => d.name)).toEqual(["ssd", "hdd", "dedup", "objectStore", "fixed", "recorded", "striped"]);
    for (const definition of DEVICE_DEFINITIONS) {
      for (const parameter of Object.values(definition.parameters)) {
        expect(parameter.default).toBeDefined();
        expect(parameter.description.length).toBeGreaterThan(0);
      }
    }
  });
});
