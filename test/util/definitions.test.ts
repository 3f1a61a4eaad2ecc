import { describe, expect, it } from "vitest";
import { defaultsOf, expectedValue, isValidValue, numberParameter, parameterValue, requiredInputs, resolveParameters, type PolicyDefinition } from "../../src/util/definitions.ts";
import { InputError } from "../../src/util/errors.ts";

const definition = {
  name: "toy",
  description: "a toy policy",
  parameters: {
    ratio: { type: "number", description: "a share", default: 0.1, minimum: 0, maximum: 1, exclusiveMinimum: true, exclusiveMaximum: true },
    count: { type: "integer", description: "a count", default: 2, minimum: 1 },
    flag: { type: "boolean", description: "a switch", default: false },
    by: { type: "string", description: "a measure", default: "bytes", enum: ["streams", "bytes"] },
    wait: { type: "duration", description: "a bound", minimum: 0 },
  },
  inputs: { profile: { description: "a profile", required: true }, hint: { description: "a hint", required: false } },
} as const satisfies PolicyDefinition;

describe("definitions", () => {
  it("expectedValue(parameter) says what is accepted, exclusive bounds with < and >", () => {
    expect(Object.values(definition.parameters).map(expectedValue)).toEqual([
      "a number > 0 and < 1",
      "an integer >= 1",
      "true or false",
      'one of "streams", "bytes"',
      "a duration in ns >= 0",
    ]);
  });

  it("isValidValue(parameter, value) checks type, bounds (inclusive or not) and enum; integers accept Infinity", () => {
    const { ratio, count, flag, by } = definition.parameters;
    expect([0, 0.5, 1, -1, Number.NaN, "0.5"].map((v) => isValidValue(ratio, v))).toEqual([false, true, false, false, false, false]);
    expect([1, 2.5, Infinity, 0].map((v) => isValidValue(count, v))).toEqual([true, false, true, false]);
    expect([true, 1].map((v) => isValidValue(flag, v))).toEqual([true, false]);
    expect(["streams", "items"].map((v) => isValidValue(by, v))).toEqual([true, false]);
  });

  it("resolveParameters() fills defaults, passes inputs and family keys, and names the key of an unknown or bad value", () => {
    expect(resolveParameters("toy", definition, { ratio: 0.5, profile: "p", capacity: 8 }, ["capacity"])).toEqual({ capacity: 8, profile: "p", ratio: 0.5, count: 2, flag: false, by: "bytes" });
    expect(() => resolveParameters("toy", definition, { rato: 0.5 })).toThrow("toy: toy.rato: a parameter of toy policy toy: one of ratio, count, flag, by, wait");
    expect(() => resolveParameters("toy", definition, { ratio: 1 }, [], "model.x.options")).toThrow("toy: model.x.options.ratio: a number > 0 and < 1, got 1");
    expect(() => resolveParameters("toy", definition, { count: 0 })).toThrow(InputError);
  });

  it("numberParameter() and parameterValue() read one parameter or its default", () => {
    expect(numberParameter("toy", {}, definition, "count")).toBe(2);
    expect(numberParameter("toy", { count: 5 }, definition, "count")).toBe(5);
    expect(parameterValue("toy", { flag: true }, definition, "flag")).toBe(true);
    expect(() => numberParameter("toy", { count: 1.5 }, definition, "count")).toThrow("toy: toy.count: an integer >= 1, got 1.5");
    expect(() => parameterValue("toy", {}, definition, "wait")).toThrow("toy: toy.wait: a duration in ns >= 0, got undefined");
    expect(() => numberParameter("toy", {}, definition, "nope")).toThrow('toy policy toy declares no parameter "nope"');
  });

  it("defaultsOf() and requiredInputs() read the definition", () => {
    expect(defaultsOf(definition)).toEqual({ ratio: 0.1, count: 2, flag: false, by: "bytes" });
    expect(requiredInputs(definition)).toEqual(["profile"]);
  });
});
