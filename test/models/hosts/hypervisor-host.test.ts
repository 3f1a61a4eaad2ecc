import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { Ssd } from "../../../src/models/devices/ssd.ts";
import { HypervisorHost } from "../../../src/models/hosts/hypervisor-host.ts";
import { MediaAgent } from "../../../src/models/hosts/media-agent.ts";
import { VirtualMachine } from "../../../src/models/hosts/vm.ts";
import { Network } from "../../../src/models/network/network.ts";

describe("HypervisorHost", () => {
  it("hypervisorHost.place(vm) records the VM and its host", () => {
    const sim = new Simulation();
    const host = new HypervisorHost(sim, new Network(sim), "hosts.h1", new Ssd(sim, "hosts.h1.datastore"));
    const vm = new VirtualMachine(sim, "vms.a");
    host.place(vm);
    expect(host.vms).toEqual([vm]);
    expect(vm.host).toBe("hosts.h1");
    expect(host.cpu.capacity).toBe(32);
  });

  it("a 4 MiB reply from a media agent to a host crosses both NICs at the slower rate", () => {
    const sim = new Simulation();
    const network = new Network(sim);
    const ma = new MediaAgent(sim, network, "ma1", new Ssd(sim, "ma1.storage"), { nicBandwidth: 1.25e9, nicLatency: 5_000 });
    const host = new HypervisorHost(sim, network, "h1", new Ssd(sim, "h1.datastore"), { nicBandwidth: 3.125e9, nicLatency: 5_000 });
    const core = network.link("core", { bandwidth: 12.5e9, latency: 20_000 });
    let at = 0;
    // 4 194 304 B at 1.25e9 B/s (the MA's 10 GbE) = 3 355 443.2 → 3 355 444 ns, + 5 + 20 + 5 µs.
    network.transfer([ma.nic.tx, core, host.nic.rx], 4 * 2 ** 20, (t) => (at = t.completedAt));
    sim.run();
    expect(at).toBe(3_355_444 + 30_000);
  });
});
