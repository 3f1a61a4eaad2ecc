/**
 * The composition root of one VM's restore: the only place that wires a restore's parts together
 * (the VM, its block versions, write area, guest I/O router, relocation copier and copy target,
 * and the data agent's timeline over them). The restore kind builds a world of such VMs
 * (src/lab/kinds/restore/build.ts) and the fleet's restore pipeline builds one per attempt
 * (src/lab/kinds/fleet/pipeline.ts); both say only where the VM's bytes live and travel (devices,
 * offsets, links, transport), which policies it runs (prefetcher, relocation scheme) and when.
 * Aborting, which only the fleet does, is part of every assembled restore, not a subclass.
 */
import type { SharedImage } from "./shared-chunks.ts";
import type { Simulation } from "../kernel/simulation.ts";
import type { BlockDevice } from "../models/devices/types.ts";
import type { HypervisorHost } from "../models/hosts/hypervisor-host.ts";
import { VirtualMachine, type VmMilestone } from "../models/hosts/vm.ts";
import type { Link } from "../models/network/network.ts";
import type { Prefetcher } from "../policies/prefetch/types.ts";
import type { RelocationContext, RelocationScheme } from "../policies/relocation/types.ts";
import { InvariantError } from "../util/errors.ts";
import { BlockVersions } from "./block-versions.ts";
import { VmCopyTarget, type ByteExtent } from "./copy-target.ts";
import { RestoreVm, type GuestWorkload, type RelocationStart, type TimelineOptions } from "./data-agent.ts";
import { GuestIo } from "./guest-io.ts";
import type { MediaAgentService } from "./media-agent-service.ts";
import type { LatencyCollector } from "./metrics.ts";
import { RelocationCopier, type CopierOptions } from "./relocation-copier.ts";
import type { Transport } from "./transport.ts";
import { WriteArea, type WriteAreaLocation } from "./write-area.ts";

/** How an assembled VM is relocated to primary storage. */
export interface RestoreVmRelocation {
  /** When the copy starts; `"before-power-on"` is a full restore, then boot. */
  start: Exclude<RelocationStart, "never">;
  /** The scheme: its copy order, and whether guest reads copy their blocks (copy-on-read). */
  scheme: RelocationScheme;
  /** What the scheme's `order()` reads: the disk in chunks, its allocated chunks, the profile. */
  context: RelocationContext;
  /** Streams, rate limit and read class of the copier. */
  copier: Omit<CopierOptions, "abort">;
  /** Media agent → the primary datastore, the path copies cross; default `toHost`. */
  path?: readonly Link[];
  /** Bytes that reached primary by relocation: a copy landed, or a guest read copied its blocks. */
  onProgress?(bytes: number): void;
}

/** Everything one VM's restore is assembled from. Times ns, sizes bytes. */
export interface AssembleRestoreVmOptions {
  sim: Simulation;
  /** The VM's name (`vms.vm3`): its versions, mount and replay carry it. */
  name: string;
  diskSize: number;
  /** Block size the restore tracks (versions, write area, copies); divides `chunkSize`. */
  blockSize: number;
  /** Chunk size of the media agent's backup store (its cache and fetch unit). */
  chunkSize: number;
  /** The host the VM is registered on, when the world models hosts (the VM is placed there). */
  host?: HypervisorHost;
  /** Called at each milestone's first mark (the fleet's VSA waits for power-on and service ready). */
  onMilestone?(milestone: VmMilestone, at: number): void;
  /** The media agent's read service that mounts the backup. */
  service: MediaAgentService;
  /** Byte offset of the VM's backup on the media agent's storage (and of its write area there). */
  storageBase: number;
  /** The template image the VM is a clone of (its shared chunks: shared-chunks.ts); absent = none. */
  shared?: SharedImage | null;
  /** The primary datastore device and the VM's byte offset on it. */
  primary: BlockDevice;
  primaryBase: number;
  /**
   * Where the guest's writes land until switch-over; `device` is the media agent's write-area
   * device, used when `location` is `"mediaAgent"` (a `"primary"` area is on `primary`).
   */
  writeArea: { location: WriteAreaLocation; device: BlockDevice };
  /** Carries every byte the restore moves. */
  transport: Transport;
  /** Media agent → host: guest reads of the mounted backup (and the write area's replies). */
  toHost: readonly Link[];
  /** Host → media agent: guest writes to a write area on the media agent. */
  toMediaAgent: readonly Link[];
  /** The VM's pre-stager (policies/prefetch), or null for a lazy mount. */
  prefetcher: Prefetcher | null;
  workload: GuestWorkload;
  timeline: Omit<TimelineOptions, "relocationStart">;
  /** Where guest read latencies are recorded (shared by the VMs of a world). */
  latencies: LatencyCollector;
  /** The disk's allocated extents (the copier's zero test); default the whole disk. */
  allocated?: readonly ByteExtent[];
  /** Relocation to primary, or null / absent for a live mount that never relocates. */
  relocation?: RestoreVmRelocation | null;
  /** Test-only: guest writes to primary are not marked (a broken mirror rule). */
  unsafeSkipMirrorMarks?: boolean;
}

