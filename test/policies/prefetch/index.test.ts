import { describe, expect, it } from "vitest";
import { prefetchPolicies } from "../../../src/policies/prefetch/index.ts";

describe("prefetchPolicies", () => {
  it("prefetchPolicies.names() lists every policy in registration order", () => {
    expect(prefetchPolicies.names()).toEqual(["none", "obl", "readahead", "profile", "markov", "relocation-aware", "oracle"]);
  });

  it("prefetchPolicies.get() of an unknown name lists the valid names", () => {
    expect(() => prefetchPolicies.get("lookahead", "vm.yaml", "prefetch.policy")).toThrow(
      'vm.yaml: prefetch.policy: unknown prefetch policy "lookahead"; expected one of none, obl, readahead, profile, markov, relocation-aware, oracle',
    );
  });

  it("prefetchPolicies.definitions() declare integer parameters with defaults and minimums", () => {
    for (const definition of prefetchPolicies.definitions()) {
      for (const parameter of Object.values(definition.parameters)) {
        expect(parameter.type).toBe("integer");
        expect(typeof parameter.default).toBe("number");
        expect(typeof parameter.minimum).toBe("number");
      }
    }
  });
});
