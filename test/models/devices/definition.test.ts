import { describe, expect, it } from "vitest";
import { withDefaults } from "../../../src/models/devices/definition.ts";

describe("withDefaults", () => {
  const definition = { name: "x", description: "", parameters: { n: { type: "integer" as const, description: "n", default: 2 }, m: { type: "number" as const, description: "m" } } };

  it("withDefaults(definition, options) fills defaults and keeps given values", () => {
    expect(withDefaults(definition, {})).toEqual({ n: 2 });
    expect(withDefaults(definition, { n: 5, m: 1 })).toEqual({ n: 5, m: 1 });
  });

  it("withDefaults(definition, options) rejects unknown keys naming the valid ones", () => {
    expect(() => withDefaults(definition, { q: 1 } as Record<string, number>)).toThrow('x has no parameter "q"; expected one of n, m');
  });
});
