import { describe, expect, it } from "vitest";
import { balancingMeasureField, balancingPolicies, createBalancingPolicy } from "../../../src/policies/balancing/index.ts";

describe("balancing registry", () => {
  it("balancingMeasureField() is generated from the family's `by` parameter: streams or bytes, default bytes", () => {
    expect([balancingMeasureField().parse(undefined), balancingMeasureField().parse("streams")]).toEqual(["bytes", "streams"]);
    expect(balancingMeasureField().safeParse("items").success).toBe(false);
  });

  it("createBalancingPolicy(name, options) passes `by` to every policy, and checks it where a policy declares it", () => {
    expect(createBalancingPolicy("round-robin", { by: "streams" }).name).toBe("round-robin");
    expect((createBalancingPolicy("least-loaded", { by: "streams" }) as unknown as { by: string }).by).toBe("streams");
    expect(() => createBalancingPolicy("least-loaded", { by: "items" as "bytes" })).toThrow('balancing: least-loaded.by: one of "streams", "bytes", got items');
    expect(() => createBalancingPolicy("round-robin", { bye: 1 })).toThrow("balancing: round-robin.bye");
  });

  it("balancingPolicies.selection() puts `by` beside the policy, not in its options", () => {
    const section = balancingPolicies.selection({ default: "locality-first", options: "optional", omit: ["by"], fields: { by: balancingMeasureField() } });
    expect(section.parse({})).toEqual({ policy: "locality-first", by: "bytes" });
    expect(section.safeParse({ policy: "least-loaded", options: { by: "streams" } }).success).toBe(false);
  });

  it("balancingPolicies.names() lists the six policies; an unknown name lists them", () => {
    expect(balancingPolicies.names()).toEqual(["round-robin", "least-loaded", "locality-first", "power-of-two", "bin-packing", "grouping"]);
    expect(() => createBalancingPolicy("fastest")).toThrow(/expected one of round-robin, least-loaded/);
  });

  it("createBalancingPolicy() passes `by` on and defaults it to bytes", () => {
    expect((createBalancingPolicy("least-loaded", { by: "streams" }) as unknown as { by: string }).by).toBe("streams");
    expect((createBalancingPolicy("grouping") as unknown as { by: string }).by).toBe("bytes");
    expect(createBalancingPolicy("bin-packing").largestFirst).toBe(true);
    expect(balancingPolicies.names().filter((name) => createBalancingPolicy(name).largestFirst)).toEqual(["bin-packing"]);
  });
});
