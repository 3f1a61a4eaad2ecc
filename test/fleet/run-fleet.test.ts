import { describe, expect, it } from "vitest";
import { generateEstate } from "../../src/fleet/estate.ts";
import { runPhase } from "../../src/fleet/phase.ts";
import { checkFleetSpec, runFleet } from "../../src/fleet/run-fleet.ts";
import { RngStreams } from "../../src/kernel/rng.ts";
import { metric, toySpec } from "./toy.ts";

const restore = { vms: 2, mode: "full" as const, mountTime: 0, serviceReady: 0 };

describe("runFleet", () => {
  it("checkFleetSpec() refuses no job, a failure naming a missing component, and failures leaving none", () => {
    expect(() => checkFleetSpec(toySpec({ backup: undefined }), "x.yaml")).toThrow("x.yaml: model: a backup or a restore job (or both)");
    expect(() => checkFleetSpec(toySpec({ failures: [{ phase: "backup", at: 1e9, target: "mediaAgent", index: 1 }] }), "x.yaml")).toThrow("x.yaml: model.failures[0].index: an index below the 1 media agents");
    expect(() => checkFleetSpec(toySpec({ failures: [{ phase: "backup", at: 1e9, target: "vsa", index: 0 }] }), "x.yaml")).toThrow("x.yaml: model.failures: at least one VSA that survives the backup");
    // A VSA the coordinator may create survives: no error.
    expect(() => checkFleetSpec(toySpec({ failures: [{ phase: "backup", at: 1e9, target: "vsa", index: 0 }], create: { mode: "combined", max: 1, time: 60e9, deadline: 8 * 3600e9 } }))).not.toThrow();
    // One failure per phase leaves the other phase's agent alone.
    const twoMas = { ...toySpec().mediaAgents, count: 2 };
    expect(() => checkFleetSpec(toySpec({ mediaAgents: twoMas, failures: [{ phase: "backup", at: 1e9, target: "mediaAgent", index: 0 }, { phase: "restore", at: 1e9, target: "mediaAgent", index: 1 }] }))).not.toThrow();
  });

  it("runFleet() runs backup then restore on one estate and joins their metrics, fingerprints and events", () => {
    const spec = toySpec({ restore });
    const result = runFleet(spec, new RngStreams("1/0"));
    const estate = generateEstate(spec, new RngStreams("1/0"));
    const backup = runPhase(spec, estate, "backup", new RngStreams("1/0"));
    const restored = runPhase(spec, estate, "restore", new RngStreams("1/0"));
    expect(result.phases.map((p) => p.metrics)).toEqual([backup.metrics, restored.metrics]);
    expect(result.metrics).toEqual([...backup.metrics, ...restored.metrics]);
    expect(result.fingerprint).toBe(backup.fingerprint + restored.fingerprint);
    expect(result.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(result.events).toBe(backup.events + restored.events);
    expect(result.tables).toEqual([{ name: "utilisation", rows: [...backup.utilisation, ...restored.utilisation] }]);
    expect(metric(result.metrics, "backup.tasks")).toBe(4);
    expect(metric(result.metrics, "restore.tasks")).toBe(2);
  });

  it("runFleet(spec, streams, { onProgress }) executes the same events and reports each phase's bytes moved, the phases weighed by their estimated events", () => {
    // Backup: 4 tasks of 1 GB; full restore: 2 VMs of 10 GB; chunks of 100 MB, so the bytes
    // moved go up a chunk at a time: 1/40 of the backup, 1/200 of the restore. Estimated events
    // (3 per task, 3 per chunk): backup 4 × 33 = 132, restore 2 × 303 = 606, so the backup has
    // 132/738 of the line.
    const spec = toySpec({ restore, chunk: 1e8 });
    const backupShare = 132 / 738;
    const fractions: number[] = [];
    const watched = runFleet(spec, new RngStreams("1/0"), { onProgress: (f) => fractions.push(f), progressEvery: 3 });
    const plain = runFleet(spec, new RngStreams("1/0"));
    expect([watched.fingerprint, watched.events]).toEqual([plain.fingerprint, plain.events]);
    expect(watched.metrics).toEqual(plain.metrics);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toContain(backupShare); // the backup's end
    const backup = fractions.filter((f) => f < backupShare);
    const restoring = fractions.filter((f) => f > backupShare && f < 1);
    // A pulse every 3 of the 760 events: the line moves all along both phases, not only at their ends.
    expect(backup.length).toBeGreaterThan(15);
    expect(restoring.length).toBeGreaterThan(100);
    const whole = (x: number) => Math.abs(x - Math.round(x)) < 1e-6;
    expect(backup.every((f) => whole((f / backupShare) * 40))).toBe(true);
    expect(restoring.every((f) => whole(((f - backupShare) / (1 - backupShare)) * 200))).toBe(true);
  });

  it("runFleet() with only a restore job runs one phase", () => {
    const result = runFleet(toySpec({ backup: undefined, restore }), new RngStreams("1/0"));
    expect(result.phases).toHaveLength(1);
    expect(result.fingerprint).toMatch(/^[0-9a-f]{8}$/);
    expect(result.metrics.some((m) => m.name === "backupWindow")).toBe(false);
    expect(metric(result.metrics, "restore.tasks")).toBe(2);
  });

  // Two sites: the VMs at "dr", their backups on the media agents at "vault", 1 GB per VM, one VSA at dr.
  const drSites = [
    { name: "dr", datacenters: 1, subnets: 1, datastores: 1, hosts: [{ type: "t", count: 1, vms: 4 }] },
    { name: "vault", datacenters: 1, subnets: 1, datastores: 1, hosts: [{ type: "t", count: 1, vms: 1 }] },
  ];
  const dr = (wanLatency: number) => toySpec({
    backup: undefined,
    vms: { ...toySpec().vms, diskSize: { distribution: "constant", value: 1e9 } },
    mediaAgents: { count: 2, nic: 1.25e9, ingest: 1e9, read: 1e9, site: "vault" },
    network: { wan: 5e7, wanLatency, lanLatency: 0 },
    restore: { vms: 2, mode: "full", mountTime: 0, serviceReady: 0, site: "dr" },
  }, drSites);

  it("mediaAgents.site: every media agent at the vault, so two full restores at dr share its 50 MB/s WAN link: 2 GB / 50 MB/s = 40 s, plus one WAN latency per 1 GiB chunk", () => {
    const run = (latency: number) => runFleet(dr(latency), new RngStreams("1/0")).metrics;
    const flat = run(0);
    expect(metric(flat, "tts.max")).toBeCloseTo(40 / 60, 9); // the VSA's 2 x 100 MB/s streams and 200 MB/s are wider than the WAN
    expect(metric(flat, "restore.wanUtilisation")).toBeCloseTo(1, 9);
    expect(metric(flat, "restore.crossSite")).toBeCloseTo(2e9 / 2 ** 30, 9);
    // 20 ms each way: each VM's 1 GB is one chunk of up to 1 GiB, so 40 s plus one 20 ms crossing.
    expect(metric(run(20e6), "tts.max") * 60).toBeCloseTo(40.02, 6);
  });

  it("checkFleetSpec() refuses a media-agent or restore site that is not a site", () => {
    expect(() => checkFleetSpec(dr(0), "x.yaml")).not.toThrow();
    expect(() => checkFleetSpec({ ...dr(0), mediaAgents: { ...dr(0).mediaAgents, site: "moon" } }, "x.yaml")).toThrow("x.yaml: model.mediaAgents.site: a site of model.sites (dr, vault)");
    expect(() => checkFleetSpec({ ...dr(0), restore: { vms: 1, mode: "full", mountTime: 0, serviceReady: 0, site: "moon" } }, "x.yaml")).toThrow("x.yaml: model.restore.site: a site of model.sites (dr, vault)");
  });
});
