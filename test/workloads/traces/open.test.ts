import { describe, expect, it } from "vitest";
import { detectTraceFormat, openTrace } from "../../../src/workloads/traces/open.ts";
import type { TraceFormat } from "../../../src/workloads/traces/types.ts";
import { tracePath, writeFixture } from "../fixtures.ts";

function count(path: string, format: TraceFormat): number {
  let n = 0;
  for (const _ of openTrace(path, format)) n++;
  return n;
}

describe("openTrace", () => {
  it("openTrace(path, format) reads all five formats", () => {
    const msr = writeFixture("hm.csv", "128166372003061629,hm,0,Read,4096,512,615\n");
    const blk = writeFixture("b.txt", "8,0 0 1 0.000010000 9 D R 8 + 8 [x]\n8,0 0 2 0.000060000 0 C R 8 + 8 [0]\n");
    expect(count(tracePath("boot1.csv"), "csv")).toBe(1767);
    expect(count(msr, "msr")).toBe(1);
    expect(count(blk, "blkparse")).toBe(1);
    expect(count(tracePath("cloudPhysicsIO.vscsi"), "vscsi")).toBe(113872);
    expect(count(tracePath("cloudPhysicsIO.oracleGeneral.bin"), "oracleGeneral")).toBe(113872);
  });

  it("openTrace(path, format) can be iterated twice", () => {
    const trace = openTrace(tracePath("boot0.csv"), "csv");
    expect([count(tracePath("boot0.csv"), "csv"), [...trace].length, [...trace].length]).toEqual([1727, 1727, 1727]);
  });
});

describe("detectTraceFormat", () => {
  it("detectTraceFormat(path) recognises extensions and content", () => {
    expect(detectTraceFormat(tracePath("boot1.csv"))).toBe("csv");
    expect(detectTraceFormat(tracePath("cloudPhysicsIO.vscsi"))).toBe("vscsi");
    expect(detectTraceFormat(tracePath("cloudPhysicsIO.oracleGeneral.bin"))).toBe("oracleGeneral");
    expect(detectTraceFormat(writeFixture("hm_0.csv", "128166372003061629,hm,0,Read,4096,512,615\n"))).toBe("msr");
    expect(detectTraceFormat(writeFixture("x.txt", "\n  8,0    1  1  0.000100000  697  Q   R 2048 + 8 [cat]\n"))).toBe("blkparse");
  });

  it("detectTraceFormat(path) names the file when nothing fits", () => {
    const path = writeFixture("what.txt", "hello\n");
    expect(() => detectTraceFormat(path)).toThrow(`${path}: a trace in a known format`);
  });
});