/** One assembled VM restore; call `restore.start()` at the restore request. */
export interface AssembledRestoreVm {
  restore: RestoreVm;
  vm: VirtualMachine;
  versions: BlockVersions;
  writeArea: WriteArea;
  /** True once {@link AssembledRestoreVm.abort} was called. */
  readonly aborted: boolean;
  /**
   * Stops the restore: its guest I/O and copy reads are refused from now on (the replay and the
   * copier stop where they are) and its mount is released, now or as soon as it exists. The
   * timeline's own events still run (the fleet ignores their milestones).
   */
  abort(): void;
}

/**
 * Assembles one VM's restore on `options.sim`; nothing runs until `restore.start()`.
 *
 * @example
 * import { FixedLatencyDevice } from "../models/devices/fixed-latency.ts";
 * import { HypervisorHost } from "../models/hosts/hypervisor-host.ts";
 * import { MediaAgent } from "../models/hosts/media-agent.ts";
 * import { Network } from "../models/network/network.ts";
 * import { inferReplayPlan } from "../workloads/replay/plan.ts";
 * import { MediaAgentService } from "./media-agent-service.ts";
 * import { LatencyCollector } from "./metrics.ts";
 * import { ReadTracker } from "./read-tracking.ts";
 * import { FifoTransport } from "./transport.ts";
 * // A toy world: one media agent (1 ms storage), one host (100 µs datastore), 1 GB/s NICs; 16 blocks of 4 KiB in 4 chunks.
 * const network = new Network(sim);
 * const ma = new MediaAgent(sim, network, "ma", new FixedLatencyDevice(sim, "ma.storage", { latency: 1_000_000 }), { cores: 1, decompressionRate: 1e9, nicBandwidth: 1e9, nicLatency: 5_000 });
 * const tracker = new ReadTracker(new Cache(1 << 20, cachePolicies.get("lru").create({ capacity: 1 << 20 })));
 * const service = new MediaAgentService(sim, ma, tracker, schedulingPolicies.get("strict-priority").create({}), { chunkSize: 16_384, hitLatency: 10_000, fetchSlots: 8, decompress: false });
 * const primary = new FixedLatencyDevice(sim, "host.datastore", { latency: 100_000 });
 * const host = new HypervisorHost(sim, network, "host", primary, { nicBandwidth: 1e9, nicLatency: 5_000 });
 * const maSsd = new FixedLatencyDevice(sim, "ma.writeArea", { latency: 50_000 });
 * const workload = { boot: inferReplayPlan([{ timeUs: 0, op: "R", offset: 0, length: 4096, latencyUs: 100 }], { resumeUs: 0 }), serviceReadyUs: 1000 }; // one boot read
 * const timeline = { mountTime: 5_000_000, registerTime: 2_000_000, powerOnTime: 1_000_000 };
 * const { restore } = assembleRestoreVm({ sim, name: "vms.vm0", diskSize: 65_536, blockSize: 4096, chunkSize: 16_384, host, service, storageBase: 0, primary, primaryBase: 0,
 *   writeArea: { location: "mediaAgent", device: maSsd }, transport: new FifoTransport(sim), toHost: [ma.nic.tx, host.nic.rx], toMediaAgent: [host.nic.tx, ma.nic.rx],
 *   prefetcher: null, workload, timeline, latencies: new LatencyCollector(1e9) });
 * restore.start(); sim.run();
 * restore.parts.vm.timeTo("serviceReady") // => 9914096 // TTS, ns: mount, register, power-on, one chunk fetch, 900 µs of think time
 */
