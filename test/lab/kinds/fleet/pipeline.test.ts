import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../../src/kernel/rng.ts";
import { buildRestoreWorld } from "../../../../src/lab/kinds/restore/build.ts";
import { restorePart } from "../../../../src/lab/kinds/restore/results.ts";
import { generateEstate } from "../../../../src/fleet/estate.ts";
import { pipelineBoots } from "../../../../src/lab/kinds/fleet/pipeline-spec.ts";
import { fleetPipelineOptions } from "../../../../src/lab/kinds/fleet/pipeline.ts";
import type { FleetPipelineModel } from "../../../../src/lab/kinds/fleet/schema.ts";
import { fleetModel, LAZY, OBJECT_STORE, restoreSpec, runPipelineFleet, scenarioDir } from "../../../fleet/pipeline-toy.ts";

function metric(metrics: readonly { name: string; value: number }[], name: string): number | undefined {
  return metrics.find((m) => m.name === name)?.value;
}

describe("fleetPipeline", () => {
  it("fleetPipeline(): a 1-VM fleet pipeline restore has the TTS of the matching kind: restore scenario, to the ns", () => {
    const world = buildRestoreWorld(restoreSpec(), { replication: 0, streams: new RngStreams("1/0"), scenarioDir });
    world.sim.run();
    const expected = world.restores[0].parts.vm.timeTo("serviceReady");
    const [phase] = runPipelineFleet(fleetModel()).phases;
    const task = phase.tasks[0];
    // The VSA is free at t = 0, so the restore request and the attempt start coincide.
    expect(task.firstStart).toBe(0);
    expect(task.completedAt).toBe(expected);
    // Pinned: mount 5 s + register 2 s + power-on 1 s + a 36.887 s boot (the trace took 35.724 s):
    // profile pre-staging serves every read from the media agent's cache, but each of the boot
    // loader's 2,835 serial reads still waits for its round trip (docs/replay.md, rule 1).
    expect(expected).toBe(8e9 + 36_886_979_391);
  });

  it("fleetPipeline(): a lazy mount from an object store, where the reads decide, agrees with kind: restore to the ns", () => {
    const world = buildRestoreWorld(restoreSpec(LAZY, OBJECT_STORE), { replication: 0, streams: new RngStreams("1/0"), scenarioDir });
    world.sim.run();
    const expected = world.restores[0].parts.vm.timeTo("serviceReady") as number;
    const [phase] = runPipelineFleet(fleetModel({ prefetch: LAZY, storage: OBJECT_STORE })).phases;
    expect(phase.tasks[0].completedAt).toBe(expected);
    // Every first read of a chunk waits ~100 ms for the object store: the boot is stretched.
    expect(expected).toBeGreaterThan(8e9 + 35_724_121_000 + 5e9);
    expect(expected).toBe(56_228_572_710);
  });

  it("fleetPipeline(): a 1-VM fleet full restore (copy, then boot) has the TTS of kind: restore with relocation before-power-on, to the ns", () => {
    const world = buildRestoreWorld(restoreSpec(undefined, undefined, { start: "before-power-on" }), { replication: 0, streams: new RngStreams("1/0"), scenarioDir });
    world.sim.run();
    const restore = world.restores[0];
    const expected = restore.parts.vm.timeTo("serviceReady");
    const [phase] = runPipelineFleet(fleetModel({ full: {} })).phases;
    const task = phase.tasks[0];
    expect(task.kind).toBe("restore-full");
    expect(task.firstStart).toBe(0);
    expect(task.completedAt).toBe(expected);
    // Pinned: mount 5 s, the whole 16 GiB disk copied (sequential, 4 streams; the dedup store's
    // HDD decides: 132.663701932 s), register 2 s + power-on 1 s, the boot from primary 35.774589320 s
    // (the datastore's SSD with rule 5's resume cost: 0.14% longer than the trace's 35.724 s, as vm-boot.test.ts's local SSD).
    expect(restore.copier?.finishedAt).toBe(137_663_701_932);
    expect(expected).toBe(137_663_701_932 + 3e9 + 35_774_589_320);
    expect(metric(phase.metrics, "restore.bytes")).toBe(16);
    expect(metric(phase.metrics, "restore.fromSecondary")).toBe(16);
  });

  it("fleetPipeline(): attempts report their boot's progress: a live mount observed every 1,000 events runs the same events, its line rising with them to 1", () => {
    const model = fleetModel();
    const fractions: number[] = [];
    const watched = runPipelineFleet(model, { onProgress: (f) => fractions.push(f), progressEvery: 1_000 });
    const plain = runPipelineFleet(model);
    expect([watched.fingerprint, watched.events]).toEqual([plain.fingerprint, plain.events]);
    expect(watched.metrics).toEqual(plain.metrics);
    expect(watched.phases[0].tasks[0].live?.attempt.progress()).toBe(1);
    // The boot's requests completed over its plan's count: each request is a few events (issue,
    // chunk read, completion), so the line tracks the events' share to within 5 points.
    expect(fractions).toHaveLength(Math.floor(plain.events / 1_000) + 1);
    fractions.slice(0, -1).forEach((f, i) => expect(Math.abs(f - (1_000 * (i + 1)) / plain.events)).toBeLessThan(0.05));
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(fractions.at(-1)).toBe(1);
  });

  it("fleetPipelineOptions().restoreEvents(vm) estimates a restore's events within 15% of the pipeline's: 4.5 per boot request, 6 per chunk a full restore copies", () => {
    const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir };
    for (const model of [fleetModel(), fleetModel({ full: {}, diskSize: "2GiB" })]) {
      const { restoreEvents } = fleetPipelineOptions(model, model.restore!.pipeline!, context);
      const vm = generateEstate(model, new RngStreams("1/0")).vms[0];
      const boot = pipelineBoots(model, model.restore!.pipeline!, scenarioDir)(vm);
      const copied = model.restore?.mode === "full" ? (2 * 2 ** 30) / (4 * 2 ** 20) : 0;
      expect(restoreEvents(vm)).toBe(4.5 * boot.requests + 6 * copied);
      expect(Math.abs(restoreEvents(vm) / runPipelineFleet(model).events - 1)).toBeLessThan(0.15);
    }
  });

  it("fleetPipeline(): a full restore's line counts its copy, and holds still when a media agent fails and the copy starts again", () => {
    const failures = [{ phase: "restore", at: "10s", target: "mediaAgent", index: 0 }];
    const model = fleetModel({ full: {}, mediaAgents: 2, diskSize: "2GiB", failures });
    const fractions: number[] = [];
    const watched = runPipelineFleet(model, { onProgress: (f) => fractions.push(f), progressEvery: 1_000 });
    const plain = runPipelineFleet(model);
    expect([watched.fingerprint, watched.events]).toEqual([plain.fingerprint, plain.events]);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    // The first attempt copied ~5% by 10 s; its restart from scratch holds the line there for a pulse.
    expect(fractions[0]).toBeGreaterThan(0);
    expect(fractions[1]).toBe(fractions[0]);
    expect(fractions.filter((f) => f > 0 && f < 1).length).toBeGreaterThan(15);
    expect(fractions.at(-1)).toBe(1);
  });

  it("fleetPipeline(): a media agent failing mid-copy restarts the full restore from scratch on the other, none lost, bytes conserved", () => {
    const failures = [{ phase: "restore", at: "60s", target: "mediaAgent", index: 0 }];
    const [phase] = runPipelineFleet(fleetModel({ full: {}, mediaAgents: 2, failures })).phases;
    const task = phase.tasks[0];
    // Started, aborted at 60 s, started again on ma1: completed exactly once (runPhase checks none is lost).
    expect([task.attempt, task.completions, task.live?.ma.id]).toEqual([3, 1, "ma1"]);
    // 60 s lost, then a whole new restore (mount, copy, boot) from ma1, whose storage draws its own stream.
    expect(task.completedAt).toBe(237_450_650_925);
    // The final attempt moved the whole disk; the aborted one's 1,676 chunks of 4 MiB are wasted.
    expect(task.live?.transport.sent).toBe(16 * 2 ** 30);
    expect(metric(phase.metrics, "restore.bytes")).toBe(16);
    expect(metric(phase.metrics, "restore.wasted")).toBe((1676 * 4) / 1024);
    expect(metric(phase.metrics, "restore.tasksReassigned")).toBe(1);
  });

  it("fleetPipeline(): a full restore of a VM with two 8 GiB disks copies both, the 16 GiB balancing sees, in exactly the time of one 16 GiB disk", () => {
    const [phase] = runPipelineFleet(fleetModel({ full: {}, disks: 2, diskSize: "8GiB" })).phases;
    const task = phase.tasks[0];
    expect(task.bytes).toBe(16 * 2 ** 30);
    // Every block of both disks crossed to the datastore (sequential copies even never-written blocks).
    expect(task.live?.transport.sent).toBe(16 * 2 ** 30);
    expect(metric(phase.metrics, "restore.bytes")).toBe(16);
    expect(metric(phase.metrics, "restore.fromSecondary")).toBe(16);
    // Laid end to end, the disks are the single 16 GiB disk of the test above: the same TTS to the ns.
    expect(task.completedAt).toBe(176_438_291_252);
    // The first disk alone (what a full restore used to copy) takes 65.7 s less.
    const [alone] = runPipelineFleet(fleetModel({ full: {}, diskSize: "8GiB" })).phases;
    expect(alone.tasks[0].live?.transport.sent).toBe(8 * 2 ** 30);
    expect(alone.tasks[0].completedAt).toBe(110_689_483_177);
  });

  it("fleetPipeline(): allocated-extents copies each disk's allocated extent and zero-fills the rest, on every disk", () => {
    const full = { relocation: { scheme: "allocated-extents" } };
    const [phase] = runPipelineFleet(fleetModel({ full, disks: 2, diskSize: "8GiB", allocated: "2GiB" })).phases;
    const task = phase.tasks[0];
    // Disk 0: the boot trace's 3 GiB extent (more than 2 GiB allocated); disk 1: its 2 GiB. The
    // other 11 GiB are never-written zeros, marked without a read (vm-disks.test.ts counts them).
    expect(task.live?.transport.sent).toBe(5 * 2 ** 30);
    expect(metric(phase.metrics, "restore.fromSecondary")).toBe(5);
    expect(task.completedAt).toBe(86_949_660_974);
    const [alone] = runPipelineFleet(fleetModel({ full, diskSize: "8GiB", allocated: "2GiB" })).phases;
    expect(alone.tasks[0].live?.transport.sent).toBe(3 * 2 ** 30);
    expect(alone.tasks[0].completedAt).toBe(69_554_419_906);
  });

  it("fleetPipeline(): a media agent failing mid-copy of a 2-disk VM restarts the copy of both disks on the other, bytes conserved", () => {
    const failures = [{ phase: "restore", at: "60s", target: "mediaAgent", index: 0 }];
    const [phase] = runPipelineFleet(fleetModel({ full: {}, disks: 2, mediaAgents: 2, failures })).phases;
    const task = phase.tasks[0];
    expect([task.attempt, task.completions, task.live?.ma.id]).toEqual([3, 1, "ma1"]);
    // The final attempt moved both 16 GiB disks; the aborted one had copied the same 1,676 chunks
    // of disk 0 as the 1-disk VM above (runPhase checked sent = credited + wasted).
    expect(task.live?.transport.sent).toBe(32 * 2 ** 30);
    expect(metric(phase.metrics, "restore.bytes")).toBe(32);
    expect(metric(phase.metrics, "restore.wasted")).toBe((1676 * 4) / 1024);
    expect(task.completedAt).toBe(367_447_811_422);
  });
});

