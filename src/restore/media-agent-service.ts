/**
 * The media agent's read service: serves chunk reads of mounted backups by class through its I/O
 * scheduler. Per chunk: cache lookup (the ReadTracker records the class) → on a miss, one fetch
 * of the whole chunk from secondary storage, queued in the scheduler by class and dispatched
 * when one of `fetchSlots` is free → decompression on the media agent's cores (unless the storage
 * decompresses itself) → everyone waiting for the chunk is told. Concurrent reads of a chunk
 * share one fetch; a demand read joining a queued lower-class fetch promotes it to demand.
 * Pre-stage requests from a mount's prefetcher enter as `"prestage"` (or `"relocation"`) fetches
 * with nobody waiting.
 */
import type { Simulation } from "../kernel/simulation.ts";
import type { BlockDevice, BlockRequest } from "../models/devices/types.ts";
import type { MediaAgent } from "../models/hosts/media-agent.ts";
import type { IoClass } from "../policies/io-class.ts";
import type { DemandReadContext, Prefetcher } from "../policies/prefetch/types.ts";
import type { IoScheduler, QueuedIo } from "../policies/scheduling/types.ts";
import type { ReadTracker, RelocationFirstPolicy } from "./read-tracking.ts";
import { inImage, type SharedImage } from "./shared-chunks.ts";
import { KeyIndex } from "../policies/cache/structures/key-index.ts";

/** Someone waiting for chunks: told once per chunk with the token it passed. */
export interface ChunkWaiter {
  /** Chunk `token` is in the media agent's memory now; `fetched` when it came from secondary storage. */
  chunkReady(token: number, fetched: boolean): void;
}

/** A backup exposed by the media agent: one VM's disk. Created by {@link MediaAgentService.mount}. */
export interface Mount {
  readonly name: string;
  /** Cache key of chunk 0 (keys are unique per media agent). */
  readonly keyBase: number;
  /** Byte offset of the disk's backup on secondary storage. */
  readonly storageBase: number;
  readonly chunkCount: number;
  /** The template image the disk is a clone of (its shared chunks: shared-chunks.ts), or null. */
  readonly shared: SharedImage | null;
  prefetcher: Prefetcher | null;
  /** Bound once: the sink the prefetcher writes into. */
  readonly sink: (firstChunk: number, count: number, ioClass: Exclude<IoClass, "demand">) => void;
  released: boolean;
}

/**
 * A mount as the service keeps it: the chunks it ever looked up lie in `[lowChunk, highChunk]`
 * (keys are never reused), so `release` need not remove the thousands of chunks it never saw.
 */
interface MountEntry extends Mount {
  lowChunk: number;
  highChunk: number;
  /** The prefetcher whose optional hooks `hasArrival`/`hasProgress` describe (checked by identity, so the hot paths need not reach into a cold prefetcher object to find a hook it lacks). */
  hooksOf: Prefetcher | null;
  hasArrival: boolean;
  hasProgress: boolean;
}

/** Options of a {@link MediaAgentService}; sizes in bytes, times in ns. */
export interface MediaAgentServiceOptions {
  /** Chunk size: the unit of caching and of fetches from secondary storage. */
  chunkSize: number;
  /** Time to serve a chunk from the read cache, ns. */
  hitLatency: number;
  /** Fetches from secondary storage in progress at once; the rest wait in the scheduler. */
  fetchSlots: number;
  /** Most fetch slots pre-stage and relocation fetches may hold (the rest are kept for demand); 0 = no cap. */
  backgroundSlots?: number;
  /** True when the media agent decompresses fetched chunks on its cores (false when the storage does it). */
  decompress: boolean;
}

