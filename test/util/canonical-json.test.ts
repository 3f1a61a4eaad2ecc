import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/util/canonical-json.ts";

describe("canonicalJson", () => {
  it("canonicalJson(value) sorts keys at every level", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
  it("canonicalJson(a) equals canonicalJson(b) for objects differing only in key order", () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });
});
