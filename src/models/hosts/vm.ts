import type { Simulation } from "../../kernel/simulation.ts";
import { withDefaults, type ModelDefinition } from "../devices/definition.ts";

/** Parameters of a VM being recovered. */
export interface VirtualMachineOptions {
  /** Virtual disk size, bytes. */
  diskSize: number;
  /** Block size the restore tracks (cache, relocation bitmap), bytes. */
  blockSize: number;
}

/** Registry definition of a VM. */
export const virtualMachineDefinition: ModelDefinition = {
  name: "vm",
  description: "A VM being recovered: virtual disk size, tracking block size, recovery milestones",
  parameters: {
    diskSize: { type: "size", description: "virtual disk size", default: 64 * 2 ** 30, minimum: 1 },
    blockSize: { type: "size", description: "tracking block size", default: 4096, minimum: 512 },
  },
};

/** The milestones of a recovery, in the order they normally happen. */
export const VM_MILESTONES = ["recoveryStarted", "poweredOn", "serviceReady", "switchedOver"] as const;
export type VmMilestone = (typeof VM_MILESTONES)[number];

/**
 * A VM's virtual disk geometry and the timestamps (ns) of its recovery milestones. Each
 * milestone is recorded once; marking it again keeps the first time.
 *
 * @example
 * const vm = new VirtualMachine(sim, "vms.db1", { diskSize: 64 * 2 ** 30 });
 * vm.mark("poweredOn"); vm.milestones.poweredOn // => sim.now
 * vm.blockCount // => 16777216
 */
export class VirtualMachine {
  readonly definition = virtualMachineDefinition;
  readonly options: VirtualMachineOptions;
  readonly milestones: Partial<Record<VmMilestone, number>> = {};
  /** Name of the hypervisor host running it, once placed. */
  host: string | null = null;
  /**
   * Called when a milestone is first recorded, with its time (ns), after it is recorded: whoever
   * orchestrates the recovery (the fleet's VSA) hears of it without subclassing the VM.
   */
  onMilestone: ((milestone: VmMilestone, at: number) => void) | null = null;

  constructor(
    private readonly sim: Simulation,
    readonly name: string,
    options: Partial<VirtualMachineOptions> = {},
  ) {
    this.options = withDefaults<VirtualMachineOptions>(virtualMachineDefinition, options);
    if (this.options.diskSize % this.options.blockSize !== 0) {
      throw new Error(`${name} requires diskSize to be a multiple of blockSize, got ${this.options.diskSize} and ${this.options.blockSize}`);
    }
  }

  /** Number of blocks on the virtual disk. */
  get blockCount(): number {
    return this.options.diskSize / this.options.blockSize;
  }

  /**
   * Block numbers `[first, last]` covered by a byte range.
   *
   * @example
   * const vm = new VirtualMachine(sim, "vms.db1", { diskSize: 2 ** 30 });
   * vm.blocksOf(4000, 200) // => [0, 1] // with 4 KiB blocks
   */
  blocksOf(offset: number, length: number): [number, number] {
    const size = this.options.blockSize;
    return [Math.floor(offset / size), Math.floor((offset + Math.max(1, length) - 1) / size)];
  }

  /**
   * Records `milestone` at the current time (only the first time); returns the recorded time.
   *
   * @example
   * const vm = new VirtualMachine(sim, "vms.db1", { diskSize: 2 ** 30 });
   * sim.schedule(93e9, "example.event", () => {});
   * sim.run();
   * vm.mark("serviceReady") // => 93000000000 // at t = 93 s
   */
  mark(milestone: VmMilestone): number {
    const existing = this.milestones[milestone];
    if (existing !== undefined) return existing;
    const at = this.sim.now;
    this.milestones[milestone] = at;
    this.onMilestone?.(milestone, at);
    return at;
  }

  /**
   * Time from recovery start to a later milestone, ns; undefined until both are recorded.
   *
   * @example
   * const vm = new VirtualMachine(sim, "vms.db1", { diskSize: 2 ** 30 });
   * vm.mark("recoveryStarted"); // at 0
   * sim.schedule(93e9, "example.event", () => vm.mark("serviceReady"));
   * sim.run();
   * vm.timeTo("serviceReady") // => 93000000000
   */
  timeTo(milestone: VmMilestone): number | undefined {
    const start = this.milestones.recoveryStarted;
    const end = this.milestones[milestone];
    return start === undefined || end === undefined ? undefined : end - start;
  }
}
