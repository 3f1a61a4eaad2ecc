import { describe, expect, it } from "vitest";
import type { VmMilestone } from "../../src/models/hosts/vm.ts";
import { relocationSchemes } from "../../src/policies/relocation/index.ts";
import type { RelocationContext } from "../../src/policies/relocation/types.ts";
import { assembleRestoreVm, type AssembleRestoreVmOptions, type RestoreVmRelocation } from "../../src/restore/assemble.ts";
import type { RelocationStart } from "../../src/restore/data-agent.ts";
import type { ByteExtent } from "../../src/restore/copy-target.ts";
import { inferReplayPlan } from "../../src/workloads/replay/plan.ts";
import { BLOCK, CHUNK, MS, chunksOf, toyWorld, type Toy } from "./toy.ts";

// The toy world and timeline of data-agent.test.ts (mount 5 ms, register 2 ms, power-on 1 ms; one
// 4 KiB boot read of block 0, service ready 900 µs after it; 16 blocks in 4 chunks), so the
// assembled restore must reproduce the numbers pinned there for the hand-wired one.
// Rule 5 (the guest's resume cost, docs/replay.md) off: the milestones below are the pipeline's, worked out by hand.
const BOOT = inferReplayPlan([{ timeUs: 0, op: "R", offset: 0, length: BLOCK, latencyUs: 100 }], { resumeUs: 0 });
const THINK = 900_000;
const PER_CHUNK_COPY = MS + 26_384 + 100_000;
const DISK = 16 * BLOCK;

interface Assembly {
  toy: Toy;
  heard: [VmMilestone, number][];
  progress: number[];
  assembled: ReturnType<typeof assembleRestoreVm>;
}

function assemble(start: RelocationStart, extra: Partial<AssembleRestoreVmOptions> = {}, scheme = "sequential", allocated?: ByteExtent[], context: RelocationContext = { blockCount: DISK / CHUNK }): Assembly {
  const toy = toyWorld({ mount: false });
  const heard: [VmMilestone, number][] = [];
  const progress: number[] = [];
  const relocation: RestoreVmRelocation | null =
    start === "never"
      ? null
      : {
          start,
          scheme: relocationSchemes.get(scheme).create({}),
          context,
          copier: { streams: 1, rateLimit: 0, readClass: "relocation" },
          onProgress: (bytes) => progress.push(bytes),
        };
  const assembled = assembleRestoreVm({
    sim: toy.sim,
    name: "vm",
    diskSize: DISK,
    blockSize: BLOCK,
    chunkSize: CHUNK,
    host: toy.host,
    onMilestone: (milestone, at) => heard.push([milestone, at]),
    service: toy.service,
    storageBase: 0,
    primary: toy.primary,
    primaryBase: 0,
    writeArea: { location: "mediaAgent", device: toy.areaDevice },
    transport: toy.transport,
    toHost: toy.path,
    toMediaAgent: [toy.host.nic.tx, toy.agent.nic.rx],
    prefetcher: null,
    workload: { boot: BOOT, serviceReadyUs: 1000 },
    timeline: { mountTime: 5 * MS, registerTime: 2 * MS, powerOnTime: MS },
    latencies: toy.latencies,
    allocated,
    relocation,
    ...extra,
  });
  return { toy, heard, progress, assembled };
}

