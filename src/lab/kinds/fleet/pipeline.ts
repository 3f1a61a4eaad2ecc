/**
 * The restore pipeline of a fleet's instant restores (`restore.pipeline`), built from the restore
 * kind's own parts: one media-agent service per fleet media agent (secondary storage, read cache
 * with read tracking, I/O scheduler, cores: `buildAgents`), shared by every VM it serves; per
 * attempt a restore assembled by `assembleRestoreVm` as the restore kind's are (mount → register
 * → power-on → boot trace replay), whose guest I/O crosses the fleet's network through the
 * attempt's transport and which the fleet aborts when the attempt's media agent fails. An instant restore is a live
 * mount: relocation is `never` (the VM keeps running from the media agent, as an instant recovery
 * does until someone migrates it). A full restore is the restore kind's "full restore, then
 * boot": relocation `before-power-on`, the copier (scheme and streams of `relocation`) moving
 * every block of every disk of the VM (laid end to end, boot disk first: vm-disks.ts) media
 * agent → VSA → the VM's datastore, then register, power-on and the boot from primary.
 */
import type { Simulation } from "../../../kernel/simulation.ts";
import type { BlockDevice } from "../../../models/devices/types.ts";
import type { EstateVm } from "../../../fleet/estate.ts";
import type { FleetMetric } from "../../../fleet/measure.ts";
import type { PipelineAttempt, PipelineMilestones, PipelinePhase, PipelineRoute, RestorePipeline, RestorePipelineFactory } from "../../../fleet/pipeline.ts";
import type { MediaAgentState } from "../../../fleet/components.ts";
import { leafBusyShare, leafQueueShare } from "../../../models/devices/leaves.ts";
import { relocationSchemes } from "../../../policies/relocation/index.ts";
import { assembleRestoreVm } from "../../../restore/assemble.ts";
import type { SharedImage } from "../../../restore/shared-chunks.ts";
import { LatencyCollector } from "../../../restore/metrics.ts";
import { milestoneBandAt } from "../../../workloads/replay/driver.ts";
import type { ReplicationContext } from "../../../contracts/model-kind.ts";
import { buildAgents, makePrefetcher, type AgentParts } from "../restore/build.ts";
import { serviceEndUs, servicePlan } from "../restore/workload.ts";
import { buildDevice } from "../storage-schema.ts";
import { pipelineBoots, restoreSpecFor, type PipelineBoot } from "./pipeline-spec.ts";
import type { GuestWorkload } from "../../../restore/data-agent.ts";
import { allocatedChunks, vmDisks } from "./vm-disks.ts";
import { pipelineRelocationSchema, type FleetModel, type FleetPipelineModel, type FleetPipelineRelocation } from "./schema.ts";

const GIB = 2 ** 30;
const MS = 1e6;

/**
 * The factory `runFleet` calls for the restore phase; checks the block first (trace and profile
 * files, VM types, chunk geometry) and throws an InputError naming the field.
 *
 * @example
 * const model = loadScenario("scenarios/fleet/mass-restore.yaml").variants[0].scenario.model as FleetModel;
 * const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/fleet" };
 * const factory = fleetPipeline(model, model.restore.pipeline, context); // then runFleet(model, context.streams, { pipeline: factory })
 * typeof factory // => "function"
 * const pipeline = model.restore.pipeline;
 * fleetPipeline(model, { ...pipeline, vms: { ...pipeline.vms, blockSize: 3000 } }, context) // throws "scenario: model.restore.pipeline.vms.blockSize: a size dividing model.restore.pipeline.chunkSize (4194304)"
 */
export function fleetPipeline(model: FleetModel, pipeline: FleetPipelineModel, context: ReplicationContext): RestorePipelineFactory {
  return fleetPipelineOptions(model, pipeline, context).pipeline;
}

/**
 * Kernel events per boot request of a pipeline restore, about (issue, cache lookup or fetch,
 * transfer, completion): 4.47, 4.62 and 4.99 per request up to service ready in the restore
 * phases of mass-restore, ransomware-mixed-estate and mass-restore-ma-failure (seed 1/0). And per
 * chunk a full restore copies: 4.2–7.8 on the pipeline toy (test/fleet/pipeline-toy.ts) at 4 and 16 GiB.
 */
const EVENTS_PER_BOOT_REQUEST = 4.5;
const EVENTS_PER_COPIED_CHUNK = 6;

