/**
 * The restore pipeline of a fleet's instant restores (`restore.pipeline`), built from the restore
 * kind's own parts: one media-agent service per fleet media agent (secondary storage, read cache
 * with read tracking, I/O scheduler, cores: `buildAgents`), shared by every VM it serves; per
 * attempt a `RestoreVm` (mount → register → power-on → boot trace replay) whose guest I/O
 * crosses the fleet's network through the attempt's transport. An instant restore is a live
 * mount: relocation is `never` (the VM keeps running from the media agent, as an instant recovery
 * does until someone migrates it). A full restore is the restore kind's "full restore, then
 * boot": relocation `before-power-on`, the copier (scheme and streams of `relocation`) moving
 * every block of every disk of the VM (laid end to end, boot disk first: vm-disks.ts) media
 * agent → VSA → the VM's datastore, then register, power-on and the boot from primary.
 */
import type { Simulation } from "../../../kernel/simulation.ts";
import type { BlockDevice } from "../../../models/devices/types.ts";
import { VirtualMachine, type VirtualMachineOptions, type VmMilestone } from "../../../models/hosts/vm.ts";
import type { EstateVm } from "../../../fleet/estate.ts";
import type { FleetMetric } from "../../../fleet/measure.ts";
import type { PipelineAttempt, PipelineMilestones, PipelinePhase, PipelineRoute, RestorePipeline, RestorePipelineFactory } from "../../../fleet/pipeline.ts";
import type { MediaAgentState } from "../../../fleet/components.ts";
import { BlockVersions } from "../../../restore/block-versions.ts";
import { RestoreVm } from "../../../restore/data-agent.ts";
import { RelocationCopier } from "../../../restore/relocation-copier.ts";
import { relocationSchemes } from "../../../policies/relocation/index.ts";
import { GuestIo, type GuestIoState, type GuestIoTarget } from "../../../restore/guest-io.ts";
import { LatencyCollector } from "../../../restore/metrics.ts";
import { WriteArea } from "../../../restore/write-area.ts";
import type { TraceRequest } from "../../../workloads/traces/types.ts";
import { milestoneBandAt } from "../../../workloads/replay/driver.ts";
import type { ReplicationContext } from "../../../contracts/model-kind.ts";
import { buildAgents, makePrefetcher, type AgentParts } from "../restore/build.ts";
import { buildDevice } from "../storage-schema.ts";
import { pipelineBoots, restoreSpecFor, type PipelineBoot } from "./pipeline-spec.ts";
import { allocatedChunks, FleetCopyTarget, vmDisks } from "./vm-disks.ts";
import { pipelineRelocationSchema, type FleetModel, type FleetPipelineModel, type FleetPipelineRelocation } from "./schema.ts";

const GIB = 2 ** 30;
const MS = 1e6;

/**
 * The factory `runFleet` calls for the restore phase; checks the block first (trace and profile
 * files, VM types, chunk geometry) and throws an InputError naming the field.
 *
 * @example
 * const factory = fleetPipeline(model, model.restore.pipeline, context);
 * runFleet(model, context.streams, { pipeline: factory });
 */
export function fleetPipeline(model: FleetModel, pipeline: FleetPipelineModel, context: ReplicationContext): RestorePipelineFactory {
  const boots = pipelineBoots(model, pipeline, context.scenarioDir);
  return (phase) => new FleetRestorePipeline(model, pipeline, boots, phase, context);
}

/** A VM whose milestones call the fleet back (the restore's power-on and service ready). */
class MilestoneVm extends VirtualMachine {
  constructor(sim: Simulation, name: string, options: Partial<VirtualMachineOptions>, private readonly hooks: PipelineMilestones) {
    super(sim, name, options);
  }

  override mark(milestone: VmMilestone): number {
    const first = this.milestones[milestone] === undefined;
    const at = super.mark(milestone);
    if (first && milestone === "poweredOn") this.hooks.poweredOn();
    else if (first && milestone === "serviceReady") this.hooks.serviceReady();
    return at;
  }
}

/** Guest I/O that refuses every request once its attempt was aborted (the replay then stops). */
class AttemptGuestIo extends GuestIo {
  constructor(sim: Simulation, target: GuestIoTarget, state: GuestIoState, private readonly attempt: { aborted: boolean }) {
    super(sim, target, state);
  }

  override submit(request: TraceRequest, done: () => void): void {
    if (!this.attempt.aborted) super.submit(request, done);
  }
}

