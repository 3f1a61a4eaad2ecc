import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isInputError } from "../../src/util/errors.ts";
import { MAX_LINE_BYTES, readLines } from "../../src/workloads/traces/lines.ts";
import { traceInfo } from "../../src/workloads/traces/info.ts";
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

describe("trace records with absurd numbers", () => {
  const huge = "9".repeat(400);
  const cases = [
    { format: "blkparse", text: `8,0 0 1 ${huge}.000000000 9 D R 8 + 8 [x]\n`, expected: "line 1: expected a time below 2^53 µs (about 285 years)" },
    { format: "blkparse", text: `8,0 0 1 0.000000000 9 D R ${huge} + 8 [x]\n`, expected: "line 1: expected sector + nsectors within 2^53 bytes" },
    { format: "msr", text: `${huge},h,0,Read,0,512,1\n`, expected: "line 1: expected Timestamp below 2^64 (a 64-bit filetime)" },
    { format: "msr", text: "1,h,0,Read,9007199254740990,512,1\n", expected: "line 1: expected Offset + Size below 2^53 bytes" },
    { format: "csv", text: "t_us,op,offset,length\n0,R,9007199254740990,512\n", expected: "line 2: expected offset + length below 2^53 bytes" },
  ] as const;
  for (const { format, text, expected } of cases) {
    it(`openTrace(${format} record with ${expected.replace(/^line \d+: expected /, "")} violated) fails instead of yielding Infinity or a rounded offset`, () => {
      const path = join(dir, `absurd.${format}`);
      writeFileSync(path, text);
      expect(inputErrorOf(() => [...openTrace(path, format)])).toBe(`${path}: ${expected}`);
    });
  }

  it("openTrace(vscsi record with an LBN of 2^50) fails instead of yielding an offset beyond 2^53", () => {
    const path = join(dir, "far.vscsi");
    const record = Buffer.alloc(32);
    record.writeUInt16LE(0x28, 12);
    record.writeUInt16LE(0x0100, 14);
    record.writeBigUInt64LE(2n ** 50n, 16);
    writeFileSync(path, record);
    expect(inputErrorOf(() => [...openTrace(path, "vscsi")])).toBe(`${path}: record 1: an LBN below 2^44 (byte offsets below 2^53)`);
  });
});

describe("requests longer than 4 GiB", () => {
  it("openTrace(csv with a 1 TiB request) fails naming the line (trace info crashed with 'Set maximum size exceeded')", () => {
    const path = join(dir, "huge-request.csv");
    writeFileSync(path, "t_us,op,offset,length\n0,R,0,4096\n1,R,0,1099511627776\n");
    expect(inputErrorOf(() => [...openTrace(path, "csv")])).toBe(`${path}: line 3: expected length up to 4 GiB (2^32 − 1 bytes)`);
  });

  it("openTrace(msr or blkparse with a request over 4 GiB) fails naming the line", () => {
    const msr = join(dir, "huge.msr.csv");
    writeFileSync(msr, "1,h,0,Read,0,4294967296,1\n");
    expect(inputErrorOf(() => [...openTrace(msr, "msr")])).toBe(`${msr}: line 1: expected Size up to 4 GiB (2^32 − 1 bytes)`);
    const blk = join(dir, "huge.blk.txt");
    writeFileSync(blk, "8,0 0 1 0.000000000 9 D R 0 + 8388608 [x]\n");
    expect(inputErrorOf(() => [...openTrace(blk, "blkparse")])).toBe(`${blk}: line 1: expected nsectors up to 4 GiB (2^32 − 1 bytes)`);
  });
});

describe("traceInfo beyond 2^24 distinct blocks", () => {
  it("traceInfo(requests touching 17.8M distinct blocks, past 2^24) counts them instead of throwing 'Set maximum size exceeded'", () => {
    const requests = Array.from({ length: 17 }, (_, i) => ({ timeUs: i, op: "R" as const, offset: i * 2 ** 32, length: 2 ** 32 - 1 }));
    expect(traceInfo(requests, { blockSize: 4096 }).distinctBlocksRead).toBe(17 * 2 ** 20);
  });
});
