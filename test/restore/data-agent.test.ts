import { describe, expect, it } from "vitest";
import { relocationSchemes } from "../../src/policies/relocation/index.ts";
import { RestoreVm, type RelocationStart } from "../../src/restore/data-agent.ts";
import { inferReplayPlan } from "../../src/workloads/replay/plan.ts";
import { BLOCK, MS, VirtualMachine, chunksOf, toyCopier, toyGuestIo, toyWorld } from "./toy.ts";

// Timeline: mount 5 ms, register 2 ms, power-on 1 ms. Boot: one 4 KiB read of block 0 (trace
// latency 100 µs), service ready 900 µs after it completes (trace time 1000 µs). Relocation:
// sequential, 1 stream, 4 chunks of the toy disk (a chunk from secondary: 1 ms + 26 384 + 100 µs).
// Rule 5 (the guest's resume cost, docs/replay.md) off: the milestones below are the pipeline's, worked out by hand.
const BOOT = inferReplayPlan([{ timeUs: 0, op: "R", offset: 0, length: BLOCK, latencyUs: 100 }], { resumeUs: 0 });
const THINK = 900_000;
const PER_CHUNK_COPY = MS + 26_384 + 100_000;

/** `probeAt`: times (ns) at which `restore.progress()` is read into `progress`. */
function restoreWith(relocationStart: RelocationStart, requestAt = 0, probeAt: readonly number[] = []) {
  const toy = toyWorld({ mount: false });
  const vm = new VirtualMachine(toy.sim, "vm", { diskSize: 16 * BLOCK, blockSize: BLOCK });
  const switched: number[] = [];
  const restore = new RestoreVm(toy.sim, {
    vm,
    service: toy.service,
    storageBase: 0,
    chunkCount: 4,
    prefetcher: null,
    guestIo: (mount) => {
      toy.mount = mount;
      return toyGuestIo(toy);
    },
    copier: (mount, _io, onDone) => {
      toy.mount = mount;
      return toyCopier(toy, relocationSchemes.get("sequential").create({}).order({ blockCount: 4 }), {}, onDone);
    },
    workload: { boot: BOOT, serviceReadyUs: 1000 },
    timeline: { mountTime: 5 * MS, registerTime: 2 * MS, powerOnTime: MS, relocationStart },
    onSwitchOver: () => switched.push(toy.sim.now),
  });
  toy.sim.schedule(requestAt, "test.event", () => restore.start());
  const progress: number[] = [];
  for (const at of probeAt) toy.sim.scheduleAt(at, "test.probe", () => progress.push(restore.progress()));
  toy.sim.run();
  return { toy, vm, restore, switched, progress };
}