/** Counters of a media agent service (chunks unless said otherwise). */
export interface MediaAgentServiceStats {
  fetches: number;
  fetchedBytesByClass: Record<IoClass, number>;
  /** Demand chunk reads: ready in cache, waiting for an in-flight fetch, or missing. */
  demandReady: number;
  demandWaited: number;
  demandMissed: number;
  /** Demand reads that found a pre-staged chunk ready / still in flight. */
  prestageOnTime: number;
  prestageLate: number;
  /** Fetches a demand read promoted from a lower class while queued. */
  promoted: number;
  /** Queued fetches dropped because their mount was released and nobody waited. */
  dropped: number;
  /** Demand fetches finished (a fetch promoted to demand counted from its promotion). */
  demandFetches: number;
  /** Their summed time queued for a fetch slot (in the scheduler: enqueued → dispatched), ns. */
  demandSlotWaitNs: number;
  /** Their summed time from dispatch until the chunk was in memory (storage, then decompression here if any), ns. */
  demandStorageNs: number;
}

const CPU_PRIORITY: Readonly<Record<IoClass, number>> = { demand: 0, prestage: 1, relocation: 2 };

/**
 * The scheduler entry of a fetch, reused with it: the scheduler lets go of it when it is
 * dequeued or removed, before the fetch can be pooled or re-queued (promotion).
 */
class FetchIo implements QueuedIo {
  id = 0;
  ioClass: IoClass = "demand";
  bytes = 0;
  enqueuedAt = 0;
  constructor(readonly fetch: Fetch) {}
}

/**
 * A fetch queued or running; pooled by its service and reused once finished or dropped. Its
 * storage request and completion callback are reused with it: a device lets go of the request
 * when it completes, before the fetch can be pooled.
 */
class Fetch {
  readonly waiters: ChunkWaiter[] = [];
  readonly tokens: number[] = [];
  dispatched = false;
  /** When it was dispatched to storage (a fetch slot granted), ns. */
  dispatchedAt = 0;
  readonly io = new FetchIo(this);
  readonly request: BlockRequest = { offset: 0, length: 0, op: "R", tag: 0, ioClass: "demand" };
  /** Bound once per fetch: the storage completion callback. */
  readonly onStored: () => void;
  constructor(
    service: MediaAgentService,
    /** Its index in the service's `fetches`, for the whole run (pooled fetches keep it). */
    readonly slot: number,
    public id: number,
    public key: number,
    public chunk: number,
    public mount: Mount,
    public ioClass: IoClass,
  ) {
    this.onStored = () => service.stored(this);
  }
}

/**
 * Serves chunk reads for the mounts of one media agent.
 *
 * @example
 * import { MediaAgent } from "../models/hosts/media-agent.ts";
 * import { FixedLatencyDevice } from "../models/devices/fixed-latency.ts";
 * import { Network } from "../models/network/network.ts";
 * import { Cache } from "../policies/cache/cache.ts";
 * import { ReadTracker } from "./read-tracking.ts";
 * const ma = new MediaAgent(sim, new Network(sim), "ma", new FixedLatencyDevice(sim, "ma.storage", { latency: 1_000_000 }), { cores: 1, decompressionRate: 1e9, nicBandwidth: 1e9, nicLatency: 5_000 });
 * const tracker = new ReadTracker(new Cache(64 << 20, cachePolicies.get("lru").create({ capacity: 64 << 20 })));
 * const scheduler = schedulingPolicies.get("strict-priority").create({});
 * const service = new MediaAgentService(sim, ma, tracker, scheduler, { chunkSize: 1 << 20, hitLatency: 100_000, fetchSlots: 16, decompress: true });
 * const mount = service.mount("vms.vm1", 0, 65_536, null);
 * const ready: unknown[][] = [];
 * const waiter = { chunkReady: (token: number, fetched: boolean) => ready.push([token, sim.now, fetched]) };
 * service.read(mount, 12, "demand", waiter, 0); // => false // not in memory: fetching
 * sim.run();
 * ready // => [[0, 2048576, true]] // 1 ms storage read, then 1 MiB decompressed at 1 GB/s
 */
