import { describe, expect, it } from "vitest";
import { parseNumber, readLines } from "../../../src/workloads/traces/lines.ts";
import { writeFixture } from "../fixtures.ts";

describe("readLines", () => {
  it("readLines(path) splits \\n and \\r\\n and yields a last line without terminator", () => {
    const path = writeFixture("a.txt", "a,1\r\nb,2\n\nc,3");
    expect([...readLines(path)]).toEqual(["a,1", "b,2", "", "c,3"]);
  });

  it("readLines(path, 4) carries lines across chunk boundaries, multi-byte characters intact", () => {
    const path = writeFixture("b.txt", "µs-long-line\nxy\n€€€\n");
    expect([...readLines(path, 4)]).toEqual(["µs-long-line", "xy", "€€€"]);
  });

  it("readLines(path) of an empty file yields nothing", () => {
    expect([...readLines(writeFixture("c.txt", ""))]).toEqual([]);
  });
});

describe("parseNumber", () => {
  it("parseNumber(text) accepts decimals and rejects empty or non-numeric text", () => {
    expect(parseNumber(" 42 ")).toBe(42);
    expect(parseNumber("1.5e3")).toBe(1500);
    expect(parseNumber("")).toBeNaN();
    expect(parseNumber("4x2")).toBeNaN();
    expect(parseNumber("Infinity")).toBeNaN();
  });
});
