import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseJsonText, readFileLimited, readJsonFile } from "../../src/util/read-file.ts";

const dir = mkdtempSync(join(tmpdir(), "rtolab-read-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Matches an error whose message is exactly `message`. */
const thrown = (message: string) => expect.objectContaining({ message });

describe("readFileLimited", () => {
  const ten = join(dir, "ten.txt");
  writeFileSync(ten, "0123456789");

  it("returns a file of exactly the limit (10 B within 10 B) whole", () => {
    expect(readFileLimited(ten, 10, "scenario file").toString("utf8")).toBe("0123456789");
  });

  it("refuses a file one byte over the limit, naming the limit", () => {
    expect(() => readFileLimited(ten, 9, "scenario file")).toThrow(thrown(`${ten}: a scenario file of at most 9 B (it holds more)`));
  });

  it("reads a file larger than its 64 KiB chunk: 200 000 B within 200 000 B, refused within 199 999 B", () => {
    const big = join(dir, "big.bin");
    writeFileSync(big, Buffer.alloc(200_000, 7));
    const bytes = readFileLimited(big, 200_000, "trace");
    expect(bytes.length).toBe(200_000);
    expect(bytes[199_999]).toBe(7);
    expect(() => readFileLimited(big, 199_999, "trace")).toThrow(thrown(`${big}: a trace of at most 195.3 KiB (it holds more)`));
  });

  it("stops an endless file (/dev/zero) at the limit", () => {
    expect(() => readFileLimited("/dev/zero", 1024, "scenario file")).toThrow(thrown("/dev/zero: a scenario file of at most 1 KiB (it holds more)"));
  });

  it("refuses a missing file and a folder with the error code", () => {
    expect(() => readFileLimited(join(dir, "absent.json"), 1024, "summary")).toThrow(thrown(`${join(dir, "absent.json")}: a readable summary (ENOENT)`));
    expect(() => readFileLimited(dir, 1024, "summary")).toThrow(thrown(`${dir}: a readable summary (EISDIR)`));
  });
});

describe("parseJsonText", () => {
  it("returns the value of valid JSON, an escaped quote inside a string included", () => {
    expect(parseJsonText("s.json", '{"a": "b\\"c", "n": [1, {"a": 2}]}')).toEqual({ a: 'b"c', n: [1, { a: 2 }] });
  });

  it("names the line of a syntax error: a missing colon on line 3", () => {
    expect(() => parseJsonText("s.json", '{\n  "seed": 1,\n  "seed" 2\n}')).toThrow(thrown("s.json: line 3: valid JSON (Unexpected number)"));
  });

  it("names the line of a trailing comma (the error is at the closing brace, line 3)", () => {
    expect(() => parseJsonText("s.json", '{\n  "seed": 1,\n}')).toThrow(thrown("s.json: line 3: valid JSON (Expected double-quoted property name)"));
  });

  it("an empty text has no line", () => {
    expect(() => parseJsonText("s.json", "")).toThrow(thrown("s.json: valid JSON (Unexpected end of JSON input)"));
  });

  it("refuses a key given twice in one object, at the second one's line", () => {
    expect(() => parseJsonText("s.json", '{\n  "seed": 1,\n  "seed": 2\n}')).toThrow(thrown('s.json: line 3: valid JSON with each key once ("seed" is given twice in one object)'));
    expect(() => parseJsonText("s.json", '{"a": 1,\n "b": {"x": 1,\n\n "x": 2}}')).toThrow(thrown('s.json: line 4: valid JSON with each key once ("x" is given twice in one object)'));
  });

  it("lets the same key through in different objects, and as a value", () => {
    expect(parseJsonText("s.json", '{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}], "x": "x"}')).toEqual({ a: { x: 1 }, b: { x: 2 }, c: [{ x: 3 }, { x: 4 }], x: "x" });
  });

  it("compares keys after unescaping: \"a\" and \"\\u0061\" are the same key", () => {
    expect(() => parseJsonText("s.json", '{"a": 1, "\\u0061": 2}')).toThrow(thrown('s.json: line 1: valid JSON with each key once ("a" is given twice in one object)'));
  });
});

describe("readJsonFile", () => {
  it("reads and parses a file within the limit, and refuses it past the limit", () => {
    const path = join(dir, "s.json");
    writeFileSync(path, '{"seed": 7}'); // 11 B
    expect(readJsonFile(path, 11, "summary.json")).toEqual({ seed: 7 });
    expect(() => readJsonFile(path, 10, "summary.json")).toThrow(thrown(`${path}: a summary.json of at most 10 B (it holds more)`));
  });
});
