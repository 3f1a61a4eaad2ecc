import { Resource } from "../../kernel/resource.ts";
import type { IoClass } from "../../contracts/io-class.ts";
import type { Simulation } from "../../kernel/simulation.ts";
import { ChunkPlacement } from "./chunk-placement.ts";
import { cpuWork } from "./cpu-work.ts";
import { withDefaults, type ModelDefinition } from "./definition.ts";
import { QueuedDevice, type QueuedRequest } from "./queued-device.ts";
import type { BlockDevice, BlockRequest, StreamSource } from "./types.ts";
import type { DeviceDeclaration, DeviceEntry } from "./registry.ts";

/** Parameters of the dedup backup store; times in ns, sizes in bytes, rates in bytes/s. */
export interface DedupStoreOptions {
  /** Fixed chunk size of the backup (Proxmox Backup Server: 4 MiB for VM images). */
  chunkSize: number;
  /** Logical bytes per stored byte (1 = uncompressed). */
  compressionRatio: number;
  /** Chunk index lookup per chunk (digest → chunk location), ns. */
  indexLookup: number;
  /** Decompression speed of one core, logical bytes/s; writes pay the same rate to compress. */
  decompressionRate: number;
  /** Cores of the store's own CPU (ignored when a CPU resource is passed in). */
  cores: number;
  /** Probability that a chunk is not stored right after its logical predecessor, [0, 1]. */
  fragmentation: number;
  /** Requests the store works on at once; the rest wait. */
  queueDepth: number;
  /** Reads of a chunk already being fetched wait for that fetch instead of fetching it again. */
  coalesce: boolean;
}

/** Registry definition of the dedup store. Rates other than the chunk size are free parameters. */
export const dedupStoreDefinition: ModelDefinition = {
  name: "dedup",
  description: "Deduplicating backup store: index lookup, whole-chunk fetch from an underlying device, decompression on CPU cores, fragmentation",
  parameters: {
    chunkSize: { type: "size", description: "fixed chunk size", default: 4_194_304, minimum: 512 },
    compressionRatio: { type: "number", description: "logical bytes per stored byte", default: 1, minimum: 1 },
    indexLookup: { type: "duration", description: "index lookup per chunk", default: 50_000, minimum: 0 },
    decompressionRate: { type: "rate", description: "decompression speed of one core (logical bytes)", default: 1e9, minimum: 1 },
    cores: { type: "integer", description: "CPU cores for decompression", default: 4, minimum: 1 },
    fragmentation: { type: "number", description: "probability a chunk is not contiguous with its predecessor", default: 0.3, minimum: 0, maximum: 1 },
    queueDepth: { type: "integer", description: "requests served at once", default: 64, minimum: 1 },
    coalesce: { type: "boolean", description: "share an in-flight chunk fetch among the reads that need it", default: false },
  },
};

/** Counters specific to the dedup store. */
export interface DedupCounters {
  /** Logical bytes asked for by reads. */
  bytesRequested: number;
  chunksFetched: number;
  /** Logical (uncompressed) bytes of the chunks fetched. */
  chunkBytesFetched: number;
  /** Bytes read from the underlying device. */
  storedBytesFetched: number;
}

/**
 * A deduplicating backup store (PBS-like) in front of an underlying device (an HDD array, an
 * object store...). A read touching `k` chunks fetches all `k` whole chunks in parallel: index
 * lookup, a read of `chunkSize / compressionRatio` bytes at the chunk's place (see
 * {@link ChunkPlacement}; seed from stream `<name>.placement`), then decompression of the whole
 * chunk on one core. A 4 KiB guest read thus costs a whole chunk: read amplification. With
 * `coalesce`, reads of a chunk already in flight share that fetch.
 * Writes compress on a core and append to the device. No chunk cache: that belongs to the
 * media agent.
 *
 * @example
 * const array = new Ssd(sim, "ma1.array");
 * const store = new DedupStore(sim, "ma1.store", new RngStreams(1), array, { fragmentation: 0.5 });
 * store.submit({ offset: 12_288, length: 4096, op: "R" }, () => {});
 * sim.run();
 * store.readAmplification() // => 1024 // 4 MiB / 4 KiB
 */
