import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildAccessStream, cachesim, cachesimFile, fillNextAccess, simulate } from "../../../../src/policies/cache/cachesim/cachesim.ts";
import type { TraceRequest } from "../../../../src/workloads/traces/types.ts";
import { readOracleGeneral } from "../../../../src/workloads/traces/oracle-general.ts";

const TRACE = fileURLToPath(new URL("../../../../traces/cloudPhysicsIO.oracleGeneral.bin", import.meta.url));
const MiB = 2 ** 20;
const SIZES = [128, 256, 384, 512, 640, 768, 896, 1024].map((m) => m * MiB);

/** libCacheSim's published misses on cloudPhysicsIO.oracleGeneral.bin (traces/README.md). */
const LIBCACHESIM: Record<string, number[]> = {
  lru: [93374, 89783, 83572, 81722, 72494, 72104, 71972, 71704],
  fifo: [93403, 89386, 84387, 84025, 72498, 72228, 72182, 72140],
  clock: [93313, 89775, 83411, 81328, 74815, 72283, 71927, 64456],
  sieve: [91699, 86720, 78578, 76707, 69945, 66221, 64445, 64376],
  belady: [79256, 70724, 65481, 61594, 59645, 57599, 50873, 48974],
};

const req = (offset: number, length: number, op: TraceRequest["op"] = "R"): TraceRequest => ({ timeUs: 0, op, offset, length });

describe("cachesim", () => {
  it("cachesim() reproduces libCacheSim's miss counts for lru, fifo, clock, sieve and belady exactly", () => {
    const rows = cachesim(readOracleGeneral(TRACE), { policies: Object.keys(LIBCACHESIM), sizes: SIZES, unit: "bytes", mode: "libcachesim" });
    for (const [policy, misses] of Object.entries(LIBCACHESIM)) {
      expect(rows.filter((row) => row.policy === policy).map((row) => row.misses), policy).toEqual(misses);
    }
    expect(rows[0]).toMatchObject({ policy: "lru", size: 128 * MiB, unit: "bytes", requests: 113872, misses: 93374 });
    expect(rows[0].missRatio).toBeCloseTo(93374 / 113872, 12);
  });

  it("cachesimFile() decodes oracleGeneral directly and gives the same misses; a computed future gives Belady's published ones", () => {
    const rows = cachesimFile(TRACE, "oracleGeneral", { policies: ["lru", "belady"], sizes: SIZES, unit: "bytes", mode: "libcachesim" });
    expect(rows.filter((r) => r.policy === "lru").map((r) => r.misses)).toEqual(LIBCACHESIM.lru);
    expect(rows.filter((r) => r.policy === "belady").map((r) => r.misses)).toEqual(LIBCACHESIM.belady);
    // Belady from next accesses computed by the backward pass over a temporary file, not the file's field.
    const computed = cachesimFile(TRACE, "oracleGeneral", { policies: ["belady"], sizes: SIZES, unit: "bytes", mode: "libcachesim", future: "compute" });
    expect(computed.map((r) => r.misses)).toEqual(LIBCACHESIM.belady);
  });

  it("buildAccessStream() in block mode splits requests into blocks and skips flushes", () => {
    const stream = buildAccessStream([req(0, 8192), req(4096, 100), req(0, 0, "F"), req(10000, 10000)], "block", 4096);
    expect([...stream.keys]).toEqual([0, 1, 1, 2, 3, 4]);
    expect([...stream.bytes]).toEqual([4096, 4096, 4096, 4096, 4096, 4096]);
    expect([...stream.next]).toEqual([Infinity, 2, Infinity, Infinity, Infinity, Infinity]);
  });

  it("buildAccessStream() in libcachesim mode uses the file's 1-based next index", () => {
    const requests = [{ ...req(5, 512), nextAccessIndex: 2 }, { ...req(5, 512), nextAccessIndex: -1 }];
    const stream = buildAccessStream(requests, "libcachesim");
    expect([...stream.keys]).toEqual([5, 5]);
    expect([...stream.next]).toEqual([1, Infinity]);
  });

  it("fillNextAccess() finds the next index of each key", () => {
    const stream = buildAccessStream([req(1, 1), req(2, 1), req(1, 1), req(2, 1), req(3, 1)], "libcachesim");
    fillNextAccess(stream);
    expect([...stream.next]).toEqual([2, 3, Infinity, Infinity, Infinity]);
  });

  it("simulate() in objects counts one per access and still reports byte miss ratio", () => {
    const stream = buildAccessStream([req(1, 100), req(2, 300), req(1, 100), req(3, 100)], "libcachesim");
    expect(simulate(stream, "lru", 1, "objects")).toEqual({
      policy: "lru",
      size: 1,
      unit: "objects",
      requests: 4,
      misses: 4,
      missRatio: 1,
      byteMissRatio: 1,
    });
    const two = simulate(stream, "lru", 2, "objects");
    expect([two.misses, two.byteMissRatio]).toEqual([3, 500 / 600]);
  });

  it("cachesim() rejects an unknown policy with the valid names", () => {
    expect(() => cachesim([], { policies: ["nope"], sizes: [1], unit: "objects", mode: "block" })).toThrow(/unknown cache policy "nope"; expected one of fifo, lru/);
  });
});
