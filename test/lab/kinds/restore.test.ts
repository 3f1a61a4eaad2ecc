import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { runRestoreReplication } from "../../../src/lab/kinds/restore.ts";
import { buildRestoreWorld } from "../../../src/lab/kinds/restore/build.ts";
import { mergeRestoreParts, restoreMetrics, restorePart, restoreTables } from "../../../src/lab/kinds/restore/results.ts";
import { restoreSchema } from "../../../src/lab/kinds/restore/schema.ts";
import type { ReplicationResult } from "../../../src/contracts/model-kind.ts";
import { InvariantError } from "../../../src/util/errors.ts";

const base = {
  kind: "restore",
  chunkSize: "4MiB",
  vms: {
    diskSize: "4GiB",
    blockSize: "1MiB",
    trace: "../../../traces/gboot1.csv",
    serviceReady: "35724121us",
    profile: { traces: [{ file: "../../../traces/gboot0.csv", serviceReady: "36524944us" }] },
  },
  timeline: { mountTime: "1s", registerTime: "1s", powerOnTime: "1s" },
};

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = v !== null && typeof v === "object" && !Array.isArray(v) && typeof a[k] === "object" ? merge(a[k] as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

function run(overrides: Record<string, unknown>): ReplicationResult {
  const spec = restoreSchema.parse(merge(base, overrides));
  return runRestoreReplication(spec, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: __dirname });
}

function metric(result: ReplicationResult, name: string): number {
  const found = result.metrics.find((m) => m.name === name);
  if (!found) throw new Error(`no metric ${name}`);
  return found.value;
}

