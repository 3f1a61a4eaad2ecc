/**
 * Builds one replication of a restore scenario on a fresh kernel: media agents (secondary
 * storage, cache with read tracking, I/O scheduler, read service), hosts (primary datastore,
 * NIC), and one data-agent restore per VM, wired to shared, read-only workload inputs.
 */
import { Simulation } from "../../../kernel/simulation.ts";
import type { BlockDevice } from "../../../models/devices/types.ts";
import { backgroundLimitOf, type BackgroundLimitOptions } from "../../../models/devices/background-limit.ts";
import type { ClassDispatch } from "../../../models/devices/queued-device.ts";
import { HypervisorHost } from "../../../models/hosts/hypervisor-host.ts";
import { MediaAgent } from "../../../models/hosts/media-agent.ts";
import { Network } from "../../../models/network/network.ts";
import { Cache } from "../../../policies/cache/cache.ts";
import { cachePolicies } from "../../../policies/cache/index.ts";
import { combinePrefetchers } from "../../../policies/prefetch/composite.ts";
import { prefetchPolicies } from "../../../policies/prefetch/index.ts";
import type { Prefetcher } from "../../../policies/prefetch/types.ts";
import { relocationSchemes } from "../../../policies/relocation/index.ts";
import type { RelocationContext } from "../../../policies/relocation/types.ts";
import { schedulingPolicies } from "../../../policies/scheduling/index.ts";
import { assembleRestoreVm } from "../../../restore/assemble.ts";
import type { RestoreVm } from "../../../restore/data-agent.ts";
import { MediaAgentService } from "../../../restore/media-agent-service.ts";
import { LatencyCollector, RelocationProgress } from "../../../restore/metrics.ts";
import { ReadTracker, RelocationFirstPolicy } from "../../../restore/read-tracking.ts";
import { FifoTransport, FlowTransport, type Transport } from "../../../restore/transport.ts";
import { InputError } from "../../../util/errors.ts";
import type { ReplicationContext } from "../../../contracts/model-kind.ts";
import { buildDevice } from "../storage-schema.ts";
import { bootInputs, profileInputs, serviceEndUs, servicePlan } from "./workload.ts";
import { templateImageOf } from "./templates.ts";
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
      (cpu) => buildDevice(sim, context.streams, `${name}.storage`, storage, { cpu, route: fifo ? undefined : { network, path: [storageLink] }, classDispatch: deviceQueuesOf(spec) }),
      { cores, decompressionRate, hashRate, nicBandwidth, nicLatency },
    );
    const inner = cachePolicies.create(cache.policy, { ...cache.options, capacity: cache.size }, "model.mediaAgents.cache.options");
    const relocationFirst = cache.evictRelocatedFirst ? new RelocationFirstPolicy(inner) : null;
    const tracker = new ReadTracker(new Cache(cache.size, relocationFirst ?? inner));
    const ioScheduler = schedulingPolicies.create(scheduler.policy, { ...scheduler.options }, "model.mediaAgents.scheduler.options");
    const options = { chunkSize: spec.chunkSize, hitLatency: cache.hitLatency, fetchSlots, backgroundSlots, decompress: storage.device !== "dedup" };
    const service = new MediaAgentService(sim, agent, tracker, ioScheduler, options, relocationFirst);
    const writeDevice = buildDevice(sim, context.streams, `${name}.writeArea`, spec.writeArea.device);
    return { agent, service, tracker, writeDevice };
  });
}

/**
 * The class-aware dispatch of `model.mediaAgents.deviceQueues` (a scheduler and a background
 * bound per device), or undefined when the section is absent (arrival order).
 */
function deviceQueuesOf(spec: RestoreSpec): ((name: string) => ClassDispatch) | undefined {
  const queues = spec.mediaAgents.deviceQueues;
  if (queues === undefined) return undefined;
  return () => ({
    scheduler: schedulingPolicies.create(queues.policy, { ...queues.options }, "model.mediaAgents.deviceQueues.options"),
    limit: backgroundLimitOf(queues as unknown as BackgroundLimitOptions),
  });
}

/**
 * Builds the world of one replication of `spec`, or of one of its partitions (./partitions.ts: the
 * partition's VMs, media agents and hosts, under their own names and numbers, so they draw the same
 * random numbers as in the whole world); each restore starts at its VM's request time when the
 * kernel runs.
 *
 * @example
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: one VM, no relocation
 * const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" };
 * const world = buildRestoreWorld(spec, context); world.sim.run();
 * world.restores[0].parts.vm.timeTo("serviceReady") // => 47163580485 // the VM's TTS, ns
 */