export class MediaAgentService {
  readonly stats: MediaAgentServiceStats = {
    fetches: 0,
    fetchedBytesByClass: { demand: 0, prestage: 0, relocation: 0 },
    demandReady: 0,
    demandWaited: 0,
    demandMissed: 0,
    prestageOnTime: 0,
    prestageLate: 0,
    promoted: 0,
    dropped: 0,
    demandFetches: 0,
    demandSlotWaitNs: 0,
    demandStorageNs: 0,
  };
  /**
   * Fetches queued or running: cache key → the fetch's slot in `fetches` (an open-addressing
   * table of numbers: no Map entry allocated, no table shrunk and regrown as fetches come and go).
   */
  private readonly inFlight = new KeyIndex(64);
  /** Every fetch ever made, by slot (in flight or pooled). */
  private readonly fetches: Fetch[] = [];
  /** Template images by name (see {@link MediaAgentService.image}). */
  private readonly images = new Map<string, SharedImage>();
  /** Finished fetches for reuse (their waiter arrays emptied). */
  private readonly pool: Fetch[] = [];
  private nextId = 1;
  private nextKey = 0;
  private busySlots = 0;
  private busyBackground = 0;
  /** Time of the pending wake-up (a scheduler with limits), -1 when none. */
  private wakeAt = -1;
  private readonly ctx: DemandReadContext = { firstBlock: 0, blockCount: 0, time: 0 };
  private readonly storage: BlockDevice;

  constructor(
    private readonly sim: Simulation,
    readonly agent: MediaAgent,
    readonly tracker: ReadTracker,
    readonly scheduler: IoScheduler,
    readonly options: MediaAgentServiceOptions,
    /** The cache policy when it evicts relocated chunks first. */
    private readonly relocationFirst: RelocationFirstPolicy | null = null,
  ) {
    this.storage = agent.storage;
  }

  /**
   * Exposes a disk of `chunkCount` chunks whose backup starts at `storageBase` on secondary
   * storage; `prefetcher` (optional) gets `onStart` now. A clone of a template names its
   * `shared` image (from {@link MediaAgentService.image}): its shared chunks are the image's,
   * with the image's cache keys and storage, so clones hit each other's chunks.
   *
   * @example
   * import { MediaAgent } from "../models/hosts/media-agent.ts";
   * import { FixedLatencyDevice } from "../models/devices/fixed-latency.ts";
   * import { Network } from "../models/network/network.ts";
   * import { Cache } from "../policies/cache/cache.ts";
   * import { ReadTracker } from "./read-tracking.ts";
   * const ma = new MediaAgent(sim, new Network(sim), "ma", new FixedLatencyDevice(sim, "ma.storage", { latency: 1_000_000 }), { cores: 1, decompressionRate: 1e9, nicBandwidth: 1e9, nicLatency: 5_000 });
   * const tracker = new ReadTracker(new Cache(64 << 20, cachePolicies.get("lru").create({ capacity: 64 << 20 })));
   * const scheduler = schedulingPolicies.get("strict-priority").create({});
   * const service = new MediaAgentService(sim, ma, tracker, scheduler, { chunkSize: 1 << 20, hitLatency: 100_000, fetchSlots: 16, decompress: true });
   * service.mount("vms.vm1", 0, 65_536, null).keyBase // => 0
   * service.mount("vms.vm2", 65_536, 65_536, null).keyBase // => 65536 // keys follow the first mount's chunks
   */
  mount(name: string, storageBase: number, chunkCount: number, prefetcher: Prefetcher | null, shared: SharedImage | null = null): Mount {
    const service = this;
    const mount: MountEntry = {
      name,
      keyBase: this.nextKey,
      storageBase,
      chunkCount,
      shared,
      prefetcher,
      released: false,
      lowChunk: chunkCount,
      highChunk: -1,
      hooksOf: prefetcher,
      hasArrival: typeof prefetcher?.onArrival === "function",
      hasProgress: typeof prefetcher?.onRelocationProgress === "function",
      sink(first, count, priority) {
        service.prestage(mount, first, count, priority);
      },
    };
    this.nextKey += chunkCount;
    prefetcher?.onStart?.(this.sim.now, mount.sink);
    return mount;
  }

