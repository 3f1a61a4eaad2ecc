import { describe, expect, it } from "vitest";
import { balancingPolicies, createBalancingPolicy } from "../../../src/policies/balancing/index.ts";

describe("balancing registry", () => {
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
