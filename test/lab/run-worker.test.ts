import { describe, expect, it } from "vitest";
import runReplicationTask, { type ReplicationTask } from "../../src/lab/run-worker.ts";
import { loadScenario } from "../../src/lab/load.ts";
import { runPartitionOf, runReplicationOf } from "../../src/lab/run.ts";
import { baseVariantOnly } from "../../src/scenario/load.ts";

const MM1 = "scenarios/validation/mm1.yaml";
const SMALL = ["model.customers=500", "model.warmupCustomers=50"];

function task(path: string, sets: readonly string[], more: Partial<ReplicationTask> = {}): ReplicationTask {
  return { path, sets, hash: loadScenario(path, { sets }).hash, seed: 7, variant: 0, replication: 0, ...more };
}

describe("runReplicationTask", () => {
  it("runReplicationTask() runs the replication runReplicationOf() runs in this thread: same fingerprint, same metrics", () => {
    const loaded = loadScenario(MM1, { sets: SMALL });
    for (const replication of [0, 1]) {
      const outcome = runReplicationTask(task(MM1, SMALL, { replication }));
      expect(outcome).toEqual({ ok: true, result: runReplicationOf(loaded, loaded.variants[0], 7, replication) });
    }
    expect(runReplicationOf(loaded, loaded.variants[0], 7, 0).fingerprint).not.toBe(runReplicationOf(loaded, loaded.variants[0], 7, 1).fingerprint);
  });

  it("runReplicationTask({ maxEvents }) runs the worker's simulations under that event budget (--max-events on worker threads), then restores the thread's budget", () => {
    const outcome = runReplicationTask(task(MM1, SMALL, { maxEvents: 100 }));
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? "" : `${outcome.error.where}: ${outcome.error.expected}`).toMatch(/^: a run within --max-events 100 per simulation \(this one went past it at \d+ ns of simulated time; raise --max-events\)$/);
    expect(runReplicationTask(task(MM1, SMALL)).ok).toBe(true); // the budget did not stay behind
  });

  it("runReplicationTask() runs the variant it is asked for; with baseOnly, variant 0 is the scenario's base", () => {
    const path = "scenarios/validation/priority.yaml";
    const sets = ["model.customers=500", "model.warmupCustomers=50"];
    const loaded = loadScenario(path, { sets });
    expect(runReplicationTask(task(path, sets, { variant: 1 }))).toEqual({ ok: true, result: runReplicationOf(loaded, loaded.variants[1], 7, 0) });
    const base = baseVariantOnly(loaded);
    expect(runReplicationTask(task(path, sets, { baseOnly: true }))).toEqual({ ok: true, result: runReplicationOf(base, base.variants[0], 7, 0) });
  });

  it("runReplicationTask() refuses a scenario whose hash changed since the run began, as data naming the file", () => {
    expect(runReplicationTask({ ...task(MM1, SMALL), hash: "0123456789abcdef" })).toEqual({
      ok: false,
      error: { source: MM1, where: "", expected: "the same scenario for the whole run (the file changed)" },
    });
    // The same file with other overrides is another scenario: another hash.
    expect(runReplicationTask({ ...task(MM1, SMALL), sets: ["model.customers=3000"] }).ok).toBe(false);
  });

  it("runReplicationTask() returns bad input as data (source, field, what was expected), not as a thrown error", () => {
    const missing = runReplicationTask({ ...task(MM1, SMALL), path: "no-such.yaml" });
    expect(missing).toMatchObject({ ok: false, error: { source: "no-such.yaml" } });
    const badSet = runReplicationTask({ ...task(MM1, SMALL), sets: ["model.servers=0"] });
    expect(badSet).toMatchObject({ ok: false, error: { source: MM1, where: "model.servers" } });
  });

  it("runReplicationTask() with partitions {first, count} sends back parts first..first+count-1 of the replication", () => {
    const path = "scenarios/restore/one-vm-dedup.yaml";
    // Two VMs on two media agents and two hosts: two independent partitions (lazy: variant 1).
    // The boot cut at 2 s, not at its service ready (35.7 s): a few hundred requests, enough here.
    const sets = ["model.vms.count=2", "model.mediaAgents.count=2", "model.hosts.count=2", "model.vms.serviceReady=2s"];
    const loaded = loadScenario(path, { sets });
    const outcome = runReplicationTask(task(path, sets, { variant: 1, partitions: { first: 1, count: 1 } }));
    expect(outcome).toEqual({ ok: true, parts: [runPartitionOf(loaded, loaded.variants[1], 7, 0, 1)] });
    expect(runReplicationTask(task(path, sets, { variant: 1, partitions: { first: 0, count: 0 } }))).toEqual({ ok: true, parts: [] });
  });
});