describe("assembleRestoreVm", () => {
  it("assembleRestoreVm(relocation after service ready) gives the hand-wired restore's milestones to the ns: TTS 9 914 096, switch-over 13 429 632", () => {
    const { toy, heard, progress, assembled } = assemble("after-service-ready");
    assembled.restore.start();
    toy.sim.run();
    const { vm, restore } = assembled;
    expect(vm.milestones).toEqual({ recoveryStarted: 0, poweredOn: 8 * MS, serviceReady: 9_914_096, switchedOver: 13_429_632 });
    // The hook heard every milestone once, in order, at its time.
    expect(heard).toEqual([
      ["recoveryStarted", 0],
      ["poweredOn", 8 * MS],
      ["serviceReady", 9_914_096],
      ["switchedOver", 13_429_632],
    ]);
    // Blocks add up: all 16 copied (nothing unallocated, nothing written), 64 KiB reported as progress.
    expect(restore.copier?.stats).toMatchObject({ copiedBlocks: 16, zeroBlocks: 0, chunkReads: 4 });
    expect(progress.reduce((a, b) => a + b, 0)).toBe(DISK);
    expect(restore.copier?.bytesCopied).toBe(DISK);
    expect(assembled.versions.marks).toBe(16);
    // Placed on its host; the switch-over released the mount.
    expect([toy.host.vms.length, vm.host, restore.mount?.released]).toEqual([1, "host", true]);
  });

  it("assembleRestoreVm(relocation before power-on) is a full restore then boot: switch-over 9 505 536, service ready 13 505 536", () => {
    const { toy, assembled } = assemble("before-power-on");
    assembled.restore.start();
    toy.sim.run();
    expect(assembled.vm.milestones).toEqual({
      recoveryStarted: 0,
      switchedOver: 5 * MS + 4 * PER_CHUNK_COPY,
      poweredOn: 5 * MS + 4 * PER_CHUNK_COPY + 3 * MS,
      serviceReady: 5 * MS + 4 * PER_CHUNK_COPY + 3 * MS + 100_000 + THINK,
    });
    expect(toy.service.stats.fetchedBytesByClass.demand).toBe(0);
  });

  it("assembleRestoreVm(no relocation) is a live mount: no copier, the mount stays, TTS 9 914 096", () => {
    const { toy, assembled } = assemble("never");
    assembled.restore.start();
    toy.sim.run();
    expect(assembled.vm.timeTo("serviceReady")).toBe(9_914_096);
    expect([assembled.restore.copier, assembled.restore.mount?.released, assembled.restore.parts.timeline.relocationStart]).toEqual([null, false, "never"]);
  });

  it("assembleRestoreVm(allocated extents) zero-fills the unallocated chunks without reading them: 8 of 16 blocks copied, 2 chunk reads", () => {
    // Blocks 0–3 and 12–15 allocated (chunks 0 and 3); the scheme copies those, the sweep finds
    // chunks 1–2 all zeros on thin primary.
    const allocated = [
      { offset: 0, bytes: 4 * BLOCK },
      { offset: 12 * BLOCK, bytes: 4 * BLOCK },
    ];
    const context = { blockCount: 4, allocated: [{ firstBlock: 0, blockCount: 1 }, { firstBlock: 3, blockCount: 1 }] };
    const { toy, progress, assembled } = assemble("after-service-ready", {}, "allocated-extents", allocated, context);
    assembled.restore.start();
    toy.sim.run();
    const stats = assembled.restore.copier?.stats;
    expect([stats?.copiedBlocks, stats?.zeroBlocks, stats?.chunkReads]).toEqual([8, 8, 2]);
    // Only copied bytes are progress: 8 blocks of 4 KiB; every block is accounted for at switch-over.
    expect(progress.reduce((a, b) => a + b, 0)).toBe(8 * BLOCK);
    expect(assembled.versions.marks).toBe(16);
    expect(chunksOf(toy.storage.log)).toEqual([0, 3]);
  });

  it("assembled.abort() mid-copy stops the copier's reads and the guest's I/O and releases the mount", () => {
    const { toy, assembled } = assemble("before-power-on");
    assembled.restore.start();
    // The copy runs from 5 ms, one chunk per 1.126 ms: abort during the second chunk's fetch.
    toy.sim.schedule(5 * MS + PER_CHUNK_COPY + MS / 2, "test.abort", () => assembled.abort());
    toy.sim.run();
    const { restore, vm } = assembled;
    expect(assembled.aborted).toBe(true);
    // Two chunk reads were issued (the second one's data still lands), none after the abort.
    expect(restore.copier?.stats.chunkReads).toBe(2);
    expect(toy.storage.log.map((io) => io.at)).toEqual([5 * MS, 5 * MS + PER_CHUNK_COPY]);
    expect([restore.mount?.released, vm.milestones.switchedOver, vm.milestones.serviceReady]).toEqual([true, undefined, undefined]);
  });

  it("assembled.abort() while mounting releases the mount as soon as it exists, and the guest's boot read is refused", () => {
    const { toy, assembled } = assemble("never");
    assembled.restore.start();
    toy.sim.schedule(MS, "test.abort", () => assembled.abort());
    toy.sim.run();
    const { restore, vm } = assembled;
    // The timeline still runs (power-on at 8 ms), but nothing is read and service ready never comes.
    expect([restore.mount?.released, vm.milestones.poweredOn, vm.milestones.serviceReady, toy.storage.log.length, restore.io?.stats.reads]).toEqual([true, 8 * MS, undefined, 0, 0]);
  });
});