/** A copier that issues no read once its attempt was aborted (its streams then stop where they are). */
class AttemptCopier extends RelocationCopier {
  attempt: { aborted: boolean } = { aborted: false };

  override issue(stream: Parameters<RelocationCopier["issue"]>[0]): void {
    if (!this.attempt.aborted) super.issue(stream);
  }
}

class FleetRestorePipeline implements RestorePipeline {
  private readonly agents: AgentParts[];
  private readonly latencies: LatencyCollector;
  private readonly sim: Simulation;
  /** Per media agent: where each VM's backup starts on its storage (and write area), and the next free byte. */
  private readonly placed: Map<string, number>[];
  private readonly nextBase: number[];
  /** Per host: its primary datastore (a write area on `primary`) and the next free byte on it. */
  private readonly datastores = new Map<string, { device: BlockDevice; next: number; bases: Map<string, number> }>();
  /** Full restores' copy parameters (the restore kind's defaults where the block has none). */
  private readonly relocation: FleetPipelineRelocation;

  constructor(
    private readonly model: FleetModel,
    private readonly pipeline: FleetPipelineModel,
    private readonly boots: (vm: EstateVm) => PipelineBoot,
    private readonly phase: PipelinePhase,
    private readonly context: ReplicationContext,
  ) {
    this.sim = phase.sim;
    const count = phase.mediaAgents.length;
    this.agents = buildAgents(restoreSpecFor(model, pipeline, pipeline.vms, count), phase.sim, phase.fabric.network, context);
    this.latencies = new LatencyCollector(model.sampleInterval);
    this.placed = Array.from({ length: count }, () => new Map<string, number>());
    this.nextBase = new Array<number>(count).fill(0);
    this.relocation = pipeline.relocation ?? pipelineRelocationSchema.parse({});
  }

  predictedBytes(vm: EstateVm): number {
    return this.boots(vm).readBytes;
  }

  start(estateVm: EstateVm, ma: MediaAgentState, route: PipelineRoute, milestones: PipelineMilestones): PipelineAttempt {
    const sim = this.sim;
    const boot = this.boots(estateVm);
    const { chunkSize } = this.pipeline;
    const { blockSize } = this.pipeline.vms;
    const toDatastore = route.toDatastore;
    // A full restore copies every disk, laid end to end; a live mount's boot reads only disk 0.
    const sizes = toDatastore === null ? [estateVm.disks[0].size] : estateVm.disks.map((d) => d.size);
    const layout = vmDisks(sizes, { chunkSize, bootExtent: boot.inputs.extentBytes, allocated: this.pipeline.vms.allocated });
    const diskSize = layout.size;
    const blockCount = diskSize / blockSize;
    const parts = this.agents[ma.index];
    const name = `vms.${estateVm.name}`;
    const base = this.baseOn(ma.index, name, diskSize);
    const datastore = this.datastore(estateVm.host.name, name, diskSize);
    const onMa = this.pipeline.writeArea.location === "mediaAgent";
    const state = { aborted: false };
    const scheme = toDatastore === null ? null : relocationSchemes.get(this.relocation.scheme).create({ ...this.relocation.options });
    const versions = new BlockVersions(name, blockCount);
    const writeArea = new WriteArea(blockCount, {
      location: this.pipeline.writeArea.location,
      device: onMa ? parts.writeDevice : datastore.device,
      base: onMa ? base : datastore.base,
      transport: route.transport,
      toArea: onMa ? route.toMediaAgent : [],
      fromArea: onMa ? route.toHost : [],
    });
    const latencies = this.latencies;
    const vm = new MilestoneVm(sim, name, { diskSize, blockSize }, milestones);
    const restore = new RestoreVm(sim, {
      vm,
      service: parts.service,
      storageBase: base,
      chunkCount: diskSize / chunkSize,
      prefetcher: makePrefetcher(boot.spec, boot.profile, boot.inputs.future, null),
      workload: { boot: boot.inputs.plan, serviceReadyUs: boot.inputs.serviceReadyUs },
      timeline: { mountTime: this.model.restore?.mountTime ?? 0, ...this.pipeline.timeline, relocationStart: scheme === null ? "never" : "before-power-on" },
      guestIo(mount) {
        // Aborted while mounting: the mount is released as soon as it exists.
        if (state.aborted) parts.service.release(mount);
        const target: GuestIoTarget = {
          name, blockSize, blocksPerChunk: chunkSize / blockSize, versions, writeArea, service: parts.service, mount,
          primary: datastore.device, primaryBase: datastore.base, transport: route.transport, path: route.toHost, latencies,
          skipMirrorMarks: false, onCopyOnRead: noCopy,
        };
        return new AttemptGuestIo(sim, target, { serviceReady: false, relocating: false, switchedOver: false, copyOnRead: scheme?.copyOnRead ?? false }, state);
      },
      copier: (mount, _io, onDone) => {
        if (scheme === null || toDatastore === null) throw new Error("fleet pipeline: an instant restore is a live mount, relocation is never started");
        const fields = {
          versions, service: parts.service, mount, blockSize, blocksPerChunk: chunkSize / blockSize,
          primary: datastore.device, primaryBase: datastore.base, transport: route.transport, path: toDatastore,
        };
        // Orders and extents are in chunks, as the restore kind's are.
        const order = scheme.order({ blockCount: diskSize / chunkSize, allocated: allocatedChunks(layout, chunkSize), profile: boot.profile });
        const { streams, rateLimit, readClass } = this.relocation;
        const copier = new AttemptCopier(sim, new FleetCopyTarget(fields, onMa, layout), order, { streams, rateLimit, readClass }, onDone);
        copier.attempt = state;
        return copier;
      },
    });
    restore.start();
    return {
      get issued() {
        return restore.boot?.issued ?? 0;
      },
      get completed() {
        return restore.boot?.completed ?? 0;
      },
      get finished() {
        return restore.boot?.finished ?? false;
      },
      serviceReadyBandNs() {
        return milestoneBandAt(restore.boot, "serviceReady", vm.milestones.serviceReady);
      },
      abort() {
        state.aborted = true;
        const mount = restore.mount;
        if (mount !== null && !mount.released) parts.service.release(mount);
      },
    };
  }

