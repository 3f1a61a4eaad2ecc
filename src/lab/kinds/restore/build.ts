/**
 * Builds one replication of a restore scenario on a fresh kernel: media agents (secondary
 * storage, cache with read tracking, I/O scheduler, read service), hosts (primary datastore,
 * NIC), and one data-agent restore per VM, wired to shared, read-only workload inputs.
 */
import { Simulation } from "../../../kernel/simulation.ts";
import type { BlockDevice } from "../../../models/devices/types.ts";
import { HypervisorHost } from "../../../models/hosts/hypervisor-host.ts";
import { MediaAgent } from "../../../models/hosts/media-agent.ts";
import { VirtualMachine } from "../../../models/hosts/vm.ts";
import { Network, type Link } from "../../../models/network/network.ts";
import { Cache } from "../../../policies/cache/cache.ts";
import { cachePolicies } from "../../../policies/cache/index.ts";
import { ReadTracker, RelocationFirstPolicy } from "../../../policies/cache/read-tracking.ts";
import { prefetchPolicies } from "../../../policies/prefetch/index.ts";
import type { Prefetcher } from "../../../policies/prefetch/types.ts";
import { relocationSchemes } from "../../../policies/relocation/index.ts";
import type { RelocationContext } from "../../../policies/relocation/types.ts";
import { schedulingPolicies } from "../../../policies/scheduling/index.ts";
import { BlockVersions } from "../../../restore/block-versions.ts";
import { CompositePrefetcher } from "../../../restore/composite-prefetcher.ts";
import { RestoreVm } from "../../../restore/data-agent.ts";
import { GuestIo } from "../../../restore/guest-io.ts";
import { MediaAgentService, type Mount } from "../../../restore/media-agent-service.ts";
import { LatencyCollector, RelocationProgress } from "../../../restore/metrics.ts";
import { RelocationCopier, type CopyTarget } from "../../../restore/relocation-copier.ts";
import { FifoTransport, FlowTransport, type Transport } from "../../../restore/transport.ts";
import { WriteArea } from "../../../restore/write-area.ts";
import { InputError } from "../../../util/errors.ts";
import type { ReplicationContext } from "../../model-kind.ts";
import { buildDevice } from "../storage-schema.ts";
import { bootInputs, profileInputs, servicePlan } from "./workload.ts";
import type { RestoreSpec } from "./schema.ts";
import type { RestorePartition } from "./partitions.ts";

/** A media agent with its restore-side parts. */
export interface AgentParts {
  agent: MediaAgent;
  service: MediaAgentService;
  tracker: ReadTracker;
  writeDevice: BlockDevice;
}

/** Everything one replication runs. */
export interface RestoreWorld {
  sim: Simulation;
  network: Network;
  /** The media agents built (a partition's only), in index order; `agentIndices` holds their indices. */
  agents: AgentParts[];
  agentIndices: number[];
  hosts: HypervisorHost[];
  /** The VMs' restores (a partition's only), in VM order; `vmIndices` holds their VM numbers. */
  restores: RestoreVm[];
  vmIndices: number[];
  latencies: LatencyCollector;
  progress: RelocationProgress;
}

function checkGeometry(spec: RestoreSpec, traceExtent: number): void {
  const { diskSize, blockSize } = spec.vms;
  if (blockSize <= 0 || spec.chunkSize % blockSize !== 0) throw new InputError("scenario", "model.vms.blockSize", `a size dividing model.chunkSize (${spec.chunkSize})`);
  if (diskSize % spec.chunkSize !== 0) throw new InputError("scenario", "model.vms.diskSize", `a multiple of model.chunkSize (${spec.chunkSize})`);
  if (traceExtent > diskSize) throw new InputError("scenario", "model.vms.diskSize", `at least the trace's extent (${traceExtent} bytes)`);
  const storage = spec.mediaAgents.storage;
  if (storage.device === "dedup" && storage.chunkSize !== spec.chunkSize) {
    throw new InputError("scenario", "model.mediaAgents.storage.chunkSize", `equal to model.chunkSize (${spec.chunkSize})`);
  }
}

/**
 * The media agents numbered `indices` (default: all of them), in that order, each with its
 * storage, cache with read tracking, I/O scheduler and read service.
 */
