import { Resource } from "../../kernel/resource.ts";
import type { Simulation } from "../../kernel/simulation.ts";
import { withDefaults, type ModelDefinition } from "../devices/definition.ts";
import type { BlockDevice } from "../devices/types.ts";
import type { Network, Nic } from "../network/network.ts";
import type { VirtualMachine } from "./vm.ts";

/** Parameters of a hypervisor host; rates in bytes/s, times in ns. */
export interface HypervisorHostOptions {
  cores: number;
  nicBandwidth: number;
  nicLatency: number;
}

/** Registry definition of a hypervisor host. */
export const hypervisorHostDefinition: ModelDefinition = {
  name: "hypervisorHost",
  description: "Hypervisor host: CPU cores, a primary datastore device, a NIC, the VMs it runs",
  parameters: {
    cores: { type: "integer", description: "CPU cores", default: 32, minimum: 1 },
    nicBandwidth: { type: "rate", description: "NIC bandwidth per direction", default: 3.125e9, minimum: 1 },
    nicLatency: { type: "duration", description: "NIC latency per direction", default: 5_000, minimum: 0 },
  },
};

/**
 * A hypervisor host (ESXi/KVM node): CPU cores as a kernel Resource, the primary datastore the
 * VMs are relocated to, a NIC, and the VMs placed on it.
 *
 * @example
 * const host = new HypervisorHost(sim, new Network(sim), "hosts.h1", new Ssd(sim, "hosts.h1.datastore"));
 * host.place(new VirtualMachine(sim, "vms.db1", { diskSize: 2 ** 30 })); host.vms.length // => 1
 */
export class HypervisorHost {
  readonly definition = hypervisorHostDefinition;
  readonly options: HypervisorHostOptions;
  readonly cpu: Resource;
  readonly nic: Nic;
  readonly vms: VirtualMachine[] = [];

  constructor(
    readonly sim: Simulation,
    network: Network,
    readonly name: string,
    readonly datastore: BlockDevice,
    options: Partial<HypervisorHostOptions> = {},
  ) {
    this.options = withDefaults<HypervisorHostOptions>(hypervisorHostDefinition, options);
    this.cpu = new Resource(sim, { capacity: this.options.cores, name: `${name}.cpu` });
    this.nic = network.nic(`${name}.nic`, { bandwidth: this.options.nicBandwidth, latency: this.options.nicLatency });
  }

  /**
   * Places `vm` on this host (its `host` becomes this host's name).
   *
   * @example
   * const host = new HypervisorHost(sim, new Network(sim), "hosts.h1", new Ssd(sim, "hosts.h1.datastore"));
   * const vm = new VirtualMachine(sim, "vms.db1", { diskSize: 2 ** 30 });
   * host.place(vm); vm.host // => "hosts.h1"
   */
  place(vm: VirtualMachine): void {
    this.vms.push(vm);
    vm.host = this.name;
  }
}