  metrics(): FleetMetric[] {
    let ready = 0;
    let waited = 0;
    let missed = 0;
    let fetched = 0;
    let storageBusy = 0;
    const elapsed = Math.max(1, this.sim.now);
    for (const { service, agent } of this.agents) {
      const s = service.stats;
      ready += s.demandReady;
      waited += s.demandWaited;
      missed += s.demandMissed;
      fetched += s.fetches * service.options.chunkSize;
      storageBusy += agent.storage.counters().busyNs / elapsed;
    }
    const lookups = ready + waited + missed;
    const overall = this.latencies.overall;
    return [
      { name: "restore.maHitRatio", unit: "fraction", value: lookups > 0 ? ready / lookups : 0, description: "demand chunk reads the media agents found in cache (over all demand lookups, waits for an in-flight fetch counted as misses)" },
      { name: "restore.fromSecondary", unit: "GiB", value: fetched / GIB, description: "chunk bytes the media agents fetched from secondary storage (demand and pre-stage)" },
      { name: "restore.demandLatency.p50", unit: "ms", value: overall.percentile(0.5) / MS, description: "median guest read latency during the restores (all attempts)" },
      { name: "restore.demandLatency.p99", unit: "ms", value: overall.percentile(0.99) / MS, description: "99th percentile guest read latency during the restores (all attempts)" },
      { name: "restore.maStorageBusy", unit: "fraction", value: storageBusy / Math.max(1, this.agents.length), description: "share of the phase the media agents' secondary storage was busy (mean over agents)" },
    ];
  }

  /** Where the backup of `vm` starts on media agent `ma`'s storage (the same on every attempt there). */
  private baseOn(ma: number, vm: string, diskSize: number): number {
    let base = this.placed[ma].get(vm);
    if (base === undefined) {
      base = this.nextBase[ma];
      this.nextBase[ma] += diskSize;
      this.placed[ma].set(vm, base);
    }
    return base;
  }

  /** The host's primary datastore and the VM's place on it. */
  private datastore(host: string, vm: string, diskSize: number): { device: BlockDevice; base: number } {
    let entry = this.datastores.get(host);
    if (entry === undefined) {
      const device = buildDevice(this.sim, this.context.streams, `hosts.${host}.datastore`, this.pipeline.hosts.datastore);
      entry = { device, next: 0, bases: new Map() };
      this.datastores.set(host, entry);
    }
    let base = entry.bases.get(vm);
    if (base === undefined) {
      base = entry.next;
      entry.next += diskSize;
      entry.bases.set(vm, base);
    }
    return { device: entry.device, base };
  }
}

function noCopy(): void {}