  /**
   * The template image `name` on this media agent, created on first use with `chunkCount`
   * chunks at `storageBase` and shared fraction `fraction` (later calls return it unchanged).
   *
   * @example
   * import { MediaAgent } from "../models/hosts/media-agent.ts";
   * import { FixedLatencyDevice } from "../models/devices/fixed-latency.ts";
   * import { Network } from "../models/network/network.ts";
   * import { Cache } from "../policies/cache/cache.ts";
   * import { ReadTracker } from "./read-tracking.ts";
   * const ma = new MediaAgent(sim, new Network(sim), "ma", new FixedLatencyDevice(sim, "ma.storage", { latency: 1_000_000 }), { cores: 1, decompressionRate: 1e9, nicBandwidth: 1e9, nicLatency: 5_000 });
   * const tracker = new ReadTracker(new Cache(64 << 20, cachePolicies.get("lru").create({ capacity: 64 << 20 })));
   * const service = new MediaAgentService(sim, ma, tracker, schedulingPolicies.get("strict-priority").create({}), { chunkSize: 1 << 20, hitLatency: 100_000, fetchSlots: 16, decompress: true });
   * service.mount("vms.vm1", 0, 100, null).keyBase // => 0
   * service.image("templates.win0", 100 << 20, 100, 0.5).keyBase // => 100 // keys no mount uses
   * service.image("templates.win0", 0, 1, 1).chunkCount // => 100 // the first call's image
   */
  image(name: string, storageBase: number, chunkCount: number, fraction: number): SharedImage {
    let image = this.images.get(name);
    if (image === undefined) {
      image = { name, keyBase: this.nextKey, storageBase, chunkCount, fraction };
      this.nextKey += chunkCount;
      this.images.set(name, image);
    }
    return image;
  }

  /** Cache key of chunk `chunk` of `mount`: its template image's when shared, else its own. */
  private keyOf(mount: Mount, chunk: number): number {
    const image = mount.shared;
    return image !== null && inImage(image, chunk) ? image.keyBase + chunk : mount.keyBase + chunk;
  }

  /**
   * Reads chunk `chunk` of `mount` in class `ioClass`. Returns true when it is in cache now (the
   * caller adds `hitLatency`); otherwise `waiter.chunkReady(token, fetched)` is called later.
   */
  read(mount: Mount, chunk: number, ioClass: IoClass, waiter: ChunkWaiter, token: number): boolean {
    const key = this.keyOf(mount, chunk);
    touch(mount, chunk);
    const size = this.options.chunkSize;
    const demand = ioClass === "demand";
    const pendingSlot = this.inFlight.get(key);
    if (pendingSlot >= 0) {
      const pending = this.fetches[pendingSlot];
      if (demand) {
        this.stats.demandWaited++;
        if (this.tracker.classOf(key) === "prestage") this.stats.prestageLate++;
        this.tracker.access(key, size, "demand");
        if (!pending.dispatched && pending.ioClass !== "demand") this.promote(pending);
      }
      pending.waiters.push(waiter);
      pending.tokens.push(token);
      return false;
    }
    const inserter = demand ? this.tracker.classOf(key) : undefined;
    if (this.tracker.access(key, size, ioClass)) {
      if (demand) {
        this.stats.demandReady++;
        if (inserter === "prestage") this.stats.prestageOnTime++;
      }
      return true;
    }
    if (demand) this.stats.demandMissed++;
    const fetch = this.startFetch(mount, chunk, key, ioClass);
    fetch.waiters.push(waiter);
    fetch.tokens.push(token);
    return false;
  }