const MIN = 60e9;

describe("fleet pipeline model band", () => {
  it("fleetPipeline(): 4 lazy clones of one template sharing every chunk fetch a quarter of the chunks of 4 unrelated VMs; 4 templates, one clone each, share nothing", () => {
    const fetched = (templates?: Record<string, { count?: number; sharedFraction: number }>) => {
      const { metrics } = runPipelineFleet(fleetModel({ vms: 4, prefetch: LAZY, templates }));
      return { gib: metric(metrics, "restore.fromSecondary") as number, hits: metric(metrics, "restore.maHitRatio") as number };
    };
    const own = fetched();
    // The 4 VMs replay one trace: the same chunks. Shared, each is fetched once instead of 4 times
    // (2 GiB of cache holds them all; a concurrent read joins the fetch in flight).
    const one = fetched({ t: { sharedFraction: 1 } });
    expect(one.gib).toBe(own.gib / 4);
    // Not a higher hit ratio: booting in lockstep, a clone's read mostly joins the fetch another
    // clone started (a wait, counted as a miss), rather than finding the chunk cached.
    expect(one.hits).toBeCloseTo(own.hits, 3);
    // Bytes, not timing: a template's chunks lie elsewhere on the disk than the VM's own would.
    expect(fetched({ t: { count: 4, sharedFraction: 1 } }).gib).toBe(own.gib);
    const half = fetched({ t: { sharedFraction: 0.5 } });
    expect(half.gib).toBeGreaterThan(one.gib);
    expect(half.gib).toBeLessThan(own.gib);
  });

  it("fleetPipeline(): vms.scale 3.7 replays the boot with 3.7× the bytes per request: the predicted read bytes scale by 3.7 (plus sector rounding), the chunks fetched by more than 2", () => {
    const run = (scale?: number) => {
      const model = fleetModel({ vms: 1, prefetch: LAZY, scale });
      const { metrics } = runPipelineFleet(model);
      return { fetched: metric(metrics, "restore.fromSecondary") as number, tts: metric(metrics, "tts.p95") as number };
    };
    const boots = (scale?: number) => {
      const model = fleetModel({ vms: 1, prefetch: LAZY, scale });
      return pipelineBoots(model, model.restore?.pipeline as FleetPipelineModel, scenarioDir);
    };
    const vm = generateEstate(fleetModel(), new RngStreams("1/0")).vms[0];
    const ratio = boots(3.7)(vm).readBytes / boots()(vm).readBytes;
    expect(ratio).toBeGreaterThanOrEqual(3.7);
    expect(ratio).toBeLessThan(3.75);
    const [plain, scaled] = [run(), run(3.7)];
    // Chunks: 0.344 → 0.824 GiB measured (2.4×): a scaled read often stays in a chunk its neighbour already brought.
    expect(scaled.fetched / plain.fetched).toBeGreaterThan(2);
    expect(scaled.tts).toBeGreaterThan(plain.tts);
  });

  it("fleetPipeline(): templates naming a type the estate lacks is refused with the field path", () => {
    expect(() => runPipelineFleet(fleetModel({ templates: { sql: { sharedFraction: 0.5 } } }))).toThrow("scenario: model.restore.pipeline.templates.sql: a host type of the estate (t)");
  });

  it("fleetPipeline(): a 1-VM restore's tts percentiles carry the restore kind's TTS band, to the ns", () => {
    const world = buildRestoreWorld(restoreSpec(), { replication: 0, streams: new RngStreams("1/0"), scenarioDir });
    world.sim.run();
    const band = restorePart(world).vms[0].ttsBandNs;
    if (band === undefined) throw new Error("the restore kind gave no band");
    expect(band.upper).toBeGreaterThan(band.lower);
    const [phase] = runPipelineFleet(fleetModel()).phases;
    const attempt = phase.tasks[0].live?.attempt;
    expect(attempt?.serviceReadyBandNs?.()).toEqual(band);
    for (const name of ["tts.p50", "tts.p95", "tts.p99", "tts.max"]) {
      const m = phase.metrics.find((candidate) => candidate.name === name);
      expect([m?.lower, m?.upper]).toEqual([band.lower / MIN, band.upper / MIN]);
      expect(m?.lower).toBeLessThanOrEqual(m?.value as number);
      expect(m?.upper).toBeGreaterThanOrEqual(m?.value as number);
    }
    expect(phase.metrics.find((m) => m.name === "restore.makespan")).not.toHaveProperty("lower");
  });

  it("fleetPipeline(): a full restore (copy, then boot) is banded around its own service ready", () => {
    const [phase] = runPipelineFleet(fleetModel({ full: {} })).phases;
    const task = phase.tasks[0];
    const band = task.live?.attempt.serviceReadyBandNs?.();
    expect(band?.lower).toBeLessThanOrEqual(task.completedAt);
    expect(band?.upper).toBeGreaterThanOrEqual(task.completedAt);
    const p50 = phase.metrics.find((m) => m.name === "tts.p50");
    expect([p50?.lower, p50?.upper]).toEqual([(band?.lower as number) / MIN, (band?.upper as number) / MIN]);
  });
  it("fleetPipeline(): a 1-VM restore with a trace-driven service phase (a CloudPhysics window) agrees with kind: restore: TTS to the ns, every boot and service request completed, demand latency p99 over both phases", () => {
    // The first 4 s of the CloudPhysics trace's heaviest burst, replayed open loop after service ready.
    const service = { trace: "../../traces/cloudPhysicsIO.vscsi", from: "1768s", duration: "4s" };
    const world = buildRestoreWorld(restoreSpec(undefined, undefined, undefined, { service }), { replication: 0, streams: new RngStreams("1/0"), scenarioDir });
    world.sim.run();
    const restore = world.restores[0];
    const [phase] = runPipelineFleet(fleetModel({ service })).phases;
    const attempt = phase.tasks[0].live?.attempt;
    // The VSA's task ends at service ready; the guest keeps reading through the media agent after it.
    expect(phase.tasks[0].completedAt).toBe(restore.parts.vm.timeTo("serviceReady"));
    expect([restore.servicePhase?.completed, attempt?.completed, attempt?.finished]).toEqual([1237, (restore.boot?.completed ?? 0) + 1237, true]);
    expect(metric(phase.metrics, "restore.demandLatency.p99")).toBe(world.latencies.overall.percentile(0.99) / 1e6);
    // The window's 366 reads add to the boot's: the p99 moves from the boot-only restore's.
    const [bootOnly] = runPipelineFleet(fleetModel()).phases;
    expect(metric(phase.metrics, "restore.demandLatency.p99")).not.toBe(metric(bootOnly.metrics, "restore.demandLatency.p99"));
  }, 30_000);

  it("fleetPipeline(): a service trace window that holds no request is refused under the fleet's field path", () => {
    expect(() => runPipelineFleet(fleetModel({ service: { trace: "../../traces/cloudPhysicsIO.vscsi", from: "999999s" } }))).toThrow(/model\.restore\.pipeline\.vms\.service\.trace: requests issued in the window from 999999 s/);
  });
});
