import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createRunPool, replicationTasks, runScenarioOnPool, runScenarioOnWorkers } from "../../src/lab/run-pool.ts";
import { runScenario, partitionCountOf } from "../../src/lab/run.ts";
import { runFiles } from "../../src/report/run-results.ts";
import { baseVariantOnly } from "../../src/scenario/load.ts";
import { loadScenario } from "../../src/lab/load.ts";

const scenario = fileURLToPath(new URL("../../scenarios/validation/mm1.yaml", import.meta.url));
const sets = ["replications=3", "model.customers=5000", "model.warmupCustomers=500"];

// Each test starts the pooled run first and computes the in-thread run it is compared with while
// the pool's workers start (loading rtolab under tsx takes a worker over a second).
describe("runScenarioOnWorkers", () => {
  it("runScenarioOnWorkers(loaded, { onProgress }) reports progress inside replications, rising to 1, without changing results", async () => {
    const boot = fileURLToPath(new URL("../../scenarios/boot/boot-one-vm.yaml", import.meta.url));
    const bootSets = ["variants=[{name: ssd, set: {}}]", "replications=2"];
    const loaded = loadScenario(boot, { sets: bootSets });
    const fractions: number[] = [];
    const pooled = runScenarioOnWorkers(loaded, { seed: 1, workers: 2, sets: bootSets, onProgress: (f) => fractions.push(f) });
    const inThread = runScenario(loaded, { seed: 1 });
    const result = await pooled;
    expect(result.fingerprint).toBe(inThread.fingerprint);
    // vm-boot reports each percent of its replay: many values strictly between 0 and 1, never falling.
    expect(fractions.filter((f) => f > 0 && f < 1).length).toBeGreaterThan(10);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(fractions[fractions.length - 1]).toBe(1);
  });

  it("runScenarioOnWorkers() reports progress inside a partitioned restore replication too (#17, #18), without changing results", async () => {
    // The boot storm on 2 media agents and 2 hosts: 2 partitions, each a worker task.
    const storm = fileURLToPath(new URL("../../scenarios/restore/boot-storm.yaml", import.meta.url));
    const stormSets = ["model.vms.count=12", "model.mediaAgents.count=2", "model.hosts.count=2", "variants=[{name: lazy, set: {}}]"];
    const loaded = loadScenario(storm, { sets: stormSets });
    expect(partitionCountOf(loaded.variants[0])).toBe(2);
    const fractions: number[] = [];
    const pooled = runScenarioOnWorkers(loaded, { seed: 1, workers: 2, sets: stormSets, onProgress: (f) => fractions.push(f) });
    const inThread = runScenario(loaded, { seed: 1 });
    const result = await pooled;
    expect(result.fingerprint).toBe(inThread.fingerprint);
    // Each partition pulses every 50,000 events with its VMs' boot progress; without that, the
    // only values would be the tasks' ends (0.5 and 1).
    expect(fractions.filter((f) => f !== 0.5 && f !== 1).length).toBeGreaterThan(0);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(fractions[fractions.length - 1]).toBe(1);
  });

  it("runScenarioOnWorkers(loaded, {workers: 2}) gives the in-thread result, file for file", async () => {
    const loaded = loadScenario(scenario, { sets });
    const finished: number[] = [];
    const started = runScenarioOnWorkers(loaded, { seed: 5, sets, workers: 2, onReplication: (done) => finished.push(done) });
    const inThread = runScenario(loaded, { seed: 5 });
    const pooled = await started;
    expect(pooled.fingerprint).toBe(inThread.fingerprint);
    expect(pooled.events).toBe(inThread.events);
    expect(finished).toEqual([1, 2, 3]);
    const [a, b] = [await runFiles(inThread), await runFiles(pooled)];
    for (const name of ["summary.json", "metrics.csv", "replications.csv"]) expect(b.get(name)).toEqual(a.get(name));
  });

  it("runScenarioOnWorkers() runs a partitioned replication's partitions as tasks and merges them into the in-thread result", async () => {
    // The boot storm on 2 media agents and 2 hosts: even and odd VMs share nothing, 2 partitions.
    const stormSets = ["model.vms.count=6", "model.mediaAgents.count=2", "model.hosts.count=2"];
    const storm = loadScenario(fileURLToPath(new URL("../../scenarios/restore/boot-storm.yaml", import.meta.url)), { sets: stormSets });
    expect(storm.variants.map(partitionCountOf)).toEqual([2, 2, 2, 2]);
    const finished: number[] = [];
    const started = runScenarioOnWorkers(storm, { sets: stormSets, workers: 2, onReplication: (done) => finished.push(done) });
    const inThread = runScenario(storm);
    const pooled = await started;
    expect(finished).toEqual([1, 2, 3, 4]);
    expect(pooled.fingerprint).toBe(inThread.fingerprint);
    expect(pooled.events).toBe(inThread.events);
    const [a, b] = [await runFiles(inThread), await runFiles(pooled)];
    for (const name of ["summary.json", "metrics.csv", "replications.csv", "tts.csv", "latencyOverTime.csv", "hitRatioOverTime.csv"]) {
      expect(a.get(name)).toBeDefined();
      expect([name, b.get(name)]).toEqual([name, a.get(name)]);
    }
    const tts = inThread.variants[2].metrics.find((m) => m.name === "tts");
    expect(tts?.mean).toBeGreaterThan(35);
  }, 120_000);

  it("runScenarioOnWorkers() sends many partitions as runs of consecutive ones (70 single-VM partitions, 35 tasks) and merges them in order", async () => {
    const lonelySets = ["model.vms.count=70", "model.mediaAgents.count=70", "model.hosts.count=70", "model.vms.diskSize=4GiB"];
    const lonely = loadScenario(fileURLToPath(new URL("../../scenarios/restore/boot-storm.yaml", import.meta.url)), { sets: lonelySets });
    const base = baseVariantOnly(lonely);
    expect(partitionCountOf(base.variants[0])).toBe(70);
    const tasks = replicationTasks(base, 1, lonelySets);
    expect(tasks.map((task) => task.partitions)).toEqual(Array.from({ length: 35 }, (_, k) => ({ first: 2 * k, count: 2 })));
    const started = runScenarioOnWorkers(base, { sets: lonelySets, workers: 2 });
    const inThread = runScenario(base);
    const pooled = await started;
    expect(pooled.fingerprint).toBe(inThread.fingerprint);
    const ttsRows = (run: typeof inThread) => run.variants[0].replications[0].tables?.find((t) => t.name === "tts")?.rows;
    expect(ttsRows(pooled)).toEqual(ttsRows(inThread));
    expect(ttsRows(pooled)?.map((row) => row.vm)).toEqual(Array.from({ length: 70 }, (_, i) => `vms.vm${i}`));
  }, 120_000);

  it("runScenarioOnWorkers() turns bad input found in a worker into an InputError", async () => {
    const loaded = loadScenario(scenario, { sets });
    const tampered = { ...loaded, hash: "0".repeat(64) };
    // The two runs (a pool of one worker each) at once.
    await Promise.all([
      expect(runScenarioOnWorkers(loaded, { seed: 1, sets, workers: 1 }).then(() => "ran")).resolves.toBe("ran"),
      expect(runScenarioOnWorkers(tampered, { seed: 1, sets, workers: 1 })).rejects.toThrow("the same scenario for the whole run (the file changed)"),
    ]);
  });

  it("runScenarioOnPool(loaded, pool) reuses one pool run after run, base-only scenarios included, and leaves it open", async () => {
    const pool = createRunPool(2);
    try {
      // boot-one-vm declares 4 variants; its base alone is a different run (what `plan` evaluates).
      const bootSets = ["replications=2"];
      const boot = baseVariantOnly(loadScenario(fileURLToPath(new URL("../../scenarios/boot/boot-one-vm.yaml", import.meta.url)), { sets: bootSets }));
      // The in-thread runs compared with below, while the pool's workers start.
      const bootInThread = runScenario(boot, { seed: 3 });
      const mm1InThread = runScenario(loadScenario(scenario, { sets }), { seed: 5 });
      const bootRun = await runScenarioOnPool(boot, pool, { seed: 3, sets: bootSets });
      expect(bootRun.variants.map((v) => v.name)).toEqual(["base"]);
      expect(bootRun.fingerprint).toBe(bootInThread.fingerprint);
      expect(bootRun.fingerprint).toBe("cbc2e72ee77f1b2d");
      const tampered = { ...loadScenario(scenario, { sets }), hash: "0".repeat(64) };
      await expect(runScenarioOnPool(tampered, pool, { seed: 1, sets })).rejects.toThrow("the same scenario for the whole run (the file changed)");
      const finished: number[] = [];
      const mm1 = await runScenarioOnPool(loadScenario(scenario, { sets }), pool, { seed: 5, sets, onReplication: (done) => finished.push(done) });
      expect(mm1.fingerprint).toBe(mm1InThread.fingerprint);
      expect(finished).toEqual([1, 2, 3]);
    } finally {
      await pool.destroy();
    }
  });
});
