import { describe, expect, it } from "vitest";
import { cacheParameters, positiveCapacity } from "../../../src/policies/cache/parameters.ts";
import { twoqDefinition, type TwoQParameters } from "../../../src/policies/cache/algorithms/twoq.ts";
import { InputError } from "../../../src/util/errors.ts";

describe("cache parameters", () => {
  it("positiveCapacity(policy, capacity) passes a positive capacity and names the policy otherwise (InputError)", () => {
    expect(positiveCapacity("arc", 8)).toBe(8);
    expect(() => positiveCapacity("arc", 0)).toThrow(InputError);
    expect(() => positiveCapacity("arc", Number.NaN)).toThrow("cache: arc.capacity: a positive capacity, got NaN");
  });

  it("cacheParameters(definition, given) defaults from the definition and checks its bounds", () => {
    expect(cacheParameters<TwoQParameters>(twoqDefinition, {})).toEqual({ kin: 0.25, kout: 0.5 });
    expect(cacheParameters<TwoQParameters>(twoqDefinition, { kin: 0.3 })).toEqual({ kin: 0.3, kout: 0.5 });
    expect(() => cacheParameters<TwoQParameters>(twoqDefinition, { kout: -1 })).toThrow("cache: 2q.kout: a number >= 0, got -1");
  });
});