/**
 * The `runFleet` options of a pipeline: its factory ({@link fleetPipeline}) and `restoreEvents`,
 * the events a VM's restore takes, about (its boot's requests up to service ready and, for a full
 * restore, the chunks of its disks), which weigh the phases of a progress line.
 *
 * @example
 * import { generateEstate } from "../../../fleet/estate.ts";
 * const model = loadScenario("scenarios/fleet/mass-restore.yaml").variants[0].scenario.model as FleetModel;
 * const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/fleet" };
 * const { restoreEvents } = fleetPipelineOptions(model, model.restore.pipeline, context);
 * restoreEvents(generateEstate(model, context.streams).vms[0]) // => 19462.5 // 4,325 boot requests × 4.5
 */
export function fleetPipelineOptions(
  model: FleetModel, pipeline: FleetPipelineModel, context: ReplicationContext,
): { pipeline: RestorePipelineFactory; restoreEvents: (vm: EstateVm) => number } {
  const boots = pipelineBoots(model, pipeline, context.scenarioDir, context.dataDir);
  const full = model.restore?.mode === "full";
  return {
    pipeline: (phase) => new FleetRestorePipeline(model, pipeline, boots, phase, context),
    restoreEvents: (vm) => {
      const copied = full ? Math.ceil(vm.disks.reduce((sum, d) => sum + d.size, 0) / pipeline.chunkSize) * EVENTS_PER_COPIED_CHUNK : 0;
      return boots(vm).requests * EVENTS_PER_BOOT_REQUEST + copied;
    },
  };
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
  /** The VMs restored (an attempt started), for per-VM means. */
  private readonly restored = new Set<string>();

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
    const boot = this.boots(estateVm);
    this.restored.add(estateVm.name);
    const { chunkSize } = this.pipeline;
    const { blockSize } = this.pipeline.vms;
    const toDatastore = route.toDatastore;
    // A full restore copies every disk, laid end to end; a live mount's boot reads only disk 0.
    const sizes = toDatastore === null ? [estateVm.disks[0].size] : estateVm.disks.map((d) => d.size);
    const layout = vmDisks(sizes, { chunkSize, bootExtent: boot.inputs.extentBytes, allocated: this.pipeline.vms.allocated });
    const diskSize = layout.size;
    const parts = this.agents[ma.index];
    const name = `vms.${estateVm.name}`;
    const base = this.baseOn(ma.index, name, diskSize);
    const datastore = this.datastore(estateVm.host.name, name, diskSize);
    const shared = this.templateImage(estateVm, ma.index, diskSize);
    const { streams, rateLimit, readClass } = this.relocation;
    const assembled = assembleRestoreVm({
      sim: this.sim, name, diskSize, blockSize, chunkSize,
      onMilestone: (milestone) => {
        if (milestone === "poweredOn") milestones.poweredOn();
        else if (milestone === "serviceReady") milestones.serviceReady();
      },
      service: parts.service,
      storageBase: base,
      shared,
      primary: datastore.device,
      primaryBase: datastore.base,
      writeArea: { location: this.pipeline.writeArea.location, device: parts.writeDevice },
      transport: route.transport,
      toHost: route.toHost,
      toMediaAgent: route.toMediaAgent,
      prefetcher: makePrefetcher(boot.spec, boot.profile, boot.inputs.future, null),
      workload: this.workload(boot, name, layout.disks[0].size),
      timeline: { mountTime: this.model.restore?.mountTime ?? 0, ...this.pipeline.timeline },
      latencies: this.latencies,
      allocated: layout.disks.map((d) => ({ offset: d.offset, bytes: d.allocated })),
      // A live mount never relocates; a full restore copies every block media agent → VSA → datastore first.
      relocation: toDatastore === null ? null : {
        start: "before-power-on",
        scheme: relocationSchemes.create(this.relocation.scheme, { ...this.relocation.options }, "model.restore.pipeline.relocation.options"),
        // Orders and extents are in chunks, as the restore kind's are.
        context: { blockCount: diskSize / chunkSize, allocated: allocatedChunks(layout, chunkSize), profile: boot.profile },
        copier: { streams, rateLimit, readClass },
        path: toDatastore,
      },
    });
    const restore = assembled.restore;
    restore.start();
    // The guest's requests: its boot's and, after service ready, its service phase's.
    return {
      get issued() {
        return (restore.boot?.issued ?? 0) + (restore.servicePhase?.issued ?? 0);
      },
      get completed() {
        return (restore.boot?.completed ?? 0) + (restore.servicePhase?.completed ?? 0);
      },
      get finished() {
        return (restore.boot?.finished ?? false) && (restore.servicePhase?.finished ?? true);
      },
      progress() {
        return restore.progress();
      },
      serviceReadyBandNs() {
        return milestoneBandAt(restore.boot, "serviceReady", assembled.vm.milestones.serviceReady);
      },
      abort() {
        assembled.abort();
      },
    };
  }

  /**
   * The guest's workload: its type's boot, then its service phase (`vms.service`), if any, on
   * its boot disk: the synthetic one from the VM's own stream `vms.<vm>.service`, a trace's window
   * mapped onto that disk. The VM keeps reading through the media agent after service ready
   * (the VSA's task ends there), so later restores share the agent with it.
   */
  private workload(boot: PipelineBoot, name: string, bootDiskSize: number): GuestWorkload {
    const { plan, serviceReadyUs } = boot.inputs;
    if (boot.spec.vms.service === undefined) return { boot: plan, serviceReadyUs };
    const spec = { ...boot.spec, vms: { ...boot.spec.vms, diskSize: bootDiskSize } };
    const service = servicePlan(spec, this.context.streams, name, this.context.scenarioDir, this.context.dataDir, "model.restore.pipeline.vms.service");
    return { boot: plan, serviceReadyUs, service, serviceEndUs: serviceEndUs(service) };
  }

  metrics(): FleetMetric[] {
    let ready = 0;
    let waited = 0;
    let missed = 0;
    let fetched = 0;
    let storageBusy = 0;
    let diskBusy = 0;
    let queued = 0;
    const elapsed = Math.max(1, this.sim.now);
    for (const { service, agent } of this.agents) {
      const s = service.stats;
      ready += s.demandReady;
      waited += s.demandWaited;
      missed += s.demandMissed;
      fetched += s.fetches * service.options.chunkSize;
      storageBusy += agent.storage.counters().busyNs / elapsed;
      diskBusy += leafBusyShare(agent.storage, elapsed);
      // Queued: for a fetch slot, then for a disk (the disks' queued share of the storage time).
      queued += s.demandSlotWaitNs + s.demandStorageNs * leafQueueShare(agent.storage);
    }
    const lookups = ready + waited + missed;
    const overall = this.latencies.overall;
    return [
      { name: "restore.maHitRatio", unit: "fraction", value: lookups > 0 ? ready / lookups : 0, description: "demand chunk reads the media agents found in cache (over all demand lookups, waits for an in-flight fetch counted as misses)" },
      { name: "restore.fromSecondary", unit: "GiB", value: fetched / GIB, description: "chunk bytes the media agents fetched from secondary storage (demand and pre-stage)" },
      { name: "restore.demandLatency.p50", unit: "ms", value: overall.percentile(0.5) / MS, description: "median guest read latency during the restores (all attempts)" },
      { name: "restore.demandLatency.p99", unit: "ms", value: overall.percentile(0.99) / MS, description: "99th percentile guest read latency during the restores (all attempts)" },
      { name: "restore.maStorageBusy", unit: "fraction", value: storageBusy / Math.max(1, this.agents.length), description: "share of the phase the media agents' secondary storage was busy (mean over agents)" },
      { name: "restore.maQueue.mean", unit: "min", value: queued / Math.max(1, this.restored.size) / 60e9, description: "time the VMs' demand reads spent queued at their media agent (for a fetch slot, then for the disks under its storage), summed over the reads and averaged over the VMs restored: what more media agents could save at most (overlapping reads of one VM counted each)" },
      { name: "restore.maDiskBusy", unit: "fraction", value: diskBusy / Math.max(1, this.agents.length), description: "share of the phase the media agents' physical storage devices (the disks under the dedup store and array) were busy, mean over disks and agents: the storage's utilisation" },
    ];
  }

  /**
   * The template image `vm` is a clone of on media agent `ma` (`restore.pipeline.templates` of
   * its type: template `typeIndex mod count`), its chunks stored once on that agent's storage;
   * null when its type declares no templates.
   */
  private templateImage(vm: EstateVm, ma: number, diskSize: number): SharedImage | null {
    const template = this.pipeline.templates?.[vm.host.type];
    if (template === undefined) return null;
    const name = `templates.${vm.host.type}${vm.typeIndex % template.count}`;
    const base = this.baseOn(ma, name, diskSize);
    return this.agents[ma].service.image(name, base, diskSize / this.pipeline.chunkSize, template.sharedFraction);
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


