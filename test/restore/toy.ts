/**
 * A toy restore world for the restore module tests, built through the modules' own constructors
 * (as src/lab/kinds/restore/build.ts builds the real one), with numbers chosen so every time is
 * computable by hand:
 *
 * - 4 KiB blocks, 4 blocks per 16 KiB chunk, 16 blocks (4 chunks) on the disk;
 * - secondary storage: fixed 1 ms per request, unlimited parallelism, no decompression;
 * - primary datastore: fixed 100 µs; media agent write-area device: fixed 50 µs;
 * - cache hit: 10 µs; NIC links 1 GB/s (1 byte/ns) with 5 µs each, so a path of two links costs
 *   `bytes` ns + 10 µs, FIFO per link (FifoTransport).
 *
 * Devices are wrapped to log every request with its submit time, so tests can assert the order
 * and timing of fetches and primary writes.
 */
import { Simulation } from "../../src/kernel/simulation.ts";
import { FixedLatencyDevice } from "../../src/models/devices/fixed-latency.ts";
import type { BlockDevice, BlockRequest, CompletionCallback } from "../../src/models/devices/types.ts";
import { HypervisorHost } from "../../src/models/hosts/hypervisor-host.ts";
import { MediaAgent } from "../../src/models/hosts/media-agent.ts";
import { VirtualMachine } from "../../src/models/hosts/vm.ts";
import { Network } from "../../src/models/network/network.ts";
import { Cache } from "../../src/policies/cache/cache.ts";
import { cachePolicies } from "../../src/policies/cache/index.ts";
import { ReadTracker, RelocationFirstPolicy } from "../../src/restore/read-tracking.ts";
import type { Prefetcher } from "../../src/policies/prefetch/types.ts";
import type { BlockRange } from "../../src/policies/relocation/types.ts";
import { schedulingPolicies } from "../../src/policies/scheduling/index.ts";
import type { IoClass } from "../../src/policies/io-class.ts";
import { BlockVersions } from "../../src/restore/block-versions.ts";
import { GuestIo, type GuestIoState } from "../../src/restore/guest-io.ts";
import { MediaAgentService, type ChunkWaiter, type Mount } from "../../src/restore/media-agent-service.ts";
import { LatencyCollector } from "../../src/restore/metrics.ts";
import { RelocationCopier } from "../../src/restore/relocation-copier.ts";
import { FifoTransport } from "../../src/restore/transport.ts";
import { WriteArea, type WriteAreaLocation } from "../../src/restore/write-area.ts";
import type { TraceRequest } from "../../src/workloads/traces/types.ts";

export const BLOCK = 4096;
export const PER_CHUNK = 4;
export const CHUNK = BLOCK * PER_CHUNK;
export const MS = 1_000_000;
export const US = 1_000;

/** One logged device request: submit time (ns) and the request. */
export interface LoggedIo {
  at: number;
  op: string;
  offset: number;
  length: number;
}

/** A device that logs each submit, then forwards to `inner`. */
export class LoggingDevice implements BlockDevice {
  readonly log: LoggedIo[] = [];
  constructor(
    private readonly sim: Simulation,
    readonly inner: BlockDevice,
  ) {}
  get name(): string {
    return this.inner.name;
  }
  get definition() {
    return this.inner.definition;
  }
  get outstanding(): number {
    return this.inner.outstanding;
  }
  submit(request: BlockRequest, onComplete: CompletionCallback): void {
    this.log.push({ at: this.sim.now, op: request.op, offset: request.offset, length: request.length });
    this.inner.submit(request, onComplete);
  }
  counters() {
    return this.inner.counters();
  }
}

/** Options of {@link toyWorld}; times in ns. */
export interface ToyOptions {
  blocks?: number;
  storageLatency?: number;
  storageParallelism?: number;
  primaryLatency?: number;
  areaLatency?: number;
  hitLatency?: number;
  fetchSlots?: number;
  backgroundSlots?: number;
  cacheChunks?: number;
  scheduler?: "strict-priority" | "fifo" | "token-bucket";
  /** Options of the scheduling policy (default its defaults). */
  schedulerOptions?: Record<string, unknown>;
  writeArea?: WriteAreaLocation;
  decompress?: boolean;
  /** Wrap the LRU cache in RelocationFirstPolicy (relocated chunks evicted first). */
  evictRelocatedFirst?: boolean;
  /** Create the mount at t = 0 (default true; false when a RestoreVm mounts). */
  mount?: boolean;
}

/** Everything a toy restore is made of. */
export type Toy = ReturnType<typeof toyWorld>;

