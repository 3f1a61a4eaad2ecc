import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { VirtualMachine } from "../../../src/models/hosts/vm.ts";

describe("VirtualMachine", () => {
  it("vm.blockCount and vm.blocksOf(offset, length) follow the block size", () => {
    const vm = new VirtualMachine(new Simulation(), "vms.a", { diskSize: 64 * 2 ** 30, blockSize: 4096 });
    expect(vm.blockCount).toBe(16_777_216);
    expect(vm.blocksOf(4000, 200)).toEqual([0, 1]);
    expect(vm.blocksOf(8192, 4096)).toEqual([2, 2]);
  });

  it("vm.mark(milestone) keeps the first time and vm.timeTo(milestone) measures from recovery start", () => {
    const sim = new Simulation();
    const vm = new VirtualMachine(sim, "vms.a");
    sim.schedule(2e9, "test.event", () => vm.mark("recoveryStarted"));
    sim.schedule(5e9, "test.event", () => vm.mark("poweredOn"));
    sim.schedule(95e9, "test.event", () => vm.mark("serviceReady"));
    sim.schedule(99e9, "test.event", () => vm.mark("poweredOn"));
    sim.run();
    expect(vm.milestones).toEqual({ recoveryStarted: 2e9, poweredOn: 5e9, serviceReady: 95e9 });
    expect(vm.timeTo("serviceReady")).toBe(93e9);
    expect(vm.timeTo("switchedOver")).toBeUndefined();
  });

  it("vm.onMilestone hears each milestone once, at its first mark, with its time", () => {
    const sim = new Simulation();
    const vm = new VirtualMachine(sim, "vms.a");
    const heard: [string, number][] = [];
    vm.onMilestone = (milestone, at) => heard.push([milestone, at]);
    sim.schedule(5e9, "test.mark", () => vm.mark("poweredOn"));
    sim.schedule(7e9, "test.mark", () => vm.mark("poweredOn"));
    sim.schedule(9e9, "test.mark", () => vm.mark("serviceReady"));
    sim.run();
    expect(heard).toEqual([
      ["poweredOn", 5e9],
      ["serviceReady", 9e9],
    ]);
  });

  it("new VirtualMachine() rejects a disk size that is not a whole number of blocks", () => {
    expect(() => new VirtualMachine(new Simulation(), "vms.a", { diskSize: 10_000, blockSize: 4096 })).toThrow(/multiple of blockSize/);
  });
});