  /**
   * Tells `mount`'s prefetcher about a demand read of chunks `[firstChunk, firstChunk + count)`
   * (after their lookups), so it can emit what to pre-stage next.
   */
  demandSeen(mount: Mount, firstChunk: number, count: number): void {
    const prefetcher = mount.prefetcher;
    if (prefetcher === null || mount.released) return;
    const ctx = this.ctx;
    ctx.firstBlock = firstChunk;
    ctx.blockCount = count;
    ctx.time = this.sim.now;
    prefetcher.onDemandRead(ctx, mount.sink);
  }

  /** Tells `mount`'s prefetcher the relocation copied `cursor` chunks of its order. */
  relocationProgress(mount: Mount, cursor: number): void {
    if (mount.released) return;
    const prefetcher = mount.prefetcher;
    const entry = mount as MountEntry;
    if (prefetcher === entry.hooksOf && !entry.hasProgress) return;
    prefetcher?.onRelocationProgress?.(cursor, this.sim.now, mount.sink);
  }

  /** Chunk `chunk` of `mount` now lives on primary storage: evict it first when room is needed. */
  relocated(mount: Mount, chunk: number): void {
    this.relocationFirst?.markRelocated(this.keyOf(mount, chunk));
  }

  /**
   * Queues fetches of chunks `[first, first + count)` of `mount` that are neither cached nor in
   * flight, in class `priority` (the prefetcher's sink).
   */
  prestage(mount: Mount, first: number, count: number, priority: Exclude<IoClass, "demand">): void {
    if (mount.released) return;
    const end = Math.min(first + count, mount.chunkCount);
    for (let chunk = Math.max(0, first); chunk < end; chunk++) {
      const key = this.keyOf(mount, chunk);
      if (this.inFlight.get(key) >= 0 || this.tracker.classOf(key) !== undefined) continue;
      touch(mount, chunk);
      this.tracker.access(key, this.options.chunkSize, priority);
      this.startFetch(mount, chunk, key, priority);
    }
  }

  /**
   * Releases `mount` (switch-over): its cached chunks are dropped and its queued fetches nobody
   * waits for are not started.
   */
  release(mount: Mount): void {
    mount.released = true;
    // Chunks outside the range the service looked up were never in the cache: nothing to remove.
    const entry = mount as Partial<MountEntry>;
    const low = entry.lowChunk ?? 0;
    const high = entry.highChunk ?? mount.chunkCount - 1;
    // A template's chunks stay: other clones may read them.
    for (let chunk = low; chunk <= high; chunk++) if (!inImage(mount.shared, chunk)) this.tracker.remove(mount.keyBase + chunk);
  }

  /** Fetches queued or running. */
  get outstanding(): number {
    return this.inFlight.size;
  }

  private startFetch(mount: Mount, chunk: number, key: number, ioClass: IoClass): Fetch {
    const pooled = this.pool.pop();
    let fetch: Fetch;
    if (pooled === undefined) {
      fetch = new Fetch(this, this.fetches.length, this.nextId++, key, chunk, mount, ioClass);
      this.fetches.push(fetch);
    } else {
      fetch = pooled;
      fetch.id = this.nextId++;
      fetch.key = key;
      fetch.chunk = chunk;
      fetch.mount = mount;
      fetch.ioClass = ioClass;
      fetch.dispatched = false;
    }
    this.inFlight.set(key, fetch.slot);
    const io = fetch.io;
    io.id = fetch.id;
    io.ioClass = ioClass;
    io.bytes = this.options.chunkSize;
    io.enqueuedAt = this.sim.now;
    this.scheduler.enqueue(io);
    this.pump();
    return fetch;
  }

  private promote(fetch: Fetch): void {
    this.scheduler.remove(fetch.id);
    fetch.ioClass = "demand";
    this.stats.promoted++;
    // The scheduler let go of fetch.io in remove: it is queued again as a demand I/O.
    const io = fetch.io;
    io.ioClass = "demand";
    io.enqueuedAt = this.sim.now;
    this.scheduler.enqueue(io);
  }

