import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../../src/kernel/rng.ts";
import { Simulation } from "../../../../src/kernel/simulation.ts";
import { Network } from "../../../../src/models/network/network.ts";
import { buildAgents, buildRestoreWorld, makePrefetcher } from "../../../../src/lab/kinds/restore/build.ts";
import { restoreSchema, type RestoreSpec } from "../../../../src/lab/kinds/restore/schema.ts";
import { CompositePrefetcher } from "../../../../src/policies/prefetch/composite.ts";
import { RelocationAware } from "../../../../src/policies/prefetch/relocation-aware.ts";
import { RelocationFirstPolicy } from "../../../../src/restore/read-tracking.ts";
import { InputError } from "../../../../src/util/errors.ts";
import { mergeRestoreParts, restoreMetrics, restorePart } from "../../../../src/lab/kinds/restore/results.ts";
import { openTrace } from "../../../../src/workloads/traces/open.ts";
import { traceWindow } from "../../../../src/workloads/traces/window.ts";

const MIB = 2 ** 20;
const GIB = 2 ** 30;

/** The small restore of test/lab/kinds/restore.test.ts (4 GiB disk, 1 MiB blocks, gboot1 boot), with `overrides` on top. */
function spec(overrides: Record<string, unknown> = {}): RestoreSpec {
  const base: Record<string, unknown> = {
    kind: "restore",
    chunkSize: "4MiB",
    timeline: { mountTime: "1s", registerTime: "1s", powerOnTime: "1s" },
    ...overrides,
    vms: {
      diskSize: "4GiB",
      blockSize: "1MiB",
      trace: "../../../../traces/gboot1.csv",
      serviceReady: "35724121us",
      profile: { traces: [{ file: "../../../../traces/gboot0.csv", serviceReady: "36524944us" }] },
      ...(overrides.vms as object | undefined),
    },
  };
  return restoreSchema.parse(base);
}

const context = () => ({ replication: 0, streams: new RngStreams("1/0"), scenarioDir: __dirname });

