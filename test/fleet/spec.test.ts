import { describe, expect, it } from "vitest";
import { FLEET_PLAN_FIELDS, vsaSlots } from "../../src/fleet/spec.ts";

describe("fleet spec", () => {
  it("vsaSlots(cores, ram, ramPerTask) is min(cores, ⌊ram / ramPerTask⌋), at least 1", () => {
    expect(vsaSlots(8, 16 * 2 ** 30, 2 * 2 ** 30)).toBe(8);
    expect(vsaSlots(8, 8 * 2 ** 30, 2 * 2 ** 30)).toBe(4);
    expect(vsaSlots(8, 7 * 2 ** 30, 2 * 2 ** 30)).toBe(3);
    expect(vsaSlots(4, 1 * 2 ** 30, 2 * 2 ** 30)).toBe(1);
  });

  it("FLEET_PLAN_FIELDS names the scenario field each --vary name sets", () => {
    expect(FLEET_PLAN_FIELDS).toEqual({ mediaAgents: "model.mediaAgents.count", vsas: "model.vsas.count", replications: "replications" });
  });
});
