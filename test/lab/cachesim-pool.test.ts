import { describe, expect, it } from "vitest";
import { cachesimFileParallel, dealJobs } from "../../src/lab/cachesim-pool.ts";
import { cachesimFile, cachesimJobs } from "../../src/policies/cache/cachesim/cachesim.ts";

const TRACE = "traces/cloudPhysicsIO.oracleGeneral.bin";

describe("cachesim pool", () => {
  it("dealJobs deals round-robin into at most `threads` non-empty shares that cover every job once", () => {
    const jobs = cachesimJobs({ policies: ["lru", "arc", "belady"], sizes: [1, 2] });
    const shares = dealJobs(jobs, 4);
    expect(shares.map((s) => s.indices)).toEqual([[0, 4], [1, 5], [2], [3]]);
    expect(shares.flatMap((s) => s.jobs).length).toBe(6);
    expect(dealJobs(jobs.slice(0, 1), 8).map((s) => s.indices)).toEqual([[0]]);
  });

  it("rows on 2 worker threads are byte-identical to the single-thread run (Belady's future computed per worker)", async () => {
    const options = { policies: ["lru", "s3fifo", "belady"], sizes: [32 * 2 ** 20, 128 * 2 ** 20], unit: "bytes" as const, mode: "libcachesim" as const, future: "compute" as const };
    const single = cachesimFile(TRACE, "oracleGeneral", options);
    const parallel = await cachesimFileParallel(TRACE, "oracleGeneral", options, 2);
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(single));
    // libCacheSim's LRU at 128 MiB on this trace (the single-thread golden number).
    expect(parallel[1]).toMatchObject({ policy: "lru", size: 128 * 2 ** 20, misses: 93374 });
  }, 60_000);
});
