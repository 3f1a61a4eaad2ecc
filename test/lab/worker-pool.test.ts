import { describe, expect, it } from "vitest";
import { createWorkerPool, workerExecArgv } from "../../src/lab/worker-pool.ts";

describe("worker pool", () => {
  it("workerExecArgv() under tsx (sources) imports the tsx loader by file URL", () => {
    const argv = workerExecArgv();
    expect(argv).toHaveLength(2);
    expect(argv[0]).toBe("--import");
    expect(argv[1]).toMatch(/^file:\/\/.*\/tsx\/.*\.(m?js|cjs)$/);
  });

  it("createWorkerPool(entry, n) runs exactly n threads on the .ts entry and gives the sweep worker's answers", async () => {
    const pool = createWorkerPool(new URL("../../src/lab/sweep/worker.ts", import.meta.url), 1);
    try {
      expect([pool.options.minThreads, pool.options.maxThreads]).toEqual([1, 1]);
      const outcome = await pool.run({ path: "no-such.yaml", sets: [], variant: "base", seed: 1, replication: 0, hash: "", sweep: "", point: "p0000" });
      // Bad input comes back as data from the worker thread, not as a thrown error.
      expect(outcome).toMatchObject({ ok: false, error: { source: "no-such.yaml" } });
    } finally {
      await pool.destroy();
    }
  }, 60_000);
});
