import { closeSync, mkdtempSync, readSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openTraceFile } from "../../../src/workloads/traces/open-file.ts";

describe("openTraceFile", () => {
  it("openTraceFile() returns a descriptor reading the file from its start", () => {
    const folder = mkdtempSync(join(tmpdir(), "rtolab-open-"));
    const path = join(folder, "t.csv");
    writeFileSync(path, "abc");
    const fd = openTraceFile(path);
    const buffer = Buffer.alloc(4);
    expect(readSync(fd, buffer, 0, 4, null)).toBe(3);
    expect(buffer.subarray(0, 3).toString()).toBe("abc");
    closeSync(fd);
  });

  it("openTraceFile() names the path in a one-line InputError for a missing file or a folder", () => {
    const folder = mkdtempSync(join(tmpdir(), "rtolab-open-"));
    expect(() => openTraceFile(join(folder, "no-such.csv"))).toThrow(`${join(folder, "no-such.csv")}: a readable trace file (ENOENT)`);
    expect(() => openTraceFile(folder)).toThrow(`${folder}: a trace file, not a folder`);
  });
});
