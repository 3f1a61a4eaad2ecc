import { describe, expect, it } from "vitest";
import { definition as oblDefinition } from "../../../src/policies/prefetch/obl.ts";
import { emitRuns, numberParameter, requiredInput } from "../../../src/policies/prefetch/support.ts";
import { InputError } from "../../../src/util/errors.ts";
import { recordingSink } from "./sink.ts";

describe("support", () => {
  it("numberParameter() returns the option, the default, or throws naming the policy and parameter", () => {
    expect(numberParameter({ degree: 3 }, oblDefinition, "degree")).toBe(3);
    expect(numberParameter({}, oblDefinition, "degree")).toBe(1);
    expect(() => numberParameter({ degree: 1.5 }, oblDefinition, "degree")).toThrow("prefetch: obl.degree: an integer >= 1, got 1.5");
    expect(() => numberParameter({ degree: "2" }, oblDefinition, "degree")).toThrow(InputError);
  });

  it("requiredInput() throws an InputError naming the missing option", () => {
    expect(requiredInput(5, "oracle", "future", "x")).toBe(5);
    expect(() => requiredInput(undefined, "oracle", "future", "the future reads")).toThrow('prefetch: oracle.future: the future reads (option "future")');
  });

  it("emitRuns() coalesces consecutive blocks into one range each", () => {
    const { calls, sink } = recordingSink();
    emitRuns([4, 5, 6, 9, 3, 4], 0, 6, sink, "prestage");
    emitRuns([4, 5, 6, 9], 1, 2, sink, "relocation");
    expect(calls).toEqual([
      [4, 3, "prestage"],
      [9, 1, "prestage"],
      [3, 2, "prestage"],
      [5, 1, "relocation"],
    ]);
  });
});
