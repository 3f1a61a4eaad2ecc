import { describe, expect, it } from "vitest";
import { InputError, InvariantError, isInputError } from "../../src/util/errors.ts";

describe("errors", () => {
  it("new InputError(source, where, expected) formats one line, leaving out an empty where", () => {
    const error = new InputError("mm1.yaml", "model.servers", "a positive integer");
    expect([error.message, error.name, error.source, error.where, error.expected]).toEqual(["mm1.yaml: model.servers: a positive integer", "InputError", "mm1.yaml", "model.servers", "a positive integer"]);
    expect(new InputError("--seed", "", "an integer").message).toBe("--seed: an integer");
  });

  it("isInputError() recognises InputErrors by name (also copies from another module instance), nothing else", () => {
    expect(isInputError(new InputError("a", "b", "c"))).toBe(true);
    const copy = Object.assign(new Error("x: y"), { name: "InputError" });
    expect(isInputError(copy)).toBe(true);
    expect(isInputError(new InvariantError("bytes lost"))).toBe(false);
    expect(isInputError(new RangeError("r"))).toBe(false);
    expect(isInputError({ name: "InputError", message: "not an Error" })).toBe(false);
    expect(new InvariantError("bytes lost").name).toBe("InvariantError");
  });
});
