import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isInputError } from "../../src/util/errors.ts";
import { MAX_LINE_BYTES, readLines } from "../../src/workloads/traces/lines.ts";
import { detectTraceFormat, openTrace, TRACE_FORMATS } from "../../src/workloads/traces/open.ts";

const dir = mkdtempSync(join(tmpdir(), "rtolab-trace-files-"));

/** The InputError message `run` throws, or a failure when it throws anything else or nothing. */
function inputErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isInputError(error)) return error.message;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("trace files that cannot be read", () => {
  it("openTrace(missing file, every format) fails with an InputError naming the file", () => {
    const missing = join(dir, "missing.csv");
    for (const format of TRACE_FORMATS) {
      expect(inputErrorOf(() => [...openTrace(missing, format)])).toBe(`${missing}: a readable trace file (ENOENT)`);
    }
    expect(inputErrorOf(() => detectTraceFormat(missing))).toBe(`${missing}: a readable trace file (ENOENT)`);
  });

  it("openTrace(a folder, every format) fails with an InputError, not EISDIR", () => {
    for (const format of TRACE_FORMATS) {
      expect(inputErrorOf(() => [...openTrace(dir, format)])).toBe(`${dir}: a trace file, not a folder`);
    }
  });
});

describe("readLines on garbage", () => {
  it("readLines(file without newlines) stops at MAX_LINE_BYTES with the line number, not buffering the file", () => {
    const path = join(dir, "one-long-line.csv");
    writeFileSync(path, `t_us,op,offset,length\n${"7".repeat(3 * MAX_LINE_BYTES)}`);
    expect(inputErrorOf(() => [...readLines(path)])).toBe(`${path}: line 2: a line under 1 MiB (is this a text trace?)`);
    expect(inputErrorOf(() => [...openTrace(path, "csv")])).toBe(`${path}: line 2: a line under 1 MiB (is this a text trace?)`);
  });

  it("readLines(file) still accepts a line just under the cap", () => {
    const path = join(dir, "long-but-fine.txt");
    writeFileSync(path, `a\n${"x".repeat(MAX_LINE_BYTES - 10)}\nb\n`);
    expect([...readLines(path)].map((line) => line.length)).toEqual([1, MAX_LINE_BYTES - 10, 1]);
  });
});
