import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenarioOnWorkers } from "../../src/lab/run-pool.ts";
import { runScenario } from "../../src/lab/run.ts";
import { runFiles } from "../../src/report/run-results.ts";
import { loadScenario } from "../../src/scenario/load.ts";

const scenario = fileURLToPath(new URL("../../scenarios/validation/mm1.yaml", import.meta.url));
const sets = ["replications=3", "model.customers=5000", "model.warmupCustomers=500"];

describe("runScenarioOnWorkers", () => {
  it("runScenarioOnWorkers(loaded, {workers: 2}) gives the in-thread result, file for file", async () => {
    const loaded = loadScenario(scenario, { sets });
    const inThread = runScenario(loaded, { seed: 5 });
    const finished: number[] = [];
    const pooled = await runScenarioOnWorkers(loaded, { seed: 5, sets, workers: 2, onReplication: (done) => finished.push(done) });
    expect(pooled.fingerprint).toBe(inThread.fingerprint);
    expect(pooled.events).toBe(inThread.events);
    expect(finished).toEqual([1, 2, 3]);
    const [a, b] = [await runFiles(inThread), await runFiles(pooled)];
    for (const name of ["summary.json", "metrics.csv", "replications.csv"]) expect(b.get(name)).toEqual(a.get(name));
  });

  it("runScenarioOnWorkers() turns bad input found in a worker into an InputError", async () => {
    const loaded = loadScenario(scenario, { sets });
    await expect(runScenarioOnWorkers(loaded, { seed: 1, sets, workers: 1 }).then(() => "ran")).resolves.toBe("ran");
    const tampered = { ...loaded, hash: "0".repeat(64) };
    await expect(runScenarioOnWorkers(tampered, { seed: 1, sets, workers: 1 })).rejects.toThrow("the same scenario for the whole run (the file changed)");
  });
});