describe("buildRestoreWorld", () => {
  it("buildRestoreWorld(small restore, relocation with power-on) runs the pinned restore: TTS 38.909248008 s in 28,408 events, every block of the 4 GiB disk accounted for", () => {
    const world = buildRestoreWorld(spec({ relocation: { start: "with-power-on" }, prefetch: { policy: "profile" } }), context());
    world.sim.run();
    const [restore] = world.restores;
    // The numbers test/lab/kinds/restore.test.ts pins for runRestoreReplication of this scenario.
    expect(restore.parts.vm.timeTo("serviceReady")).toBe(38_909_248_008);
    expect(world.sim.eventsExecuted).toBe(28_408);
    // Blocks add up at switch-over: copied + zero-filled + marked by guest writes = the disk's 4,096 blocks.
    const copier = restore.copier;
    const io = restore.io;
    if (copier === null || io === null) throw new Error("no copier or guest I/O");
    const { copiedBlocks, zeroBlocks } = copier.stats;
    expect(copiedBlocks + zeroBlocks + io.stats.guestMarks + io.stats.copyOnReadMarks).toBe(4096);
    // Bytes are conserved: what the copier wrote is what relocation progress heard, the whole disk less the guest's blocks.
    expect(copier.bytesCopied).toBe(copiedBlocks * MIB);
    const heard = world.progress.state().reduce((sum, [, bytes]) => sum + bytes, 0);
    expect(heard).toBe(copier.bytesCopied);
    expect(heard + io.stats.guestMarks * MIB).toBe(4 * GIB);
    // Relocating from power-on (t = 3 s), the copier makes the VM independent before its boot is done.
    expect(restore.parts.vm.milestones.switchedOver).toBe(35_221_617_391);
  }, 60_000);

  it("buildRestoreWorld(5 VMs, 2 media agents, 3 hosts) puts VM i on agent i mod 2 and host i mod 3, its backup at ⌊i/2⌋ and its disk at ⌊i/3⌋ disk sizes", () => {
    const world = buildRestoreWorld(spec({ vms: { count: 5 }, mediaAgents: { count: 2 }, hosts: { count: 3 } }), context());
    expect([world.restores.length, world.vmIndices, world.agentIndices, world.hosts.length]).toEqual([5, [0, 1, 2, 3, 4], [0, 1], 3]);
    world.sim.run();
    const placement = world.restores.map((r, i) => ({
      agent: world.agents.findIndex((a) => a.service === r.parts.service),
      host: world.hosts.findIndex((h) => h.datastore === r.io?.target.primary),
      storageBase: r.parts.storageBase / (4 * GIB),
      primaryBase: (r.io?.target.primaryBase ?? -1) / (4 * GIB),
      // Write areas on the media agent (the default) sit at the backup's offset on the agent's write device.
      areaBase: (r.io?.target.writeArea.options.base ?? -1) / (4 * GIB),
      placedOn: world.hosts[i % 3].vms.includes(r.parts.vm),
    }));
    expect(placement).toEqual([
      { agent: 0, host: 0, storageBase: 0, primaryBase: 0, areaBase: 0, placedOn: true },
      { agent: 1, host: 1, storageBase: 0, primaryBase: 0, areaBase: 0, placedOn: true },
      { agent: 0, host: 2, storageBase: 1, primaryBase: 0, areaBase: 1, placedOn: true },
      { agent: 1, host: 0, storageBase: 1, primaryBase: 1, areaBase: 1, placedOn: true },
      { agent: 0, host: 1, storageBase: 2, primaryBase: 1, areaBase: 2, placedOn: true },
    ]);
    // A live mount (relocation never): no copier, every VM reaches service ready, its mount kept.
    expect(world.restores.map((r) => [r.copier, r.mount?.released, r.parts.vm.timeTo("serviceReady") !== undefined])).toEqual(Array(5).fill([null, false, true]));
  }, 60_000);

  it("buildRestoreWorld(spec, context, partition) builds only the partition's VMs, agents and hosts, under their global numbers", () => {
    const world = buildRestoreWorld(spec({ vms: { count: 4 }, mediaAgents: { count: 2 }, hosts: { count: 2 } }), context(), { vms: [1, 3], agents: [1], hosts: [1] });
    expect([world.vmIndices, world.agentIndices, world.restores.map((r) => r.parts.vm.name), world.hosts.map((h) => h.name)]).toEqual([[1, 3], [1], ["vms.vm1", "vms.vm3"], ["hosts.h1"]]);
    expect(world.restores.map((r) => r.parts.storageBase / (4 * GIB))).toEqual([0, 1]);
  });

  it("buildRestoreWorld() rejects a block size not dividing the chunk size, and a profile pre-stager without a profile, as InputErrors naming the field", () => {
    expect(() => buildRestoreWorld(spec({ vms: { blockSize: "3MiB" } }), context())).toThrow(new InputError("scenario", "model.vms.blockSize", `a size dividing model.chunkSize (${4 * MIB})`));
    expect(() => buildRestoreWorld(spec({ vms: { diskSize: "8MiB" } }), context())).toThrow(/model\.vms\.diskSize: at least the trace's extent/);
    const noProfile = spec({ prefetch: { policy: "profile" }, vms: { profile: { traces: [] } } });
    expect(() => buildRestoreWorld(noProfile, context())).toThrow(new InputError("scenario", "model.vms.profile", "profile traces or a profile file (the prefetch policy or relocation scheme needs a profile)"));
  });
});

describe("buildAgents", () => {
  it("buildAgents(spec, sim, network, context, [2, 0]) builds those media agents in that order, each cache of the configured size, relocation-first when asked", () => {
    const s = spec({ mediaAgents: { count: 3, cache: { size: "512MiB" } } });
    const sim = new Simulation();
    const agents = buildAgents(s, sim, new Network(sim), context(), [2, 0]);
    expect(agents.map((a) => [a.agent.name, a.tracker.cache.capacity, a.tracker.cache.policy instanceof RelocationFirstPolicy])).toEqual([
      ["mediaAgents.ma2", 512 * MIB, true],
      ["mediaAgents.ma0", 512 * MIB, true],
    ]);
    const plain = buildAgents(spec({ mediaAgents: { cache: { evictRelocatedFirst: false } } }), sim, new Network(sim), context());
    expect([plain.length, plain[0].tracker.cache.policy instanceof RelocationFirstPolicy, plain[0].service.options.chunkSize]).toEqual([1, false, 4 * MIB]);
  });
});

describe("makePrefetcher", () => {
  const order = () => [{ firstBlock: 0, blockCount: 4 }];

  it("makePrefetcher() is null for a lazy mount, the boot policy alone, relocation-aware alone, or both behind one composite", () => {
    expect(makePrefetcher(spec(), undefined, [], null)).toBeNull();
    const obl = makePrefetcher(spec({ prefetch: { policy: "obl" } }), undefined, [], null);
    expect(obl?.constructor.name).toBe("Obl");
    const window = { prestageWindow: 2 };
    expect(makePrefetcher(spec({ relocation: window }), undefined, [], order)).toBeInstanceOf(RelocationAware);
    const both = makePrefetcher(spec({ prefetch: { policy: "obl" }, relocation: window }), undefined, [], order);
    expect(both).toBeInstanceOf(CompositePrefetcher);
    expect((both as CompositePrefetcher).parts.map((p) => p.constructor.name)).toEqual(["Obl", "RelocationAware"]);
  });

  it("makePrefetcher() gives relocation-aware the scenario's pre-stage window: 2 chunks ahead of the copier from mount", () => {
    const fetched: [number, number, string][] = [];
    const prefetcher = makePrefetcher(spec({ relocation: { prestageWindow: 2 } }), undefined, [], order);
    prefetcher?.onStart?.(0, (first, count, ioClass) => fetched.push([first, count, ioClass]));
    expect(fetched).toEqual([[0, 2, "relocation"]]);
  });
});

describe("buildRestoreWorld with a trace-driven service phase", () => {
  // The first 4 s of the CloudPhysics trace's heaviest burst (its first read is at 1,768.36 s), on the 4 GiB disk modulo its size.
  const WINDOW = { trace: "../../../../traces/cloudPhysicsIO.vscsi", from: "1768s", duration: "4s" };
  const relocating = (service?: object) => spec({ relocation: { start: "after-service-ready", streams: 2 }, vms: service === undefined ? {} : { service } });
  // Each world runs once, shared by the tests below (about 1.5 s each).
  const worlds = new Map<string, ReturnType<typeof buildRestoreWorld>>();
  const run = (name: "service" | "boot only" | "no relocation") => {
    let world = worlds.get(name);
    if (world === undefined) {
      world = buildRestoreWorld(name === "service" ? relocating(WINDOW) : name === "boot only" ? relocating() : spec({ vms: { service: WINDOW } }), context());
      world.sim.run();
      worlds.set(name, world);
    }
    return world;
  };
  const metrics = (name: "service" | "boot only" | "no relocation") => Object.fromEntries(restoreMetrics(mergeRestoreParts([restorePart(run(name))])).map((m) => [m.name, m.value]));

  it("buildRestoreWorld(CloudPhysics window) issues exactly the window's requests at their recorded gaps from service ready: count, ops and bytes", () => {
    const window = traceWindow([...openTrace("traces/cloudPhysicsIO.vscsi", "vscsi")], { fromUs: 1768e6, durationUs: 4e6 });
    const reads = window.filter((r) => r.op === "R");
    const writes = window.filter((r) => r.op === "W");
    const bytes = (rs: typeof window) => rs.reduce((sum, r) => sum + r.length, 0);
    // The totals of those 4 s, from the file.
    expect([window.length, reads.length, bytes(reads), writes.length, bytes(writes)]).toEqual([1237, 366, 23_678_976, 871, 27_578_880]);
    const phase = run("service").restores[0].servicePhase;
    if (phase === null) throw new Error("no service phase");
    expect([phase.issued, phase.completed]).toEqual([1237, 1237]);
    // The guest's I/O beyond its boot is the window's: reads, writes and their bytes.
    const [a, b] = [run("service").restores[0].io?.stats, run("boot only").restores[0].io?.stats];
    if (a === undefined || b === undefined) throw new Error("no guest I/O");
    expect([a.reads - b.reads, a.bytesRead - b.bytesRead, a.writes - b.writes, a.bytesWritten - b.bytesWritten]).toEqual([366, 23_678_976, 871, 27_578_880]);
    // Open loop (the trace has no latencies): request i is issued (t_i − t_0) after the first, to the ns, whatever the media agent did.
    const first = window[0].timeUs;
    expect(window.every((r, i) => phase.issueNs(i) === (r.timeUs - first) * 1000)).toBe(true);
    expect(phase.issueNs(1236)).toBe(3_670_869_000); // the window's last request, 3.67 s after its first
  }, 30_000);

  it("buildRestoreWorld(CloudPhysics window) pins what relocation does to it: service-phase demand p99 131.4 ms while relocating vs 57.5 ms without relocation; independence 0.104 s later than with no service phase", () => {
    const withService = metrics("service");
    const bootOnly = metrics("boot only");
    const floor = metrics("no relocation");
    // Without a service phase, no demand read happens during relocation (the boot is over).
    expect([bootOnly.timeToIndependence, bootOnly["demandLatencyP99.duringRelocation"]]).toEqual([73.859610625, undefined]);
    expect(withService.timeToIndependence).toBe(73.963603183);
    expect(withService["demandLatencyP99.duringRelocation"]).toBeCloseTo(131.42175, 5);
    expect(floor["demandLatencyP99.afterServiceReady"]).toBeCloseTo(57.54310, 5);
    expect(floor.timeToIndependence).toBeUndefined();
    // Open loop: nothing inferred, no service window milestone and no band.
    expect(withService.serviceWindow).toBeUndefined();
  }, 30_000);
  it("buildRestoreWorld(trace with latencies) keeps the recorded think times: each service request is issued its think after the completion it waits for, to the ns; the window's end carries its model band", () => {
    // Hand-checkable: 1 thread, no resume cost: request 1 thinks 900 µs after request 0, the write 400 µs and the last read 3,900 µs after request 1.
    const dataDir = mkdtempSync(join(tmpdir(), "rtolab-service-"));
    writeFileSync(join(dataDir, "tiny.csv"), "t_us,op,offset,length,latency_us\n0,R,0,4096,100\n1000,R,8192,4096,100\n1500,W,4096,512,50\n5000,R,1048576,65536,200\n");
    const world = buildRestoreWorld(spec({ vms: { service: { trace: join(dataDir, "tiny.csv"), threads: 1, resume: "0us" } } }), { ...context(), dataDir });
    world.sim.run();
    const phase = world.restores[0].servicePhase;
    if (phase === null) throw new Error("no service phase");
    const gap = (from: number, to: number) => (phase.issueNs(to) ?? Number.NaN) - (phase.completionNs(from) ?? Number.NaN);
    expect([phase.issueNs(0), gap(0, 1), gap(1, 2), gap(1, 3), phase.completed]).toEqual([0, 900_000, 400_000, 3_900_000, 4]);
    // Served by the restore, not at the recorded latencies: the reads went to the media agent or its cache.
    expect(phase.completionNs(0)).not.toBe(100_000);
    // The closed-loop window's end (`serviceEnd`, the trace's last completion at 5,200 µs, mapped by the replay model) and its model band.
    const window = restorePart(world).vms[0];
    // With 1 thread the end waits for the latest completion (request 3's) and thinks 0: it is request 3's completion here.
    expect([window.serviceWindowNs, phase.completionNs(3)]).toEqual([5_330_535, 5_330_535]);
    expect(window.serviceWindowBandNs).toEqual({ lower: 5_303_981, upper: 5_330_535 });
    expect(restoreMetrics(mergeRestoreParts([restorePart(world)])).find((m) => m.name === "serviceWindow")).toMatchObject({ value: 0.005330535, lower: 0.005303981, upper: 0.005330535 });

  }, 30_000);
});