export class DedupStore extends QueuedDevice {
  readonly definition = dedupStoreDefinition;
  readonly options: DedupStoreOptions;
  readonly placement: ChunkPlacement;
  readonly cpu: Resource;
  readonly dedup: DedupCounters = { bytesRequested: 0, chunksFetched: 0, chunkBytesFetched: 0, storedBytesFetched: 0 };
  private readonly storedChunkBytes: number;
  private appendAt = 0;
  /** Chunks being fetched, with the reads waiting for them (only with `coalesce`). */
  private readonly inFlight = new Map<number, Array<() => void>>();
  /** Finished chunk fetches, for reuse. */
  private readonly fetchPool: ChunkFetch[] = [];
  /** Its chunk reads queue at the underlying device, which dispatches them by class. */
  override readonly dispatchesByClass = false;

  constructor(
    sim: Simulation,
    name: string,
    streams: StreamSource,
    readonly underlying: BlockDevice,
    options: Partial<DedupStoreOptions> & { underlyingCapacity?: number } = {},
    cpu?: Resource,
  ) {
    const { underlyingCapacity, ...rest } = options;
    const full = withDefaults<DedupStoreOptions>(dedupStoreDefinition, rest);
    super(sim, name, { queueDepth: full.queueDepth, servers: full.queueDepth });
    this.options = full;
    this.storedChunkBytes = Math.ceil(full.chunkSize / full.compressionRatio);
    this.cpu = cpu ?? new Resource(sim, { capacity: full.cores, name: `${name}.cpu` });
    this.placement = new ChunkPlacement({
      storedChunkBytes: this.storedChunkBytes,
      capacityBytes: underlyingCapacity ?? 2 ** 50,
      fragmentation: full.fragmentation,
      seed: Math.floor(streams.stream(`${name}.placement`).double() * 2 ** 32),
    });
  }

  /**
   * Logical chunk bytes fetched per byte requested by reads (1 when nothing was read yet).
   *
   * @example
   * const store = new DedupStore(sim, "ma1.store", new RngStreams(1), new Ssd(sim, "ma1.array"));
   * for (const offset of [0, 40 << 20, 80 << 20]) store.submit({ offset, length: 4096, op: "R" }, () => {});
   * sim.run();
   * store.readAmplification() // => 1024 // after random 4 KiB reads of 4 MiB chunks
   */
  readAmplification(): number {
    return this.dedup.bytesRequested === 0 ? 1 : this.dedup.chunkBytesFetched / this.dedup.bytesRequested;
  }

  protected serve(entry: QueuedRequest, done: () => void): void {
    const { op, offset, length } = entry.request;
    if (op === "F") {
      this.underlying.submit({ offset: 0, length: 0, op: "F" }, done);
      return;
    }
    if (op === "W") {
      const stored = Math.ceil(length / this.options.compressionRatio);
      const at = this.appendAt;
      this.appendAt += stored;
      const ioClass = entry.request.ioClass;
      cpuWork(this.cpu, (length / this.options.decompressionRate) * 1e9, () => {
        this.underlying.submit({ offset: at, length: stored, op: "W", ioClass }, done);
      });
      return;
    }
    this.dedup.bytesRequested += length;
    const first = Math.floor(offset / this.options.chunkSize);
    const last = Math.floor((offset + Math.max(1, length) - 1) / this.options.chunkSize);
    // One chunk (the usual case): its fetch reports straight to `done`; more: through a join.
    const chunkDone = first === last ? done : joinDone(last - first + 1, done);
    for (let chunk = first; chunk <= last; chunk++) this.fetchChunk(chunk, chunkDone, entry.request.ioClass);
  }

