import { describe, expect, it } from "vitest";
import { openTrace } from "../../../src/workloads/traces/open.ts";
import { mapOntoDisk, traceExtent, traceWindow } from "../../../src/workloads/traces/window.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";

const GIB = 2 ** 30;
const MIB = 2 ** 20;
const at = (timeUs: number, op: TraceRequest["op"] = "R", offset = 0, length = 512): TraceRequest => ({ timeUs, op, offset, length });

describe("traceWindow", () => {
  it("traceWindow(trace, { fromUs, durationUs, requests }) keeps the requests issued in [from, from + duration), at most `requests`, unchanged", () => {
    const trace = [at(0), at(10), at(20), at(29), at(30), at(40)];
    expect(traceWindow(trace, { fromUs: 10, durationUs: 20 })).toEqual([at(10), at(20), at(29)]);
    expect(traceWindow(trace, { fromUs: 10, durationUs: 20, requests: 2 })).toEqual([at(10), at(20)]);
    expect(traceWindow(trace)).toEqual(trace);
    expect(traceWindow(trace, { fromUs: 41 })).toEqual([]);
  });

  it("traceWindow(CloudPhysics, 29 min + 1 min) is the start of the trace's heaviest burst: 13,942 requests, 4,362 reads of 264.1 MiB, 9,580 writes of 543.2 MiB", () => {
    const trace = [...openTrace("traces/cloudPhysicsIO.vscsi", "vscsi")];
    const window = traceWindow(trace, { fromUs: 29 * 60e6, durationUs: 60e6 });
    const reads = window.filter((r) => r.op === "R");
    const writes = window.filter((r) => r.op === "W");
    expect([window.length, reads.length, writes.length]).toEqual([13_942, 4_362, 9_580]);
    expect((reads.reduce((s, r) => s + r.length, 0) / MIB).toFixed(1)).toBe("264.1");
    expect((writes.reduce((s, r) => s + r.length, 0) / MIB).toFixed(1)).toBe("543.2");
    // The minute before holds writes only (about 200 small ones a minute between the bursts).
    expect(traceWindow(trace, { fromUs: 28 * 60e6, durationUs: 60e6 }).filter((r) => r.op === "R")).toEqual([]);
    // The recorded disk's extent: 31.3 GiB (so a 16 GiB VM disk needs a mapping).
    expect((traceExtent(trace) / GIB).toFixed(1)).toBe("31.3");
  });
});

describe("traceExtent", () => {
  it("traceExtent() is the largest offset + length, flushes left out; 0 for no requests", () => {
    expect(traceExtent([at(0, "R", 4096, 512), at(1, "W", 1024, 512), { timeUs: 2, op: "F", offset: 1e12, length: 0 }])).toBe(4608);
    expect(traceExtent([])).toBe(0);
  });
});

describe("mapOntoDisk", () => {
  it("mapOntoDisk(modulo) puts each offset at offset mod disk size, moved back when it would cross the end; times, ops, lengths and latencies kept", () => {
    const disk = 1 * MIB;
    const trace: TraceRequest[] = [
      { timeUs: 0, op: "R", offset: 3 * MIB + 4096, length: 8192, latencyUs: 40 },
      { timeUs: 5, op: "W", offset: 2 * MIB - 512, length: 1024 },
      { timeUs: 6, op: "W", offset: 0, length: 2 * MIB },
      { timeUs: 9, op: "F", offset: 0, length: 0 },
    ];
    expect(mapOntoDisk(trace, disk, "modulo")).toEqual([
      { timeUs: 0, op: "R", offset: 4096, length: 8192, latencyUs: 40 },
      { timeUs: 5, op: "W", offset: MIB - 1024, length: 1024 }, // 1 MiB − 512 would cross the end: moved back 512 B
      { timeUs: 6, op: "W", offset: 0, length: MIB }, // longer than the disk: cut to it
      { timeUs: 9, op: "F", offset: 0, length: 0 },
    ]);
  });

  it("mapOntoDisk(scale, extent) puts each offset at offset × disk / extent on a 512-byte sector, lengths kept", () => {
    const trace = [at(0, "R", 0, 4096), at(1, "R", 3000 * 512, 512), at(2, "W", 4095 * 512, 512)];
    // Extent 4096 sectors onto 1024: a quarter.
    expect(mapOntoDisk(trace, 1024 * 512, "scale", 4096 * 512).map((r) => [r.offset / 512, r.length])).toEqual([[0, 4096], [750, 512], [1023, 512]]);
  });

  it("mapOntoDisk() keeps the CloudPhysics trace's requests on a 16 GiB disk: none past its end, the same ops and lengths", () => {
    const trace = traceWindow([...openTrace("traces/cloudPhysicsIO.vscsi", "vscsi")], { fromUs: 29 * 60e6, durationUs: 60e6 });
    for (const mapping of ["modulo", "scale"] as const) {
      const mapped = mapOntoDisk(trace, 16 * GIB, mapping, 33_584_938_496);
      expect(Math.max(...mapped.map((r) => r.offset + r.length))).toBeLessThanOrEqual(16 * GIB);
      expect(mapped.map((r) => [r.timeUs, r.op, r.length])).toEqual(trace.map((r) => [r.timeUs, r.op, r.length]));
      expect(mapped.every((r) => r.offset % 512 === 0)).toBe(true);
    }
  });

  it("mapOntoDisk() refuses a disk smaller than a sector", () => {
    expect(() => mapOntoDisk([at(0)], 100, "modulo")).toThrow("mapOntoDisk: a disk of at least 512 bytes, got 100");
  });
});