/** Builds the toy world; the mount is created at t = 0 unless `mount: false` (no prefetcher unless given). */
export function toyWorld(options: ToyOptions = {}, prefetcher: Prefetcher | null = null) {
  const blocks = options.blocks ?? 16;
  const sim = new Simulation();
  const network = new Network(sim);
  const transport = new FifoTransport(sim);
  const storage = new LoggingDevice(sim, new FixedLatencyDevice(sim, "ma.storage", { latency: options.storageLatency ?? MS, parallelism: options.storageParallelism ?? 0 }));
  const agent = new MediaAgent(sim, network, "ma", storage, { cores: 1, decompressionRate: 1e9, nicBandwidth: 1e9, nicLatency: 5_000 });
  const cacheBytes = (options.cacheChunks ?? 64) * CHUNK;
  const lru = cachePolicies.get("lru").create({ capacity: cacheBytes });
  const relocationFirst = options.evictRelocatedFirst ? new RelocationFirstPolicy(lru) : null;
  const tracker = new ReadTracker(new Cache(cacheBytes, relocationFirst ?? lru));
  const scheduler = schedulingPolicies.get(options.scheduler ?? "strict-priority").create(options.schedulerOptions ?? {});
  const service = new MediaAgentService(sim, agent, tracker, scheduler, {
    chunkSize: CHUNK,
    hitLatency: options.hitLatency ?? 10_000,
    fetchSlots: options.fetchSlots ?? 8,
    backgroundSlots: options.backgroundSlots ?? 0,
    decompress: options.decompress ?? false,
  }, relocationFirst);
  const primary = new LoggingDevice(sim, new FixedLatencyDevice(sim, "host.datastore", { latency: options.primaryLatency ?? 100_000 }));
  const host = new HypervisorHost(sim, network, "host", primary, { nicBandwidth: 1e9, nicLatency: 5_000 });
  const areaDevice = new LoggingDevice(sim, new FixedLatencyDevice(sim, "ma.writeArea", { latency: options.areaLatency ?? 50_000 }));
  const location = options.writeArea ?? "mediaAgent";
  const onMa = location === "mediaAgent";
  const versions = new BlockVersions("vm", blocks);
  const writeArea = new WriteArea(blocks, {
    location,
    device: onMa ? areaDevice : primary,
    base: 0,
    transport,
    toArea: onMa ? [host.nic.tx, agent.nic.rx] : [],
    fromArea: onMa ? [agent.nic.tx, host.nic.rx] : [],
  });
  const path = [agent.nic.tx, host.nic.rx];
  const latencies = new LatencyCollector(1e9);
  const chunkCount = Math.ceil(blocks / PER_CHUNK);
  const world = {
    sim, network, transport, storage, agent, tracker, scheduler, service, primary, host, areaDevice, versions, writeArea, path, latencies, chunkCount,
    mount: null as unknown as Mount,
    /** Blocks the copier treats as never allocated (zeros). */
    zeroFrom: blocks,
    copyOnReadBlocks: 0,
  };
  if (options.mount !== false) world.mount = service.mount("vm", 0, chunkCount, prefetcher);
  return world;
}

/** The guest I/O router of a toy world, in `state` (defaults: nothing started). */
export function toyGuestIo(toy: Toy, state: Partial<GuestIoState> = {}, skipMirrorMarks = false): GuestIo {
  return new GuestIo(
    toy.sim,
    {
      name: "vm", blockSize: BLOCK, blocksPerChunk: PER_CHUNK, versions: toy.versions, writeArea: toy.writeArea, service: toy.service, mount: toy.mount,
      primary: toy.primary, primaryBase: 0, transport: toy.transport, path: toy.path, latencies: toy.latencies, skipMirrorMarks,
      onCopyOnRead: (blocks) => {
        toy.copyOnReadBlocks += blocks;
      },
    },
    { serviceReady: false, relocating: false, switchedOver: false, copyOnRead: false, ...state },
  );
}

/** A copier of the toy disk over `order` (chunk ranges); `done` collects the finish time (or is the callback). */
export function toyCopier(
  toy: Toy,
  order: Iterable<BlockRange>,
  options: { streams?: number; rateLimit?: number; readClass?: IoClass } = {},
  done: number[] | ((at: number) => void) = [],
): RelocationCopier {
  const onMa = toy.writeArea.onMediaAgent;
  return new RelocationCopier(
    toy.sim,
    {
      versions: toy.versions, service: toy.service, mount: toy.mount, blockSize: BLOCK, blocksPerChunk: PER_CHUNK,
      sourceVersion: (block) => (onMa ? toy.versions.newest[block] : 0),
      isZero: (block) => block >= toy.zeroFrom && toy.versions.newest[block] === 0,
      primary: toy.primary, primaryBase: 0, transport: toy.transport, path: toy.path,
    },
    order,
    { streams: options.streams ?? 1, rateLimit: options.rateLimit ?? 0, readClass: options.readClass ?? "relocation" },
    typeof done === "function" ? done : (at) => done.push(at),
  );
}

/** A guest request (trace times are irrelevant to GuestIo). */
export function req(op: "R" | "W", offset: number, length: number): TraceRequest {
  return { timeUs: 0, op, offset, length };
}

/** Submits `request` to `io` at absolute time `at` (ns); the completion time is pushed to `out`. */
export function submitAt(toy: Toy, io: GuestIo, at: number, request: TraceRequest, out: number[]): void {
  toy.sim.scheduleAt(at, "test.event", () => io.submit(request, () => out.push(toy.sim.now)));
}

/** A chunk waiter that logs `[token, time, fetched]`. */
export function waiterLog(toy: Toy): ChunkWaiter & { log: [number, number, boolean][] } {
  const log: [number, number, boolean][] = [];
  return {
    log,
    chunkReady(token: number, fetched: boolean) {
      log.push([token, toy.sim.now, fetched]);
    },
  };
}

/** Chunk numbers of a device log's requests (offset / chunk size). */
export function chunksOf(log: readonly LoggedIo[]): number[] {
  return log.map((io) => io.offset / CHUNK);
}

export { VirtualMachine };
