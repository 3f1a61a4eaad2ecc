import { describe, expect, it } from "vitest";
import { detectTraceFormat, openTrace } from "../../../src/workloads/traces/open.ts";
import { scaleTrace } from "../../../src/workloads/traces/scale.ts";

const gboot1 = [...openTrace("traces/gboot1.csv", detectTraceFormat("traces/gboot1.csv"))];
const readBytes = (requests: readonly { op: string; length: number }[]) => requests.reduce((sum, r) => sum + (r.op === "R" ? r.length : 0), 0);

describe("scaleTrace", () => {
  it("scaleTrace(gboot1, 3.7) keeps every request's time, operation and latency, reads 3.7× the bytes (plus < 1 sector per request) over 3.7× the extent", () => {
    const scaled = scaleTrace(gboot1, 3.7);
    expect(scaled).toHaveLength(gboot1.length);
    expect(scaled.map((r) => [r.timeUs, r.op, r.latencyUs])).toEqual(gboot1.map((r) => [r.timeUs, r.op, r.latencyUs]));
    const reads = gboot1.filter((r) => r.op === "R").length;
    expect(readBytes(scaled)).toBeGreaterThanOrEqual(3.7 * readBytes(gboot1));
    expect(readBytes(scaled)).toBeLessThanOrEqual(3.7 * readBytes(gboot1) + 2 * 512 * reads);
    const extent = (requests: readonly { offset: number; length: number }[]) => Math.max(...requests.map((r) => r.offset + r.length));
    expect(extent(scaled) / extent(gboot1)).toBeCloseTo(3.7, 4);
    // Order on disk kept: offsets rank the same.
    const rank = (requests: readonly { offset: number }[]) => requests.map((r, i) => [r.offset, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((p) => p[1]);
    expect(rank(scaled)).toEqual(rank(gboot1));
    expect(scaled.every((r) => r.offset % 512 === 0 && r.length % 512 === 0)).toBe(true);
  });

  it("scaleTrace(requests, 1) returns the requests themselves; a factor that is not positive throws", () => {
    expect(scaleTrace(gboot1, 1)).toBe(gboot1);
    expect(() => scaleTrace(gboot1, 0)).toThrow("scaleTrace: a positive finite factor, got 0");
    expect(() => scaleTrace(gboot1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("scaleTrace(requests, 0.5) halves: 8 KiB at 8 KiB becomes 4 KiB at 4 KiB; a 512-byte read keeps one sector", () => {
    expect(scaleTrace([{ timeUs: 1, op: "R", offset: 8192, length: 8192 }, { timeUs: 2, op: "R", offset: 512, length: 512 }], 0.5)).toEqual([
      { timeUs: 1, op: "R", offset: 4096, length: 4096 },
      { timeUs: 2, op: "R", offset: 0, length: 512 },
    ]);
  });
});
