import { describe, expect, it } from "vitest";
import { formatTraceInfo, histogramMedian, traceInfo } from "../../../src/workloads/traces/info.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { BOOT_TRACES, tracePath } from "../fixtures.ts";

const SMALL: TraceRequest[] = [
  { timeUs: 100, op: "R", offset: 0, length: 8192, latencyUs: 10 },
  { timeUs: 110, op: "R", offset: 8192, length: 4096, latencyUs: 30 },
  { timeUs: 200, op: "W", offset: 1000, length: 512, latencyUs: 5 },
  { timeUs: 300, op: "F", offset: 0, length: 0, latencyUs: 900 },
  { timeUs: 400, op: "R", offset: 300 * 2 ** 20, length: 4096 },
];

describe("traceInfo", () => {
  it("traceInfo(requests) counts ops, bytes, distinct blocks, sequential share and histograms", () => {
    const info = traceInfo(SMALL);
    expect(info).toMatchObject({
      requests: 5, reads: 3, writes: 1, flushes: 1, bytesRead: 16384, bytesWritten: 512,
      distinctBlocksRead: 4, distinctBlocksWritten: 1, durationUs: 300, spanUs: 1100,
      sequentialReadShare: 1 / 3, sequentialWriteShare: 0, maxByte: 300 * 2 ** 20 + 4096, medianSizeBytes: 4096,
      latency: { count: 4, meanUs: 236.25, maxUs: 900 },
    });
    expect(info.sizeHistogram).toEqual([
      { from: 512, to: 1024, count: 1 }, { from: 4096, to: 8192, count: 2 }, { from: 8192, to: 16384, count: 1 },
    ]);
    expect(info.offsetHistogram).toEqual([
      { from: 0, to: 2 ** 28, count: 3 }, { from: 2 ** 28, to: 2 ** 29, count: 1 },
    ]);
  });

  it("traceInfo(requests, { blockSize: 4096 }) of every boot trace matches traces/README.md", () => {
    for (const trace of BOOT_TRACES) {
      const info = traceInfo(readRtolabCsv(tracePath(`${trace.name}.csv`)), { blockSize: 4096 });
      expect([trace.name, info.requests, info.distinctBlocksRead, Number((info.bytesRead / 2 ** 20).toFixed(1))])
        .toEqual([trace.name, trace.requests, trace.distinctBlocksRead, trace.readMiB]);
    }
  });

  it("traceInfo(boot0) gives the measured shape used to calibrate the synthetic boot", () => {
    const info = traceInfo(readRtolabCsv(tracePath("boot0.csv")));
    expect([info.reads, info.writes, info.flushes, info.medianSizeBytes]).toEqual([1437, 251, 39, 16384]);
  });

  it("traceInfo([]) is all zeros", () => {
    expect(traceInfo([])).toMatchObject({ requests: 0, durationUs: 0, spanUs: 0, medianSizeBytes: 0, sizeHistogram: [] });
  });
});

describe("histogramMedian", () => {
  it("histogramMedian(buckets) returns the lower bound of the median's bucket", () => {
    expect(histogramMedian([{ from: 512, to: 1024, count: 1 }, { from: 4096, to: 8192, count: 2 }])).toBe(4096);
    expect(histogramMedian([])).toBe(0);
  });
});

describe("formatTraceInfo", () => {
  it("formatTraceInfo(info) prints a readable block", () => {
    const text = formatTraceInfo(traceInfo(readRtolabCsv(tracePath("boot0.csv"))));
    expect(text.split("\n").slice(0, 4)).toEqual([
      "requests      1727 (1437 reads, 251 writes, 39 flushes)",
      expect.stringMatching(/^duration {6}\d+\.\d{3} s of issues, \d+\.\d{3} s to the last completion$/),
      "read          61.7 MiB, 14942 distinct 4 KiB blocks (58.4 MiB)",
      expect.stringMatching(/^written {7}\d+\.\d MiB, \d+ distinct 4 KiB blocks$/),
    ]);
  });
});
