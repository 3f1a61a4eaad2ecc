import { describe, expect, it } from "vitest";
import { approximatelyEqual, compileExample, extractExamples, instrumentExample } from "./doc-examples.ts";

const source = [
  "/**",
  " * Adds one.",
  " *",
  " * @example",
  " * addOne(1) // => 2",
  " * @param n a number",
  " */",
  "export function addOne(n: number): number {",
  "  return n + 1;",
  "}",
  "",
  "export class Box {",
  "  /**",
  "   * @example",
  "   * new Box().size // => 0",
  "   */",
  "  get size(): number {",
  "    return 0;",
  "  }",
  "}",
].join("\n");

describe("extractExamples", () => {
  it("finds each @example with its symbol (Class.member for members), line and code up to the next tag", () => {
    expect(extractExamples("src/x.ts", source)).toEqual([
      { file: "src/x.ts", symbol: "addOne", line: 4, code: "addOne(1) // => 2" },
      { file: "src/x.ts", symbol: "Box.size", line: 14, code: "new Box().size // => 0" },
    ]);
  });
});

describe("instrumentExample", () => {
  it("turns an expression's // => into __equal(actual, expected, line, text) and a const's into a check after it", () => {
    expect(instrumentExample("f(1) // => 2", "/p/")).toBe('__equal(f(1), (2), 1, "2"); // => 2');
    expect(instrumentExample("const x = f(1); // ≈ 2.5", "/p/")).toBe('const x = f(1); __approx(x, (2.5), 1, "2.5"); // ≈ 2.5');
  });

  it("checks the statement before a // => line, joining a value continued on the next comment lines", () => {
    expect(instrumentExample("f(1)\n// => [1,\n//     2]", "/p/")).toBe('__equal(f(1), ([1, 2]), 2, "[1, 2]");\n// => [1,\n//     2]');
  });

  it("wraps a // throws statement so the message is compared, and keeps a remark after ' // ' out of the value", () => {
    expect(instrumentExample('g() // throws "bad" // why', "/p/")).toBe('await __throws(async () => { g() }, ("bad"), 1); // throws "bad" // why');
  });

  it("imports rtolab from the entry point and relative paths from the example's file", () => {
    expect(instrumentExample('import { a as b } from "rtolab";', "file:///p/", "file:///p/src/m/x.ts")).toBe('const { a: b } = await __import("file:///p/src/index.ts");');
    expect(instrumentExample('import { c } from "./y.ts";', "file:///p/", "file:///p/src/m/x.ts")).toBe('const { c } = await __import("file:///p/src/m/y.ts");');
  });

  it.each([
    ["f() // => 3 (ms)", "a remark in parentheses"],
    ["f() // => true (hit)", "a remark in parentheses"],
    ["f() // => about 3", "not a JavaScript expression"],
    ["f() // throws InputError", "as a string literal"],
    ["run(); // log => [1]", "write \"expression // => value\""],
    ["// => 1", "no statement before it"],
    ["for (const x of y) {} // => 1", "has no value"],
  ])("refuses %s (%s)", (code, message) => {
    expect(() => instrumentExample(code, "/p/")).toThrow(message);
  });
});

describe("compileExample", () => {
  it("strips types and wraps the code in a block, so its declarations may shadow the names in scope", () => {
    const js = compileExample("const n: number = 1; n // => 1", "/p/");
    expect(js.startsWith("{\n")).toBe(true);
    expect(js).toContain('const n = 1;');
    expect(js).toContain('__equal(n, (1), 1, "1")');
  });
});

describe("approximatelyEqual", () => {
  it("reads each number to the precision it is written with", () => {
    expect(approximatelyEqual(2.7182, 2.718, "2.718")).toBe(true);
    expect(approximatelyEqual(2.7186, 2.718, "2.718")).toBe(false);
    expect(approximatelyEqual(1.04, 1, "1.0")).toBe(true);
    expect(approximatelyEqual(1.04, 1, "1.00")).toBe(false);
    expect(approximatelyEqual(3_825_547, 3.8e6, "3.8e6")).toBe(true);
    expect(approximatelyEqual(3_860_000, 3.8e6, "3.8e6")).toBe(false);
  });

  it("walks arrays and objects, comparing strings and key sets exactly", () => {
    expect(approximatelyEqual({ a: [1.04, "x"] }, { a: [1, "x"] }, '{ a: [1.0, "x"] }')).toBe(true);
    expect(approximatelyEqual({ a: [1.04, "y"] }, { a: [1, "x"] }, '{ a: [1.0, "x"] }')).toBe(false);
    expect(approximatelyEqual({ a: 1, b: 2 }, { a: 1 }, "{ a: 1 }")).toBe(false);
    expect(approximatelyEqual([-10.706, 14.706], [-10.71, 14.71], "[-10.71, 14.71]")).toBe(true);
  });
});