export function assembleRestoreVm(options: AssembleRestoreVmOptions): AssembledRestoreVm {
  const { sim, name, diskSize, blockSize, chunkSize, service, storageBase, primary, primaryBase, transport, toHost, latencies } = options;
  const relocation = options.relocation ?? null;
  const blockCount = diskSize / blockSize;
  const blocksPerChunk = chunkSize / blockSize;
  const vm = new VirtualMachine(sim, name, { diskSize, blockSize });
  options.host?.place(vm);
  if (options.onMilestone !== undefined) vm.onMilestone = options.onMilestone;
  const versions = new BlockVersions(name, blockCount);
  const onMa = options.writeArea.location === "mediaAgent";
  const writeArea = new WriteArea(blockCount, {
    location: options.writeArea.location,
    device: onMa ? options.writeArea.device : primary,
    base: onMa ? storageBase : primaryBase,
    transport,
    toArea: onMa ? options.toMediaAgent : [],
    fromArea: onMa ? toHost : [],
  });
  const state = { aborted: false };
  const onProgress = relocation?.onProgress;
  const onCopyOnRead = onProgress === undefined ? ignoreBlocks : (blocks: number) => onProgress(blocks * blockSize);
  const allocated = options.allocated ?? [{ offset: 0, bytes: diskSize }];
  const restore = new RestoreVm(sim, {
    vm,
    service,
    storageBase,
    shared: options.shared ?? null,
    chunkCount: diskSize / chunkSize,
    prefetcher: options.prefetcher,
    workload: options.workload,
    timeline: { ...options.timeline, relocationStart: relocation === null ? "never" : relocation.start },
    guestIo(mount) {
      // Aborted while mounting: the mount is released as soon as it exists.
      if (state.aborted) service.release(mount);
      return new GuestIo(
        sim,
        {
          name, blockSize, blocksPerChunk, versions, writeArea, service, mount, primary, primaryBase, transport, path: toHost, latencies,
          skipMirrorMarks: options.unsafeSkipMirrorMarks ?? false,
          onCopyOnRead,
          abort: state,
        },
        { serviceReady: false, relocating: false, switchedOver: false, copyOnRead: relocation?.scheme.copyOnRead ?? false },
      );
    },
    copier(mount, _io, onDone) {
      if (relocation === null) throw new InvariantError(`${name}: a copier was asked for a restore that never relocates`);
      const fields = { versions, service, mount, blockSize, blocksPerChunk, primary, primaryBase, transport, path: relocation.path ?? toHost };
      // The order is taken when the copy is set up (at mount), as the scheme's iterator is lazy.
      const order = relocation.scheme.order(relocation.context);
      const copier = new RelocationCopier(sim, new VmCopyTarget(fields, onMa, allocated), order, { ...relocation.copier, abort: state }, onDone);
      if (onProgress !== undefined) copier.onCopied = onProgress;
      return copier;
    },
  });
  return {
    restore,
    vm,
    versions,
    writeArea,
    get aborted() {
      return state.aborted;
    },
    abort() {
      state.aborted = true;
      const mount = restore.mount;
      if (mount !== null && !mount.released) service.release(mount);
    },
  };
}

function ignoreBlocks(_blocks: number): void {}
