import { describe, expect, it } from "vitest";
import { applySet, parseFieldPath } from "../../src/scenario/set.ts";

describe("--set", () => {
  it("parseFieldPath() splits keys and indices", () => {
    expect(parseFieldPath("model.disks[2].size")).toEqual(["model", "disks", 2, "size"]);
    expect(parseFieldPath("seed")).toEqual(["seed"]);
  });

  it("parseFieldPath() rejects malformed paths with a one-line error naming --set", () => {
    expect(() => parseFieldPath("a..b")).toThrow("--set: a..b: a field path");
    expect(() => parseFieldPath("[1]")).toThrow("--set");
    expect(() => parseFieldPath("a.")).toThrow("--set");
  });

  it("parseFieldPath() refuses prototype keys", () => {
    expect(() => parseFieldPath("__proto__.polluted")).toThrow('"__proto__" is not a scenario field');
    expect(() => parseFieldPath("model.constructor.prototype")).toThrow("is not a scenario field");
  });

  it("applySet() reads the value as YAML and creates missing objects", () => {
    const doc: Record<string, unknown> = { model: { servers: 1 } };
    applySet(doc, "model.servers=4");
    applySet(doc, "model.arrival.mean=2ms");
    applySet(doc, "list[0]=x");
    applySet(doc, "list[1]=y");
    expect(doc).toEqual({ model: { servers: 4, arrival: { mean: "2ms" } }, list: ["x", "y"] });
  });

  it("applySet() refuses a list index past the end (no holes, no 4-billion-item sparse list)", () => {
    expect(() => applySet({ list: ["a"] }, "list[2]=x")).toThrow("--set: list[2]: a list index up to 1 (the list has 1 item)");
    expect(() => applySet({}, "list[4294967294]=x")).toThrow("--set: list[4294967294]: a list index up to 0 (the list has 0 items)");
  });

  it("applySet() rejects an assignment without '='", () => {
    expect(() => applySet({}, "model.servers")).toThrow("--set: model.servers: expected path=value");
  });
});
