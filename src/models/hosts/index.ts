import type { ModelDefinition } from "../devices/definition.ts";
import { hypervisorHostDefinition } from "./hypervisor-host.ts";
import { mediaAgentDefinition } from "./media-agent.ts";
import { virtualMachineDefinition } from "./vm.ts";

export { MediaAgent, mediaAgentDefinition, type MediaAgentOptions } from "./media-agent.ts";
export { HypervisorHost, hypervisorHostDefinition, type HypervisorHostOptions } from "./hypervisor-host.ts";
export { VirtualMachine, virtualMachineDefinition, VM_MILESTONES, type VirtualMachineOptions, type VmMilestone } from "./vm.ts";

/**
 * Definitions of the host models, for the scenario schema.
 *
 * @example
 * HOST_DEFINITIONS.map((d) => d.name) // => ["mediaAgent", "hypervisorHost", "vm"]
 */
export const HOST_DEFINITIONS: readonly ModelDefinition[] = [mediaAgentDefinition, hypervisorHostDefinition, virtualMachineDefinition];
