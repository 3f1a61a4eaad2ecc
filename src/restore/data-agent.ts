/**
 * The data agent: plays one VM's restore. Restore request → the media agent mounts the backup
 * (`mountTime`) → the VM is registered on its host (`registerTime`) → powered on
 * (`powerOnTime`) → the guest replays its boot trace up to service ready, then its service
 * workload. Relocation starts at the configured moment (before power-on = full restore then boot;
 * with power-on; after service ready; never) and ends in switch-over (see switch-over.ts).
 */
import type { SharedImage } from "./shared-chunks.ts";
import type { Simulation } from "../kernel/simulation.ts";
import type { VirtualMachine } from "../models/hosts/vm.ts";
import type { Prefetcher } from "../policies/prefetch/types.ts";
import { startGuestReplay, type GuestReplay } from "../workloads/replay/driver.ts";
import type { ReplayPlan } from "../workloads/replay/plan.ts";
import type { GuestIo } from "./guest-io.ts";
import type { MediaAgentService, Mount } from "./media-agent-service.ts";
import type { RelocationCopier } from "./relocation-copier.ts";
import { switchOver } from "./switch-over.ts";

/** When relocation starts. */
export type RelocationStart = "before-power-on" | "with-power-on" | "after-service-ready" | "never";

/** The restore timeline's parameters, ns. */
export interface TimelineOptions {
  mountTime: number;
  registerTime: number;
  powerOnTime: number;
  relocationStart: RelocationStart;
}

/** The guest's workload: its boot plan cut at service ready, then an optional service phase. */
export interface GuestWorkload {
  boot: ReplayPlan;
  /** Service ready in the boot trace, µs since its first request. */
  serviceReadyUs: number;
  /** Service phase started at service ready (times relative to it): open loop (synthetic, or a trace without latencies) or closed loop (a trace with latencies). */
  service?: ReplayPlan;
  /**
   * The service window's end in `service`'s trace, µs since its first request: the milestone
   * `serviceEnd` of the service replay (with its model band); set for closed-loop plans only.
   */
  serviceEndUs?: number;
}

/** Everything one VM's restore is made of, wired by `assembleRestoreVm` (assemble.ts). */
export interface RestoreVmParts {
  vm: VirtualMachine;
  service: MediaAgentService;
  /** Byte offset of the VM's backup on secondary storage. */
  storageBase: number;
  /** The template image the disk is a clone of, or null (absent: null). */
  shared?: SharedImage | null;
  chunkCount: number;
  prefetcher: Prefetcher | null;
  /** Creates the guest I/O router once the mount exists. */
  guestIo(mount: Mount): GuestIo;
  /** Creates the copier once the mount exists; `onDone` is the switch-over. */
  copier(mount: Mount, io: GuestIo, onDone: (at: number) => void): RelocationCopier;
  workload: GuestWorkload;
  timeline: TimelineOptions;
  /** Called at switch-over, after the invariant check. */
  onSwitchOver?(vm: RestoreVm): void;
}

/**
 * One VM's restore on the kernel. `start()` at the restore request.
 *
 * @example
 * import { buildRestoreWorld } from "../lab/kinds/restore/build.ts"; // builds each VM's parts and its RestoreVm
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: one VM, no relocation
 * const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" };
 * const world = buildRestoreWorld(spec, context); world.sim.run();
 * world.restores[0] instanceof RestoreVm // => true
 * world.restores[0].parts.vm.timeTo("serviceReady") // => 47163580485 // the VM's TTS, ns
 */
export class RestoreVm {
  mount: Mount | null = null;
  io: GuestIo | null = null;
  copier: RelocationCopier | null = null;
  boot: GuestReplay | null = null;
  servicePhase: GuestReplay | null = null;

  constructor(
    private readonly sim: Simulation,
    readonly parts: RestoreVmParts,
  ) {}

  /** The restore request: starts the timeline now. */
  start(): void {
    this.parts.vm.mark("recoveryStarted");
    this.sim.schedule(this.parts.timeline.mountTime, "data-agent.mounted", mounted, this);
  }

