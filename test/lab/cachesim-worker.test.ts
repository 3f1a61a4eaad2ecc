import { describe, expect, it } from "vitest";
import runCachesimTask from "../../src/lab/cachesim-worker.ts";

const options = { policies: ["lru", "belady"], sizes: [128 * 2 ** 20], unit: "bytes" as const, mode: "libcachesim" as const };

describe("cachesim worker", () => {
  it("computes only its jobs, in the task's order (libCacheSim's misses at 128 MiB)", () => {
    const outcome = runCachesimTask({ path: "traces/cloudPhysicsIO.oracleGeneral.bin", format: "oracleGeneral", options, jobs: [{ policy: "belady", size: 128 * 2 ** 20 }, { policy: "lru", size: 128 * 2 ** 20 }] });
    expect(outcome.ok && outcome.rows.map((r) => [r.policy, r.misses])).toEqual([["belady", 79256], ["lru", 93374]]);
  });

  it("returns bad input as data (source, where, expected) instead of throwing across the thread", () => {
    const outcome = runCachesimTask({ path: "traces/boot0.csv", format: "csv", options, jobs: [{ policy: "nope", size: 1 }] });
    expect(outcome).toMatchObject({ ok: false, error: { source: "cache", where: "nope" } });
    expect(!outcome.ok && outcome.error.expected).toMatch(/^unknown cache policy "nope"; expected one of fifo, lru/);
  });
});