export function buildAgents(spec: RestoreSpec, sim: Simulation, network: Network, context: ReplicationContext, indices?: readonly number[]): AgentParts[] {
  const { count, storage, cache, scheduler, fetchSlots, backgroundSlots, cores, decompressionRate, hashRate, nicBandwidth, nicLatency } = spec.mediaAgents;
  const fifo = spec.network.sharing === "fifo";
  return (indices ?? Array.from({ length: count }, (_, k) => k)).map((k) => {
    const name = `mediaAgents.ma${k}`;
    // Object-store GET bodies cross the media agent's storage-side link (as wide as its NIC).
    const storageLink = network.link(`${name}.storageLink`, { bandwidth: nicBandwidth, latency: 0 });
    const agent = new MediaAgent(
      sim,
      network,
      name,
      (cpu) => buildDevice(sim, context.streams, `${name}.storage`, storage, { cpu, route: fifo ? undefined : { network, path: [storageLink] } }),
      { cores, decompressionRate, hashRate, nicBandwidth, nicLatency },
    );
    const inner = cachePolicies.get(cache.policy).create({ capacity: cache.size });
    const relocationFirst = cache.evictRelocatedFirst ? new RelocationFirstPolicy(inner) : null;
    const tracker = new ReadTracker(new Cache(cache.size, relocationFirst ?? inner));
    const ioScheduler = schedulingPolicies.get(scheduler.policy).create({ ...scheduler.options });
    const options = { chunkSize: spec.chunkSize, hitLatency: cache.hitLatency, fetchSlots, backgroundSlots, decompress: storage.device !== "dedup" };
    const service = new MediaAgentService(sim, agent, tracker, ioScheduler, options, relocationFirst);
    const writeDevice = buildDevice(sim, context.streams, `${name}.writeArea`, spec.writeArea.device);
    return { agent, service, tracker, writeDevice };
  });
}

/**
 * Builds the world of one replication of `spec`, or of one of its partitions (./partitions.ts: the
 * partition's VMs, media agents and hosts, under their own names and numbers, so they draw the same
 * random numbers as in the whole world); each restore starts at its VM's request time when the
 * kernel runs.
 *
 * @example
 * const world = buildRestoreWorld(spec, context); world.sim.run();
 * world.restores[0].parts.vm.timeTo("serviceReady") // => TTS, ns
 */
export function buildRestoreWorld(spec: RestoreSpec, context: ReplicationContext, partition?: RestorePartition): RestoreWorld {
  const boot = bootInputs(spec, context.scenarioDir);
  checkGeometry(spec, boot.extentBytes);
  const profile = profileInputs(spec, context.scenarioDir);
  if ((spec.prefetch.policy === "profile" || spec.relocation.scheme === "hot-first") && profile === undefined) {
    throw new InputError("scenario", "model.vms.profile", "profile traces or a profile file (the prefetch policy or relocation scheme needs a profile)");
  }
  const sim = new Simulation({ fingerprint: true, initialCapacity: 1 << 16 });
  const network = new Network(sim);
  const transport: Transport = spec.network.sharing === "fifo" ? new FifoTransport(sim) : new FlowTransport(network);
  const agentIndices = partition?.agents ?? Array.from({ length: spec.mediaAgents.count }, (_, k) => k);
  const agents = buildAgents(spec, sim, network, context, agentIndices);
  const hostIndices = partition?.hosts ?? Array.from({ length: spec.hosts.count }, (_, h) => h);
  const vmIndices = partition?.vms ?? Array.from({ length: spec.vms.count }, (_, i) => i);
  // By number, for VM i's media agent i mod A and host i mod H.
  const agentByIndex: AgentParts[] = [];
  agentIndices.forEach((k, position) => (agentByIndex[k] = agents[position]));
  const hostByIndex: HypervisorHost[] = [];
  const hosts = hostIndices.map((h) => {
    const name = `hosts.h${h}`;
    return new HypervisorHost(sim, network, name, buildDevice(sim, context.streams, `${name}.datastore`, spec.hosts.datastore), { nicBandwidth: spec.hosts.nicBandwidth, nicLatency: spec.hosts.nicLatency });
  });
  hostIndices.forEach((h, position) => (hostByIndex[h] = hosts[position]));
  const latencies = new LatencyCollector(spec.metricsWindow);
  const { diskSize, blockSize } = spec.vms;
  const blockCount = diskSize / blockSize;
  const chunkCount = diskSize / spec.chunkSize;
  const blocksPerChunk = spec.chunkSize / blockSize;
  const allocatedBytes = Math.max(spec.vms.allocated ?? diskSize, boot.extentBytes);
  const allocatedBlocks = Math.ceil(allocatedBytes / blockSize);
  const relocationContext: RelocationContext = { blockCount: chunkCount, allocated: [{ firstBlock: 0, blockCount: Math.ceil(allocatedBytes / spec.chunkSize) }], profile };
  const relocating = spec.relocation.start !== "never";
  const progress = new RelocationProgress(spec.metricsWindow, relocating ? spec.vms.count * diskSize : 0);
  const restores: RestoreVm[] = [];
  for (const i of vmIndices) {
    const name = `vms.vm${i}`;
    const parts = agentByIndex[i % spec.mediaAgents.count];
    const host = hostByIndex[i % spec.hosts.count];
    const slotOnAgent = Math.floor(i / spec.mediaAgents.count);
    const primaryBase = Math.floor(i / spec.hosts.count) * diskSize;
    const vm = new VirtualMachine(sim, name, { diskSize, blockSize });
    host.place(vm);
    const scheme = relocating ? relocationSchemes.get(spec.relocation.scheme).create({ ...spec.relocation.options }) : null;
    const prefetcher = makePrefetcher(spec, profile, boot.future, scheme === null || spec.relocation.prestageWindow === 0 ? null : () => scheme.order(relocationContext));
    const versions = new BlockVersions(name, blockCount);
    const onMa = spec.writeArea.location === "mediaAgent";
    const writeArea = new WriteArea(blockCount, {
      location: spec.writeArea.location,
      device: onMa ? parts.writeDevice : host.datastore,
      base: onMa ? slotOnAgent * diskSize : primaryBase,
      transport,
      toArea: onMa ? [host.nic.tx, parts.agent.nic.rx] : [],
      fromArea: onMa ? [parts.agent.nic.tx, host.nic.rx] : [],
    });
    const path = [parts.agent.nic.tx, host.nic.rx];
    const service = servicePlan(spec, context.streams, name);
    const restore = new RestoreVm(sim, {
      vm,
      service: parts.service,
      storageBase: slotOnAgent * diskSize,
      chunkCount,
      prefetcher,
      workload: { boot: boot.plan, serviceReadyUs: boot.serviceReadyUs, service },
      timeline: { ...spec.timeline, relocationStart: spec.relocation.start },
      guestIo: (mount) =>
        new GuestIo(
          sim,
          {
            name, blockSize, blocksPerChunk, versions, writeArea, service: parts.service, mount, primary: host.datastore, primaryBase, transport, path, latencies,
            skipMirrorMarks: spec.unsafeSkipMirrorMarks,
            onCopyOnRead: (blocks) => progress.add(sim.now, blocks * blockSize),
          },
          { serviceReady: false, relocating: false, switchedOver: false, copyOnRead: scheme?.copyOnRead ?? false },
        ),
      copier: (mount, _io, onDone) => {
        const copier = new RelocationCopier(
          sim,
          new VmCopyTarget({ versions, service: parts.service, mount, blockSize, blocksPerChunk, primary: host.datastore, primaryBase, transport, path }, onMa, allocatedBlocks),
          (scheme as NonNullable<typeof scheme>).order(relocationContext),
          { streams: spec.relocation.streams, rateLimit: spec.relocation.rateLimit, readClass: spec.relocation.readClass },
          onDone,
        );
        copier.onCopied = (bytes) => progress.add(sim.now, bytes);
        return copier;
      },
    });
    restores.push(restore);
    sim.schedule(i * spec.vms.startSpacing, "restore.vm-start", startRestore, restore);
  }
  return { sim, network, agents, agentIndices, hosts, restores, vmIndices, latencies, progress };
}

