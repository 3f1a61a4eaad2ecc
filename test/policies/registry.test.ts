import { z } from "zod";
import { describe, expect, it } from "vitest";
import { PolicyRegistry } from "../../src/policies/registry.ts";
import { InputError } from "../../src/util/errors.ts";

interface Toy {
  name: string;
  options: Record<string, unknown>;
}

const entry = (name: string, parameters: Record<string, { type: "integer" | "boolean"; description: string; default?: number | boolean; minimum?: number }>, inputs = {}) => ({
  definition: { name, description: `${name} policy`, parameters, inputs },
  create: (options: Record<string, unknown>): Toy => ({ name, options }),
});

function registry() {
  return new PolicyRegistry<Toy>("toy", [entry("plain", {}), entry("tuned", { depth: { type: "integer", description: "depth", default: 4, minimum: 1 } }, { profile: { description: "a profile", required: true } })], ["capacity"]);
}

describe("PolicyRegistry", () => {
  it("create(name, options) passes validated, defaulted parameters and the family keys; bad input is an InputError naming the key", () => {
    const toys = registry();
    expect(toys.create("tuned", { capacity: 8 }).options).toEqual({ capacity: 8, depth: 4 });
    expect(toys.create("tuned", { depth: 2, profile: "p" }).options).toEqual({ profile: "p", depth: 2 });
    expect(() => toys.create("tuned", { depht: 2 }, "model.toy.options")).toThrow("toy: model.toy.options.depht: a parameter of toy policy tuned: one of depth");
    expect(() => toys.create("tuned", { depth: 0 })).toThrow("toy: tuned.depth: an integer >= 1, got 0");
    expect(() => toys.create("nope")).toThrow(InputError);
    expect(() => toys.get("nope", "file.yaml", "model.toy.policy")).toThrow('file.yaml: model.toy.policy: unknown toy policy "nope"; expected one of plain, tuned');
  });

  it("needsInput(name, key) reads the definition's declared inputs", () => {
    expect([registry().needsInput("tuned", "profile"), registry().needsInput("plain", "profile")]).toEqual([true, false]);
  });

  it("selection() is a discriminated union: the default policy when none is named, strict options per policy, shared fields", () => {
    const section = registry().selection({ default: "plain", fields: { size: z.number().default(1) } });
    expect(section.parse({})).toEqual({ policy: "plain", options: {}, size: 1 });
    expect(section.parse({ policy: "tuned", options: { depth: 3 }, size: 2 })).toEqual({ policy: "tuned", options: { depth: 3 }, size: 2 });
    const typo = section.safeParse({ policy: "tuned", options: { dpeth: 3 } }).error?.issues[0];
    expect([typo?.path, typo?.message]).toEqual([["options"], 'unknown option "dpeth" of toy policy tuned; expected one of depth']);
    // An option of another policy is just as unknown: options belong to the policy named beside them.
    expect(section.safeParse({ options: { depth: 3 } }).success).toBe(false);
    expect(section.safeParse({ policy: "other" }).error?.issues[0].path).toEqual(["policy"]);
  });

  it("selection({ options: optional, key, exclude }) leaves absent options absent, discriminates on `key`, hides excluded members", () => {
    const section = registry().selection({ key: "scheme", default: "tuned", options: "optional", exclude: ["plain"] });
    expect(section.parse({})).toEqual({ scheme: "tuned" });
    expect(section.safeParse({ scheme: "plain" }).success).toBe(false);
  });

  it("register(entry) refuses a taken name, and any name once a generated schema was used", () => {
    const toys = registry();
    expect(() => toys.register(entry("plain", {}))).toThrow('toy policy "plain" registered twice');
    toys.register(entry("third", {}));
    const section = toys.selection({ default: "plain" });
    expect(section.parse({ policy: "third" })).toEqual({ policy: "third", options: {} });
    expect(() => toys.register(entry("fourth", {}))).toThrow('toy policy "fourth" registered after a scenario schema was generated; register policies before loading a scenario');
    expect(toys.names()).toEqual(["plain", "tuned", "third"]);
  });
});