  /** Index lookup, whole-chunk read from the underlying device, decompression on a core. */
  private fetchChunk(chunk: number, done: () => void, ioClass: IoClass | undefined): void {
    if (this.options.coalesce) {
      const waiting = this.inFlight.get(chunk);
      if (waiting !== undefined) {
        waiting.push(done);
        return;
      }
      const waiters = [done];
      this.inFlight.set(chunk, waiters);
      done = () => {
        this.inFlight.delete(chunk);
        for (const waiter of waiters) waiter();
      };
    }
    const counters = this.dedup;
    counters.chunksFetched++;
    counters.chunkBytesFetched += this.options.chunkSize;
    counters.storedBytesFetched += this.storedChunkBytes;
    const fetch = this.fetchPool.pop() ?? new ChunkFetch(this);
    fetch.chunk = chunk;
    fetch.done = done;
    fetch.ioClass = ioClass;
    this.sim.post(this.options.indexLookup, "dedup-store.index-lookup", chunkLookedUp, fetch);
  }

  /** The index lookup of `fetch` is over: read the chunk. @internal */
  lookedUp(fetch: ChunkFetch): void {
    // The fetch's own request, reused: the underlying device lets go of it when it completes,
    // before the fetch is pooled (chunkRead). Absent and undefined classes read the same.
    const request = fetch.request;
    request.offset = this.placement.location(fetch.chunk);
    request.length = this.storedChunkBytes;
    request.ioClass = fetch.ioClass;
    this.underlying.submit(request, fetch.onRead);
  }

  /** The chunk's stored bytes arrived: decompress on a core, then report. @internal */
  chunkRead(fetch: ChunkFetch): void {
    const done = fetch.done;
    fetch.done = noop;
    this.fetchPool.push(fetch);
    cpuWork(this.cpu, (this.options.chunkSize / this.options.decompressionRate) * 1e9, done);
  }
}

/** A chunk fetch in flight, pooled by its store: its completion callback is bound once. */
class ChunkFetch {
  chunk = 0;
  ioClass: IoClass | undefined = undefined;
  done: () => void = noop;
  /** Its read of the stored chunk, reused fetch after fetch. */
  readonly request: BlockRequest = { offset: 0, length: 0, op: "R", ioClass: undefined };
  readonly onRead: () => void;
  constructor(readonly store: DedupStore) {
    this.onRead = () => store.chunkRead(this);
  }
}

// Bound once at module level: a chunk lookup allocates no closure.
const chunkLookedUp = (fetch: ChunkFetch): void => fetch.store.lookedUp(fetch);

function noop(): void {}

/** Calls `done` on the `count`-th call of the returned function. */
function joinDone(count: number, done: () => void): () => void {
  let left = count;
  return () => {
    if (--left === 0) done();
  };
}

/**
 * The dedup store's registry entry (`device: dedup`): its chunks on the `underlying` declaration
 * (named `<name>.underlying`), decompressing on the wiring's cores when behind a media agent.
 *
 * @example
 * dedupStoreEntry.definition.parameters.underlying.devices // => ["hdd", "ssd", "striped"]
 */
export const dedupStoreEntry: DeviceEntry = {
  definition: {
    ...dedupStoreDefinition,
    description: `${dedupStoreDefinition.description}; \`cores\` is ignored behind a media agent (its cores decompress)`,
    parameters: {
      ...dedupStoreDefinition.parameters,
      underlying: { type: "device", devices: ["hdd", "ssd", "striped"], default: { device: "hdd" }, description: "where the chunks are stored (default a 7.2k HDD)" },
    },
  },
  create: ({ device: _, underlying, ...options }, { sim, name, streams, wiring, build, capacityOf }) => {
    const nested = underlying as DeviceDeclaration;
    const store = build(`${name}.underlying`, nested);
    return new DedupStore(sim, name, streams, store, { ...(options as Partial<DedupStoreOptions>), underlyingCapacity: capacityOf(nested) }, wiring.cpu);
  },
};