describe("RestoreVm", () => {
  it("restore.start() with relocation after service ready: mount 5 ms, power-on 8 ms, service ready 9 914 096, switch-over 13 429 632 ns", () => {
    const { toy, vm, restore, switched } = restoreWith("after-service-ready");
    // Boot read at 8 ms: miss, 1 ms fetch, 4096 B + 10 µs → 9 014 096; + 900 µs think.
    // Copy from 9 914 096: chunk 0 in cache (10 µs + 26 384 + 100 µs), chunks 1–3 from secondary.
    expect(vm.milestones).toEqual({
      recoveryStarted: 0,
      poweredOn: 8 * MS,
      serviceReady: 8 * MS + MS + 14_096 + THINK,
      switchedOver: 9_914_096 + 10_000 + 26_384 + 100_000 + 3 * PER_CHUNK_COPY,
    });
    expect(vm.milestones.switchedOver).toBe(13_429_632);
    expect(vm.timeTo("serviceReady")).toBe(9_914_096);
    expect(vm.timeTo("switchedOver")).toBe(13_429_632);
    expect(switched).toEqual([13_429_632]);
    expect(restore.copier?.startedAt).toBe(9_914_096);
    expect(toy.storage.log.map((io) => io.at)).toEqual([9 * MS - MS, 9_950_480 + 100_000, 11_176_864, 12_303_248]);
    expect([restore.io?.state.switchedOver, restore.io?.state.relocating, restore.mount?.released]).toEqual([true, false, true]);
  });

  it("restore.start() later shifts every milestone and leaves TTS and time-to-independence unchanged", () => {
    const { vm } = restoreWith("after-service-ready", 3 * MS);
    expect([vm.milestones.recoveryStarted, vm.milestones.poweredOn, vm.timeTo("serviceReady"), vm.timeTo("switchedOver")]).toEqual([3 * MS, 11 * MS, 9_914_096, 13_429_632]);
  });

  it("relocation with power-on: the boot read joins the copier's fetch of chunk 0 and queues behind its 16 KiB transfer; switch-over at 12 505 536", () => {
    const { toy, vm, restore } = restoreWith("with-power-on");
    // Chunk 0 arrives at 9 ms for both; the copier's 16 384 B go first, then the guest's 4096 B: 9 030 480.
    expect(vm.milestones).toEqual({
      recoveryStarted: 0,
      poweredOn: 8 * MS,
      serviceReady: 9 * MS + 16_384 + 4096 + 10_000 + THINK,
      switchedOver: 8 * MS + 4 * PER_CHUNK_COPY,
    });
    expect(vm.milestones.switchedOver).toBe(12_505_536);
    expect(restore.copier?.startedAt).toBe(8 * MS);
    expect(toy.service.stats).toMatchObject({ fetches: 4, demandWaited: 1, demandMissed: 0, promoted: 0 });
    expect(toy.latencies.byPhase.duringRelocation.max).toBe(1_030_480);
  });

  it("relocation never (live mount only): no copier, no switch-over, the mount stays", () => {
    const { toy, vm, restore, switched } = restoreWith("never");
    expect(vm.milestones).toEqual({ recoveryStarted: 0, poweredOn: 8 * MS, serviceReady: 9_914_096 });
    expect(vm.timeTo("switchedOver")).toBeUndefined();
    expect([restore.copier, restore.mount?.released, switched, chunksOf(toy.storage.log)]).toEqual([null, false, [], [0]]);
  });

  it("relocation before power-on (full restore, then boot): copy 5 → 9 505 536, power-on 3 ms later, the boot read from primary (100 µs)", () => {
    const { toy, vm } = restoreWith("before-power-on");
    expect(vm.milestones).toEqual({
      recoveryStarted: 0,
      switchedOver: 5 * MS + 4 * PER_CHUNK_COPY,
      poweredOn: 5 * MS + 4 * PER_CHUNK_COPY + 3 * MS,
      serviceReady: 5 * MS + 4 * PER_CHUNK_COPY + 3 * MS + 100_000 + THINK,
    });
    expect([vm.milestones.switchedOver, vm.milestones.poweredOn, vm.milestones.serviceReady]).toEqual([9_505_536, 12_505_536, 13_505_536]);
    // The milestones happen in this order: independence before service.
    expect(Object.keys(vm.milestones)).toEqual(["recoveryStarted", "switchedOver", "poweredOn", "serviceReady"]);
    expect(toy.latencies.bySource.primary.max).toBe(100_000);
    expect(toy.latencies.byPhase.afterSwitchOver.count).toBe(1);
    expect(toy.service.stats.fetchedBytesByClass.demand).toBe(0);
  });

  it("restore.progress(): a full restore's copy is its first half, chunk by chunk, and its boot the second", () => {
    // Copy 5 → 9 505 536 ns, a 16 KiB chunk landing every PER_CHUNK_COPY; the one boot read completes at 12 605 536.
    const copied = (k: number) => 5 * MS + k * PER_CHUNK_COPY + 1;
    const { progress } = restoreWith("before-power-on", 0, [4 * MS, copied(1), copied(2), copied(3), copied(4), 12_505_536 + 1, 12_605_536 + 1, 13_505_536 + 1]);
    expect(progress).toEqual([0, 1 / 8, 2 / 8, 3 / 8, 0.5, 0.5, 1, 1]);
  });

  it("restore.progress(): a live mount is its boot's requests completed; relocating after service ready, the copy is the second half", () => {
    expect(restoreWith("never", 0, [9_014_096, 9_014_096 + 1]).progress).toEqual([0, 1]);
    // Service ready at 9 914 096; the copy's 4 chunks then land by 13 429 632.
    expect(restoreWith("after-service-ready", 0, [9_914_096, 13_429_632 + 1]).progress).toEqual([0.5, 1]);
  });

  it("the mount is created at mountTime (first fetch at 5 ms when relocation goes first)", () => {
    const { toy, restore } = restoreWith("before-power-on");
    expect(toy.storage.log[0].at).toBe(5 * MS);
    expect(restore.mount?.keyBase).toBe(0);
  });
});