describe("kind restore", () => {
  it("runRestoreReplication(strict-priority) lowers p99 demand latency during relocation against fifo", () => {
    // Relocation runs under a service phase reading an 8 GiB hot set: most reads go to the media agent.
    const relocating = {
      vms: { diskSize: "16GiB", service: { requests: 600, meanGap: "50ms", writeShare: 0.3, hotSetBytes: "8GiB" } },
      mediaAgents: { storage: { device: "dedup", underlying: { device: "hdd", rpm: 7200 } }, fetchSlots: 4, cache: { size: "256MiB" } },
      relocation: { start: "after-service-ready", streams: 4, prestageWindow: 8 },
    };
    const fifo = run(merge(relocating, { mediaAgents: { scheduler: { policy: "fifo" } } }));
    // Starvation bound 2 s: above the HDD queue waits, so priority is not turned back into FIFO.
    const strict = run(merge(relocating, { mediaAgents: { scheduler: { policy: "strict-priority", options: { maxWaitNs: 2e9 } } } }));
    const p99Fifo = metric(fifo, "demandLatencyP99.duringRelocation");
    const p99Strict = metric(strict, "demandLatencyP99.duringRelocation");
    console.log(`(a) p99 demand latency during relocation: fifo ${p99Fifo.toFixed(2)} ms, strict-priority ${p99Strict.toFixed(2)} ms`);
    expect(p99Strict).toBeLessThan(p99Fifo * 0.8);
  }, 60_000);

  it("runRestoreReplication(deviceQueues: 1 background request inside the disk) lowers p99 demand latency during relocation against strict priority at the media agent alone", () => {
    // 16 fetch slots, all of them available to background: pre-staging and copy reads fill the
    // HDD's queue ahead of the guest's reads unless the disk's own queue is class-aware.
    const relocating = {
      vms: { diskSize: "16GiB", service: { requests: 600, meanGap: "50ms", writeShare: 0.3, hotSetBytes: "8GiB" } },
      mediaAgents: { storage: { device: "dedup", underlying: { device: "hdd", rpm: 7200 } }, fetchSlots: 16, cache: { size: "256MiB" }, scheduler: { policy: "strict-priority", options: { maxWaitNs: 2e9 } } },
      relocation: { start: "after-service-ready", streams: 4, prestageWindow: 8 },
    };
    const agentOnly = run(relocating);
    const device = run(merge(relocating, { mediaAgents: { deviceQueues: { policy: "strict-priority", backgroundLimit: "fixed", limit: 1 } } }));
    const [p99Agent, p99Device] = [agentOnly, device].map((r) => metric(r, "demandLatencyP99.duringRelocation"));
    const [ttiAgent, ttiDevice] = [agentOnly, device].map((r) => metric(r, "timeToIndependence"));
    console.log(`(e) p99 during relocation: media agent only ${p99Agent.toFixed(2)} ms, with device queues ${p99Device.toFixed(2)} ms; TTI ${ttiAgent.toFixed(1)} / ${ttiDevice.toFixed(1)} s`);
    expect(p99Device).toBeLessThan(p99Agent * 0.5);
  }, 60_000);

  it("runRestoreReplication(profile pre-staging) lowers TTS against lazy mount when secondary storage is slow", () => {
    const slow = { mediaAgents: { storage: { device: "fixed", latency: "400ms", parallelism: 1 } } };
    const lazy = metric(run(slow), "tts");
    const profile = metric(run(merge(slow, { prefetch: { policy: "profile", options: { lead: 64 } } })), "tts");
    console.log(`(b) TTS with 400 ms secondary: lazy ${lazy.toFixed(2)} s, profile ${profile.toFixed(2)} s`);
    expect(profile).toBeLessThan(lazy - 1);
  }, 60_000);

  it("runRestoreReplication(oracle) is never slower than any online pre-stager", () => {
    const slow = { mediaAgents: { storage: { device: "fixed", latency: "400ms", parallelism: 1 } } };
    const oracle = metric(run(merge(slow, { prefetch: { policy: "oracle", options: { lead: 64 } } })), "tts");
    const online: Record<string, number> = {};
    for (const [policy, options] of [["none", {}], ["obl", {}], ["readahead", { maxWindow: 8 }], ["profile", { lead: 64 }], ["markov", {}]] as const) {
      online[policy] = metric(run(merge(slow, { prefetch: { policy, options } })), "tts");
    }
    console.log(`(c) TTS: oracle ${oracle.toFixed(3)} s; ${Object.entries(online).map(([k, v]) => `${k} ${v.toFixed(3)} s`).join(", ")}`);
    for (const tts of Object.values(online)) expect(oracle).toBeLessThanOrEqual(tts + 1e-9);
  }, 120_000);

  it("runRestoreReplication(unsafeSkipMirrorMarks) throws an InvariantError naming the block and time", () => {
    const broken = {
      writeArea: { location: "primary" },
      relocation: { start: "with-power-on", streams: 2 },
      mediaAgents: { storage: { device: "fixed", latency: "100ms", parallelism: 1 } },
      unsafeSkipMirrorMarks: true,
    };
    let error: unknown;
    try {
      run(broken);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvariantError);
    console.log(`(d) ${(error as Error).message}`);
    expect((error as Error).message).toMatch(/stale overwrite of block \d+ at t=\d+ ns/);
    expect(() => run({ ...broken, unsafeSkipMirrorMarks: false })).not.toThrow();
  }, 60_000);

  it("runRestoreReplication(small restore) has a pinned fingerprint", () => {
    const result = run({ relocation: { start: "with-power-on" }, prefetch: { policy: "profile" } });
    expect({ fingerprint: result.fingerprint, events: result.events, tts: metric(result, "tts") }).toMatchInlineSnapshot(`
      {
        "events": 28408,
        "fingerprint": "a2871e2d",
        "tts": 38.909248008,
      }
    `);
  }, 60_000);

  it("vms.resume sets rule 5's resume cost: 0us restores the small world in 38.656666260 s (its time before rule 5), the default in 38.909248008 s", () => {
    const overrides = { relocation: { start: "with-power-on" }, prefetch: { policy: "profile" } };
    expect(metric(run({ ...overrides, vms: { resume: "0us" } }), "tts")).toBe(38.65666626);
    expect(metric(run({ ...overrides, vms: { resume: "531us" } }), "tts")).toBe(38.909248008);
  }, 60_000);

  it("runRestoreReplication() of a world in partitions gives what one kernel running the whole world gives", () => {
    // 8 VMs, 4 media agents, 2 hosts: gcd(4, 2) = 2 partitions (even and odd VMs). Writes land in the
    // media agents' write areas, relocation runs after service ready, VMs start 0.5 s apart.
    const layout = {
      vms: { count: 8, startSpacing: "500ms", diskSize: "4GiB", allocated: "1GiB", service: { requests: 300, meanGap: "20ms", writeShare: 0.4, hotSetBytes: "512MiB" } },
      mediaAgents: { count: 4, fetchSlots: 8, cache: { size: "256MiB" } },
      hosts: { count: 2 },
      writeArea: { location: "mediaAgent" },
      prefetch: { policy: "profile", options: { lead: 16 } },
      relocation: { start: "after-service-ready", streams: 2, prestageWindow: 8 },
    };
    // 3 VMs on 5 media agents and 4 hosts: 3 partitions, plus idle agents 3, 4 and host 3 (they
    // count in the mean media-agent utilisation).
    const idle = { ...layout, vms: { ...layout.vms, count: 3 }, mediaAgents: { ...layout.mediaAgents, count: 5 }, hosts: { count: 4 } };
    for (const [shape, sharing] of [[layout, "fifo"], [layout, "max-min"], [idle, "fifo"]] as const) {
      const spec = restoreSchema.parse(merge(base, { ...shape, network: { sharing } }));
      const context = () => ({ replication: 0, streams: new RngStreams("1/0"), scenarioDir: __dirname });
      const partitioned = runRestoreReplication(spec, context());
      const world = buildRestoreWorld(spec, context());
      world.sim.run();
      const whole = mergeRestoreParts([restorePart(world)]);
      expect(partitioned.metrics.filter((m) => m.name !== "events")).toEqual(restoreMetrics(whole));
      expect(partitioned.tables).toEqual(restoreTables(whole));
      expect(metric(partitioned, "tts")).toBeGreaterThan(35);
      expect(partitioned.tables?.find((t) => t.name === "tts")?.rows).toHaveLength(shape.vms.count);
      // FIFO pipes schedule per link: the same events. Max-min re-rates every flow of the network
      // at each change, so the whole world may run more (no-op) rate events than its partitions.
      if (sharing === "fifo") expect(partitioned.events).toBe(world.sim.eventsExecuted);
      else expect(partitioned.events).toBeLessThanOrEqual(world.sim.eventsExecuted);
      console.log(`partitions (${shape.vms.count} VMs, ${sharing}): ${partitioned.events} events in partitions, ${world.sim.eventsExecuted} in one kernel; tts ${metric(partitioned, "tts").toFixed(6)} s`);
    }
  }, 120_000);
});