  private pump(): void {
    const cap = this.options.backgroundSlots ?? 0;
    while (this.busySlots < this.options.fetchSlots && this.scheduler.size > 0) {
      // Background fetches past their cap wait, so deep device queues cannot hold demand back.
      if (cap > 0 && this.busyBackground >= cap && this.scheduler.sizeOf("demand") === 0) break;
      const io = this.scheduler.dequeue(this.sim.now);
      if (io === undefined) {
        this.wakeUpAt(this.scheduler.nextReadyAt?.(this.sim.now));
        break;
      }
      // Every queued I/O is a fetch's FetchIo.
      const fetch = (io as FetchIo).fetch;
      if (fetch.mount.released && fetch.waiters.length === 0) {
        this.stats.dropped++;
        this.inFlight.delete(fetch.key);
        this.pool.push(fetch);
        continue;
      }
      fetch.dispatched = true;
      fetch.dispatchedAt = this.sim.now;
      this.busySlots++;
      if (fetch.ioClass !== "demand") this.busyBackground++;
      const size = this.options.chunkSize;
      this.stats.fetches++;
      this.stats.fetchedBytesByClass[fetch.ioClass] += size;
      const request = fetch.request;
      const image = fetch.mount.shared;
      request.offset = inImage(image, fetch.chunk) ? (image as SharedImage).storageBase + fetch.chunk * size : fetch.mount.storageBase + fetch.chunk * size;
      request.length = size;
      request.tag = fetch.id;
      request.ioClass = fetch.ioClass;
      this.storage.submit(request, fetch.onStored);
    }
  }

  /** Pumps again at `at`: a non-work-conserving scheduler's next eligible time. */
  private wakeUpAt(at: number | undefined): void {
    if (at === undefined || !Number.isFinite(at) || !(at > this.sim.now) || (this.wakeAt >= 0 && this.wakeAt <= at)) return;
    this.wakeAt = at;
    this.sim.schedule(at - this.sim.now, "media-agent.wake", () => {
      if (this.wakeAt === at) this.wakeAt = -1;
      this.pump();
    });
  }

  /** The storage read of `fetch` completed. @internal */
  stored(fetch: Fetch): void {
    this.busySlots--;
    if (fetch.ioClass !== "demand") this.busyBackground--;
    if (this.options.decompress) {
      this.agent.decompress(this.options.chunkSize, () => this.finish(fetch), CPU_PRIORITY[fetch.ioClass]);
    } else {
      this.finish(fetch);
    }
    this.pump();
  }

  private finish(fetch: Fetch): void {
    this.inFlight.delete(fetch.key);
    if (fetch.ioClass === "demand") {
      // Since it became a demand fetch (created, or promoted while queued: io.enqueuedAt).
      const since = fetch.io.enqueuedAt;
      this.stats.demandFetches++;
      this.stats.demandSlotWaitNs += fetch.dispatchedAt - since;
      this.stats.demandStorageNs += this.sim.now - fetch.dispatchedAt;
    }
    const mount = fetch.mount as MountEntry;
    if (fetch.ioClass !== "demand" && !mount.released && (mount.prefetcher !== mount.hooksOf || mount.hasArrival)) {
      mount.prefetcher?.onArrival?.(fetch.chunk, 1, this.sim.now);
    }
    const { waiters, tokens } = fetch;
    for (let i = 0; i < waiters.length; i++) waiters[i].chunkReady(tokens[i], true);
    // Reused only now: a waiter may start fetches while it is told.
    // pop(), not `length = 0` (a runtime call): there are one or two waiters.
    while (waiters.length > 0) waiters.pop();
    while (tokens.length > 0) tokens.pop();
    this.pool.push(fetch);
  }
}

/** Widens the range of chunks of `mount` the service looked up (see `MountEntry`). */
function touch(mount: Mount, chunk: number): void {
  const entry = mount as MountEntry;
  if (chunk < entry.lowChunk) entry.lowChunk = chunk;
  if (chunk > entry.highChunk) entry.highChunk = chunk;
}