  /** The media agent exposes the backup. @internal */
  onMounted(): void {
    const { service, vm, storageBase, chunkCount, prefetcher, timeline } = this.parts;
    const mount = service.mount(vm.name, storageBase, chunkCount, prefetcher, this.parts.shared ?? null);
    this.mount = mount;
    const io = this.parts.guestIo(mount);
    this.io = io;
    this.copier = timeline.relocationStart === "never" ? null : this.parts.copier(mount, io, (at) => this.onCopied(at));
    if (timeline.relocationStart === "before-power-on") this.startRelocation();
    else this.register();
  }

  private register(): void {
    const { registerTime, powerOnTime } = this.parts.timeline;
    this.sim.schedule(registerTime + powerOnTime, "data-agent.powered-on", poweredOn, this);
  }

  /** Power-on: the guest starts. @internal */
  onPoweredOn(): void {
    const { vm, workload, timeline } = this.parts;
    vm.mark("poweredOn");
    if (timeline.relocationStart === "with-power-on") this.startRelocation();
    const io = this.io as GuestIo;
    const plan = workload.boot;
    this.boot = startGuestReplay(this.sim, {
      plan,
      name: vm.name,
      submit: (index, done) => io.submit(plan.requests[index], done),
      milestones: { serviceReady: workload.serviceReadyUs },
      stopAtUs: workload.serviceReadyUs,
      onMilestone: () => this.onServiceReady(),
    });
  }

  private onServiceReady(): void {
    const { vm, workload, timeline } = this.parts;
    vm.mark("serviceReady");
    const io = this.io as GuestIo;
    io.state.serviceReady = true;
    if (timeline.relocationStart === "after-service-ready") this.startRelocation();
    const service = workload.service;
    if (service !== undefined) {
      const milestones = workload.serviceEndUs === undefined ? {} : { milestones: { serviceEnd: workload.serviceEndUs } };
      this.servicePhase = startGuestReplay(this.sim, { plan: service, name: `${vm.name}.service`, submit: (index, done) => io.submit(service.requests[index], done), ...milestones });
    }
  }

  /**
   * How far the restore has come, in [0, 1], for progress lines (it reads and changes nothing):
   * its boot's requests completed over those up to service ready and, when it relocates, the
   * share of its disk copied (1 once the copy is done), half each. 0 before power-on (and mount).
   *
   * @example
   * import { buildRestoreWorld } from "../lab/kinds/restore/build.ts";
   * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
   * const spec = loaded.variants[0].scenario.model as RestoreSpec; // full restore: copy before power-on, then boot
   * const world = buildRestoreWorld(spec, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" });
   * const restore = world.restores[0];
   * restore.progress() // => 0
   * world.sim.run(40e9); restore.progress() // ≈ 0.13 // a quarter of the disk copied at 40 s, no boot yet
   * world.sim.run(); restore.progress() // => 1
   */
  progress(): number {
    const boot = this.boot;
    const booted = boot === null || boot.total === 0 ? 0 : boot.completed / boot.total;
    const copier = this.copier;
    if (copier === null) return booted;
    const diskSize = this.parts.chunkCount * this.parts.service.options.chunkSize;
    const copied = copier.finishedAt >= 0 ? 1 : Math.min(1, copier.bytesCopied / Math.max(1, diskSize));
    return (booted + copied) / 2;
  }

  private startRelocation(): void {
    const io = this.io as GuestIo;
    io.state.relocating = true;
    (this.copier as RelocationCopier).start();
  }

  private onCopied(at: number): void {
    switchOver(this, at);
    this.parts.onSwitchOver?.(this);
    if (this.parts.timeline.relocationStart === "before-power-on") this.register();
  }
}

function mounted(restore: RestoreVm): void {
  restore.onMounted();
}
function poweredOn(restore: RestoreVm): void {
  restore.onPoweredOn();
}