/**
 * The copier's view of one VM. Its block tests are methods reading fields, not closures over the
 * build loop's scope: one object fewer to reach per chunk when a thousand VMs share the caches.
 * The fleet's full restores (../fleet/pipeline.ts) use it too.
 *
 * @example
 * new VmCopyTarget({ versions, service, mount, blockSize, blocksPerChunk, primary, primaryBase, transport, path }, true, 4096).isZero(5000) // => true while block 5000 was never written
 */
export class VmCopyTarget implements CopyTarget {
  readonly versions: BlockVersions;
  readonly service: MediaAgentService;
  readonly mount: Mount;
  readonly blockSize: number;
  readonly blocksPerChunk: number;
  readonly primary: BlockDevice;
  readonly primaryBase: number;
  readonly transport: Transport;
  readonly path: readonly Link[];

  constructor(
    fields: Omit<CopyTarget, "sourceVersion" | "isZero">,
    /** The write area is on the media agent: its view has the guest's newest versions. */
    private readonly onMa: boolean,
    /** Blocks past this one that were never written are zeros. */
    private readonly allocatedBlocks: number,
  ) {
    this.versions = fields.versions;
    this.service = fields.service;
    this.mount = fields.mount;
    this.blockSize = fields.blockSize;
    this.blocksPerChunk = fields.blocksPerChunk;
    this.primary = fields.primary;
    this.primaryBase = fields.primaryBase;
    this.transport = fields.transport;
    this.path = fields.path;
  }

  sourceVersion(block: number): number {
    return this.onMa ? this.versions.newestOf(block) : 0;
  }

  isZero(block: number): boolean {
    return block >= this.allocatedBlocks && this.versions.newestOf(block) === 0;
  }
}

function startRestore(restore: RestoreVm): void {
  restore.start();
}

/** The VM's pre-stager: the boot policy, plus relocation-aware pre-staging when configured. */
export function makePrefetcher(spec: RestoreSpec, profile: RestoreSpecProfile, future: readonly { firstBlock: number; blockCount: number }[], relocationOrder: (() => Iterable<{ firstBlock: number; blockCount: number }>) | null): Prefetcher | null {
  const parts: Prefetcher[] = [];
  if (spec.prefetch.policy !== "none") parts.push(prefetchPolicies.get(spec.prefetch.policy).create({ ...spec.prefetch.options, profile, future }));
  if (relocationOrder !== null) parts.push(prefetchPolicies.get("relocation-aware").create({ relocationOrder: relocationOrder(), window: spec.relocation.prestageWindow }));
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : new CompositePrefetcher(parts);
}

type RestoreSpecProfile = ReturnType<typeof profileInputs>;
