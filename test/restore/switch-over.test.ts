import { describe, expect, it } from "vitest";
import { relocationSchemes } from "../../src/policies/relocation/index.ts";
import { RestoreVm } from "../../src/restore/data-agent.ts";
import { switchOver } from "../../src/restore/switch-over.ts";
import { inferReplayPlan } from "../../src/workloads/replay/plan.ts";
import { InvariantError } from "../../src/util/errors.ts";
import { BLOCK, MS, VirtualMachine, req, toyCopier, toyGuestIo, toyWorld } from "./toy.ts";

/** A restore whose mount, guest I/O and copier exist (copier not started), for switchOver by hand. */
function wired() {
  const toy = toyWorld();
  const vm = new VirtualMachine(toy.sim, "vm", { diskSize: 16 * BLOCK, blockSize: BLOCK });
  const io = toyGuestIo(toy, { relocating: true });
  const done: number[] = [];
  const copier = toyCopier(toy, relocationSchemes.get("sequential").create({}).order({ blockCount: 4 }), { streams: 2 }, done);
  const restore = new RestoreVm(toy.sim, {
    vm, service: toy.service, storageBase: 0, chunkCount: 4, prefetcher: null,
    guestIo: () => io,
    copier: () => copier,
    workload: { boot: inferReplayPlan([{ timeUs: 0, op: "R", offset: 0, length: BLOCK, latencyUs: 1 }]), serviceReadyUs: 1 },
    timeline: { mountTime: 0, registerTime: 0, powerOnTime: 0, relocationStart: "with-power-on" },
  });
  restore.mount = toy.mount;
  restore.io = io;
  restore.copier = copier;
  return { toy, vm, io, copier, restore, done };
}

function caught(f: () => void): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}

describe("switchOver", () => {
  it("switchOver(restore, at) after a correct copy with a mirrored guest write passes: 15 copied + 1 guest-marked = 16", () => {
    const { toy, vm, io, copier, restore, done } = wired();
    io.submit(req("W", 6 * BLOCK, BLOCK), () => {});
    copier.start();
    toy.sim.run();
    // 2 streams: chunks 0, 1 (1 has 3 blocks: 12 288 B) at once, then 2 (A, from 1 126 384) and
    // 3 (B, from 1 138 672; its transfer waits for A's until 2 142 768): 2 142 768 + 16 384 + 10 µs + 100 µs.
    expect(toy.sim.now).toBe(2_269_152);
    expect(copier.stats).toMatchObject({ copiedBlocks: 15, zeroBlocks: 0 });
    expect(io.stats.guestMarks).toBe(1);
    expect(() => switchOver(restore, toy.sim.now)).not.toThrow();
    expect([vm.milestones.switchedOver, done[0]]).toEqual([toy.sim.now, toy.sim.now]);
    expect([io.state.switchedOver, io.state.relocating, toy.mount.released, toy.tracker.cache.policy.objectCount]).toEqual([true, false, true, 0]);
  });

  it("switchOver(restore, at) throws an InvariantError naming the first block primary lacks and the time", () => {
    const { restore, toy, vm } = wired();
    const error = caught(() => switchOver(restore, 1234));
    expect(error).toBeInstanceOf(InvariantError);
    expect(error.message).toBe("vm: at switch-over (t=1234 ns) primary holds nothing of block 0, newest is version 0");
    // Nothing switched.
    expect([restore.io?.state.switchedOver, toy.mount.released, vm.milestones.switchedOver]).toEqual([false, false, undefined]);
  });

  it("switchOver(restore, at) throws naming a block whose guest write primary lost (version 0 of block 7, newest 1)", () => {
    const { restore, toy } = wired();
    for (let block = 0; block < 16; block++) toy.versions.writePrimary(block, 0, 0);
    toy.versions.guestWrite(7);
    expect(() => switchOver(restore, 5 * MS)).toThrow(new InvariantError("vm: at switch-over (t=5000000 ns) primary holds version 0 of block 7, newest is version 1"));
  });

  it("switchOver(restore, at) throws when primary is complete but the blocks do not add up (written behind the copier's back)", () => {
    const { restore, toy } = wired();
    for (let block = 0; block < 16; block++) toy.versions.writePrimary(block, 0, 0);
    expect(() => switchOver(restore, 99)).toThrow(
      new InvariantError("vm: at switch-over (t=99 ns) blocks do not add up: 0 copied + 0 zero + 0 guest-marked + 0 copy-on-read = 0, disk has 16"),
    );
  });

  it("switchOver(restore, at) before the mount exists throws a plain Error", () => {
    const { restore } = wired();
    restore.mount = null;
    expect(() => switchOver(restore, 0)).toThrow("switch-over before the mount and copier exist");
  });
});