export function buildRestoreWorld(spec: RestoreSpec, context: ReplicationContext, partition?: RestorePartition): RestoreWorld {
  const boot = bootInputs(spec, context.scenarioDir, context.dataDir);
  checkGeometry(spec, boot.extentBytes);
  const profile = profileInputs(spec, context.scenarioDir, context.dataDir);
  if ((prefetchPolicies.needsInput(spec.prefetch.policy, "profile") || relocationSchemes.needsInput(spec.relocation.scheme, "profile")) && profile === undefined) {
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
  const chunkCount = diskSize / spec.chunkSize;
  const allocatedBytes = Math.max(spec.vms.allocated ?? diskSize, boot.extentBytes);
  const allocated = [{ offset: 0, bytes: allocatedBytes }];
  const relocationContext: RelocationContext = { blockCount: chunkCount, allocated: [{ firstBlock: 0, blockCount: Math.ceil(allocatedBytes / spec.chunkSize) }], profile };
  const start = spec.relocation.start;
  const relocating = start !== "never";
  const progress = new RelocationProgress(spec.metricsWindow, relocating ? spec.vms.count * diskSize : 0);
  const restores: RestoreVm[] = [];
  for (const i of vmIndices) {
    const name = `vms.vm${i}`;
    const parts = agentByIndex[i % spec.mediaAgents.count];
    const host = hostByIndex[i % spec.hosts.count];
    const slotOnAgent = Math.floor(i / spec.mediaAgents.count);
    const scheme = relocating ? relocationSchemes.create(spec.relocation.scheme, { ...spec.relocation.options }, "model.relocation.options") : null;
    const service = servicePlan(spec, context.streams, name, context.scenarioDir, context.dataDir);
    const prefetcher = makePrefetcher(spec, profile, boot.future, scheme === null || spec.relocation.prestageWindow === 0 ? null : () => scheme.order(relocationContext));
    const { restore } = assembleRestoreVm({
      sim, name, diskSize, blockSize, chunkSize: spec.chunkSize, host,
      service: parts.service,
      storageBase: slotOnAgent * diskSize,
      shared: templateImageOf(spec, parts.service, i),
      primary: host.datastore,
      primaryBase: Math.floor(i / spec.hosts.count) * diskSize,
      writeArea: { location: spec.writeArea.location, device: parts.writeDevice },
      transport,
      toHost: [parts.agent.nic.tx, host.nic.rx],
      toMediaAgent: [host.nic.tx, parts.agent.nic.rx],
      prefetcher,
      workload: { boot: boot.plan, serviceReadyUs: boot.serviceReadyUs, service, serviceEndUs: serviceEndUs(service) },
      timeline: spec.timeline,
      latencies,
      allocated,
      relocation: start === "never" || scheme === null ? null : {
        start,
        scheme,
        context: relocationContext,
        copier: { streams: spec.relocation.streams, rateLimit: spec.relocation.rateLimit, readClass: spec.relocation.readClass },
        onProgress: (bytes) => progress.add(sim.now, bytes),
      },
      unsafeSkipMirrorMarks: spec.unsafeSkipMirrorMarks,
    });
    restores.push(restore);
    sim.schedule(i * spec.vms.startSpacing, "restore.vm-start", startRestore, restore);
  }
  return { sim, network, agents, agentIndices, hosts, restores, vmIndices, latencies, progress };
}

function startRestore(restore: RestoreVm): void {
  restore.start();
}

/** The VM's pre-stager: the boot policy, plus relocation-aware pre-staging when configured. */
export function makePrefetcher(spec: RestoreSpec, profile: RestoreSpecProfile, future: readonly { firstBlock: number; blockCount: number }[], relocationOrder: (() => Iterable<{ firstBlock: number; blockCount: number }>) | null): Prefetcher | null {
  const parts: Prefetcher[] = [];
  if (spec.prefetch.policy !== "none") parts.push(prefetchPolicies.create(spec.prefetch.policy, { ...spec.prefetch.options, profile, future }, "model.prefetch.options"));
  if (relocationOrder !== null) parts.push(prefetchPolicies.get("relocation-aware").create({ relocationOrder: relocationOrder(), window: spec.relocation.prestageWindow }));
  return combinePrefetchers(parts);
}

type RestoreSpecProfile = ReturnType<typeof profileInputs>;
