import { describe, expect, it } from "vitest";
import { checkNesting, checkYamlFlowDepth, MAX_NESTING } from "../../src/scenario/nesting.ts";

describe("nesting", () => {
  it("checkYamlFlowDepth() allows exactly max open brackets and names the line of the first one too many", () => {
    expect(MAX_NESTING).toBe(64);
    expect(() => checkYamlFlowDepth(`a: ${"[".repeat(3)}1${"]".repeat(3)}`, "s.yaml", 3)).not.toThrow();
    expect(() => checkYamlFlowDepth(`a: 1\nb: 2\nc: ${"[{".repeat(2)}`, "s.yaml", 3)).toThrow("s.yaml: line 3: lists and mappings nested at most 3 deep");
    // Closed brackets free depth again: three separate two-deep lists are fine with max 2.
    expect(() => checkYamlFlowDepth("a: [[1], [2], [3]]", "s.yaml", 2)).not.toThrow();
  });

  it("checkYamlFlowDepth() ignores brackets in quoted text and comments, and survives a million brackets", () => {
    expect(() => checkYamlFlowDepth(`a: "${"[".repeat(100)}" # ${"{".repeat(100)}\nb: '[['`, "s.yaml", 1)).not.toThrow();
    expect(() => checkYamlFlowDepth(`x: ${"[".repeat(1_000_000)}`, "s.yaml")).toThrow("s.yaml: line 1: lists and mappings nested at most 64 deep");
  });

  it("checkNesting() allows max levels of lists and objects and names the path at the first one deeper", () => {
    expect(() => checkNesting({ a: [{ b: 1 }] }, "s.json", 3)).not.toThrow();
    expect(() => checkNesting({ a: [{ b: [1] }] }, "s.json", 3)).toThrow(/^s\.json: a\[0\]\.b: lists and mappings nested at most 3 deep$/);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => checkNesting(deep, "s.json")).toThrow(/lists and mappings nested at most 64 deep/);
    // Class instances (not plain objects) are not walked into: its deep field does not count.
    class Holder {
      deep = [[[[1]]]];
    }
    expect(() => checkNesting({ held: new Holder(), n: 5, s: "[[[" }, "s.json", 2)).not.toThrow();
    expect(() => checkNesting({ plain: { ...new Holder() } }, "s.json", 2)).toThrow(/plain\.deep: /);
  });
});
