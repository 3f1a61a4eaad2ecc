/**
 * The guest's I/O during a restore, routed by the data agent. A read's blocks are served from
 * the write area (blocks the guest wrote), primary (blocks already relocated, or everything after
 * switch-over) or the media agent (the rest: cache or secondary storage, then the network).
 * Writes go to the write area before relocation, to primary and the write area during it (the
 * mirror rule: written blocks are marked so the copier skips them) and to primary after
 * switch-over. Every demand read's latency is recorded with its phases and source.
 *
 * Partial writes: the mirror rule marks only blocks a write covers fully (as QEMU's active
 * mirror clears whole granules only). A block a write reaching primary covers in part is
 * recorded "to merge" instead: the copier still copies it, with a read-merge-write that keeps
 * the guest's bytes (block-versions.ts). If primary already held the block current, it stays
 * current and marked.
 *
 * Reads of a partially written block are served like those of a block written whole: from the
 * write area (the media agent's area device, or primary when the area is redirected there),
 * never from the media agent's read path, whether or not the copier's merge has landed. The
 * data they see is the newest: the guest's bytes from the area, the block's other bytes being
 * the backup's, unchanged since (the area's merged view). The model charges one area read of
 * the request's share and no backup fetch for those other bytes (the write area's whole-block
 * granularity, pinned in write-area.test.ts); block versions, and so the invariants, do not
 * depend on reads.
 */
import type { Simulation } from "../kernel/simulation.ts";
import type { BlockDevice } from "../models/devices/types.ts";
import type { Link } from "../models/network/network.ts";
import type { TraceRequest } from "../workloads/traces/types.ts";
import type { BlockVersions } from "./block-versions.ts";
import type { ChunkWaiter, MediaAgentService, Mount } from "./media-agent-service.ts";
import { PHASE_AFTER_READY, PHASE_BEFORE_READY, PHASE_RELOCATING, PHASE_SWITCHED, type LatencyCollector, type ReadSource } from "./metrics.ts";
import type { Transport } from "./transport.ts";
import type { WriteArea } from "./write-area.ts";

/** Where the VM's disk stands, as guest I/O routing needs it. */
export interface GuestIoState {
  serviceReady: boolean;
  relocating: boolean;
  switchedOver: boolean;
  /** Copy blocks the guest reads from the media agent to primary (copy-on-read relocation). */
  copyOnRead: boolean;
}

/** Everything guest I/O routing touches for one VM. */
export interface GuestIoTarget {
  name: string;
  blockSize: number;
  blocksPerChunk: number;
  versions: BlockVersions;
  writeArea: WriteArea;
  service: MediaAgentService;
  mount: Mount;
  primary: BlockDevice;
  primaryBase: number;
  transport: Transport;
  /** Media agent → host path. */
  path: readonly Link[];
  latencies: LatencyCollector;
  /** Test-only: guest writes to primary are not marked (a broken mirror rule). */
  skipMirrorMarks: boolean;
  /** Called with the blocks copy-on-read marked (relocation bookkeeping). */
  onCopyOnRead(blocks: number): void;
  /**
   * Set once the restore was aborted (the fleet's media agent failed): every later request is
   * refused without an answer, so the guest's replay stops where it is.
   */
  abort?: { readonly aborted: boolean };
}

/** Counters of one VM's guest I/O. */
export interface GuestIoStats {
  reads: number;
  writes: number;
  bytesRead: number;
  bytesWritten: number;
  /** Bytes of demand reads served by the media agent. */
  bytesFromMediaAgent: number;
  /** Blocks marked on primary by guest writes, and by copy-on-read. */
  guestMarks: number;
  copyOnReadMarks: number;
  /** Blocks a partial write on primary left to merge (the copier still copies them). */
  guestMerges: number;
}

const SOURCE_RANK: Readonly<Record<ReadSource, number>> = { primary: 0, writeArea: 1, cache: 2, secondary: 3 };

/**
 * A guest read in progress. Pooled by its GuestIo and reused once it completed: by then every
 * chunk it waited for has told it (maChunks reached 0) and every part is done, so nothing
 * refers to it any more.
 */
class GuestRead implements ChunkWaiter {
  parts = 0;
  maChunks = 0;
  maBytes = 0;
  fetched = false;
  source: ReadSource = "primary";
  constructor(
    readonly io: GuestIo,
    public request: TraceRequest,
    public issuedAt: number,
    public phases: number,
    public done: () => void,
  ) {}
  chunkReady(_token: number, fetched: boolean): void {
    if (fetched) this.fetched = true;
    if (--this.maChunks === 0) this.io.mediaAgentDone(this);
  }
  partDone(): void {
    if (--this.parts === 0) this.io.readDone(this);
  }
}

function readReady(read: GuestRead): void {
  read.io.mediaAgentDone(read);
}

// Bound once at module level: a read allocates no closure.
const readDelivered = (read: GuestRead): void => read.io.delivered(read);

/**
 * Serves one VM's guest requests (`submit(request, done)`), the `submit` of its replay.
 *
 * @example
 * import { buildRestoreWorld } from "../lab/kinds/restore/build.ts"; // makes each VM's GuestIo at its mount
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: the guest reads through the media agent
 * const world = buildRestoreWorld(spec, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" });
 * world.sim.run();
 * const io = world.restores[0].io;
 * io instanceof GuestIo; // => true
 * [io.stats.reads, io.stats.writes, io.stats.bytesFromMediaAgent] // => [4235, 72, 109669888]
 */
export class GuestIo {
  readonly stats: GuestIoStats = { reads: 0, writes: 0, bytesRead: 0, bytesWritten: 0, bytesFromMediaAgent: 0, guestMarks: 0, copyOnReadMarks: 0, guestMerges: 0 };

  /** Completed reads for reuse. */
  private readonly readPool: GuestRead[] = [];
  /** The disk's last block, kept here: a read need not reach the VM's versions object for it. */
  private readonly lastDiskBlock: number;

  constructor(
    private readonly sim: Simulation,
    readonly target: GuestIoTarget,
    readonly state: GuestIoState,
  ) {
    this.lastDiskBlock = target.versions.blockCount - 1;
  }

  /** Serves `request`; `done` runs when it completes. */
  submit(request: TraceRequest, done: () => void): void {
    if (this.target.abort?.aborted) return;
    if (request.op === "R" && request.length > 0) this.read(request, done);
    else if (request.op === "W" && request.length > 0) this.write(request, done);
    else this.sim.schedule(0, "guest.immediate", done);
  }

  /** Last block of `request` (clamped to the disk). */
  private lastBlock(request: TraceRequest): number {
    const size = this.target.blockSize;
    return Math.min(Math.floor((request.offset + request.length - 1) / size), this.lastDiskBlock);
  }

  /** First block of `request`, given its `last` block. */
  private firstBlock(request: TraceRequest, last: number): number {
    return Math.min(Math.floor(request.offset / this.target.blockSize), last);
  }

  private write(request: TraceRequest, done: () => void): void {
    const t = this.target;
    const state = this.state;
    this.stats.writes++;
    this.stats.bytesWritten += request.length;
    const last = this.lastBlock(request);
    const first = this.firstBlock(request, last);
    const toPrimary = state.switchedOver || state.relocating || !t.writeArea.onMediaAgent;
    const size = t.blockSize;
    const end = request.offset + request.length;
    // Only the first and last blocks can be covered in part.
    const partialFirst = request.offset > first * size || end < (first + 1) * size;
    const partialLast = end < (last + 1) * size || request.offset > last * size;
    for (let block = first; block <= last; block++) {
      const version = t.versions.guestWrite(block);
      if (!toPrimary) continue;
      const partial = (block === first && partialFirst) || (block === last && partialLast);
      if (!partial) {
        t.versions.writePrimary(block, version, this.sim.now);
        if (!t.skipMirrorMarks && t.versions.mark(block)) this.stats.guestMarks++;
      } else if (!t.versions.writePrimaryPartial(block, version, this.sim.now)) {
        // Primary holds only the guest's bytes: the copier must still copy the block and merge.
        if (!t.skipMirrorMarks && t.versions.markMerge(block)) this.stats.guestMerges++;
      }
    }
    const write = { offset: request.offset, length: request.length, op: "W" as const };
    if (state.switchedOver) {
      t.primary.submit({ ...write, offset: t.primaryBase + request.offset }, done);
    } else if (state.relocating && t.writeArea.onMediaAgent) {
      // Mirror: both sides; the write completes when both have it.
      let left = 2;
      const both = (): void => {
        if (--left === 0) done();
      };
      t.writeArea.write(first, last, write, both);
      t.primary.submit({ ...write, offset: t.primaryBase + request.offset }, both);
    } else {
      t.writeArea.write(first, last, write, done);
    }
  }

  private read(request: TraceRequest, done: () => void): void {
    const t = this.target;
    const state = this.state;
    this.stats.reads++;
    this.stats.bytesRead += request.length;
    const phases = (state.serviceReady ? PHASE_AFTER_READY : PHASE_BEFORE_READY) | (state.relocating ? PHASE_RELOCATING : 0) | (state.switchedOver ? PHASE_SWITCHED : 0);
    const read = this.newRead(request, phases, done);
    const last = this.lastBlock(request);
    const first = this.firstBlock(request, last);
    if (state.switchedOver) {
      read.parts = 1;
      t.primary.submit({ offset: t.primaryBase + request.offset, length: request.length, op: "R" }, () => read.partDone());
      return;
    }
    let areaBlocks = 0;
    let primaryBlocks = 0;
    let maBlocks = 0;
    for (let block = first; block <= last; block++) {
      if (t.writeArea.has(block)) areaBlocks++;
      else if (t.versions.isMarked(block)) primaryBlocks++;
      else maBlocks++;
    }
    const blocks = last - first + 1;
    read.parts = (areaBlocks > 0 ? 1 : 0) + (primaryBlocks > 0 ? 1 : 0) + (maBlocks > 0 ? 1 : 0);
    if (areaBlocks > 0) {
      read.source = "writeArea";
      t.writeArea.read(request.offset, share(request.length, areaBlocks, blocks), () => read.partDone());
    }
    if (primaryBlocks > 0) {
      t.primary.submit({ offset: t.primaryBase + request.offset, length: share(request.length, primaryBlocks, blocks), op: "R" }, () => read.partDone());
    }
    if (maBlocks > 0) this.readFromMediaAgent(read, first, last, share(request.length, maBlocks, blocks));
  }

  private readFromMediaAgent(read: GuestRead, first: number, last: number, bytes: number): void {
    const t = this.target;
    read.maBytes = bytes;
    const firstChunk = Math.floor(first / t.blocksPerChunk);
    const lastChunk = Math.floor(last / t.blocksPerChunk);
    let waiting = 0;
    read.maChunks = lastChunk - firstChunk + 2; // +1 guard while issuing
    for (let chunk = firstChunk; chunk <= lastChunk; chunk++) {
      if (!this.needsMediaAgent(chunk, first, last)) read.maChunks--;
      else if (t.service.read(t.mount, chunk, "demand", read, chunk)) read.maChunks--;
      else waiting++;
    }
    t.service.demandSeen(t.mount, firstChunk, lastChunk - firstChunk + 1);
    if (--read.maChunks === 0) {
      // Everything was in cache: one cache-read latency.
      this.sim.post(t.service.options.hitLatency, "guest.cache-hit", readReady, read);
    }
    void waiting;
  }

  /** True when a block of `[first, last]` inside `chunk` must come from the media agent. */
  private needsMediaAgent(chunk: number, first: number, last: number): boolean {
    const t = this.target;
    const from = Math.max(first, chunk * t.blocksPerChunk);
    const to = Math.min(last, (chunk + 1) * t.blocksPerChunk - 1);
    for (let block = from; block <= to; block++) {
      if (!t.writeArea.has(block) && !t.versions.isMarked(block)) return true;
    }
    return false;
  }

  /** The read's media agent chunks are in memory: send them to the host. @internal */
  mediaAgentDone(read: GuestRead): void {
    const t = this.target;
    const source: ReadSource = read.fetched ? "secondary" : "cache";
    if (SOURCE_RANK[source] > SOURCE_RANK[read.source]) read.source = source;
    this.stats.bytesFromMediaAgent += read.maBytes;
    t.transport.sendWith(t.path, read.maBytes, readDelivered, read);
  }

  /** The read's media agent bytes reached the host. @internal */
  delivered(read: GuestRead): void {
    if (this.state.copyOnRead && this.state.relocating) this.copyOnRead(read.request);
    read.partDone();
  }

  /**
   * Copy-on-read: blocks that passed from the media agent go to primary too (off the read's
   * path). Written blocks are left to the copier (and, when written in part, to its merge).
   */
  private copyOnRead(request: TraceRequest): void {
    const t = this.target;
    const last = this.lastBlock(request);
    const first = this.firstBlock(request, last);
    let marked = 0;
    for (let block = first; block <= last; block++) {
      if (t.versions.isMarked(block) || t.writeArea.has(block)) continue;
      t.versions.writePrimary(block, 0, this.sim.now);
      t.versions.mark(block);
      marked++;
    }
    if (marked === 0) return;
    this.stats.copyOnReadMarks += marked;
    t.onCopyOnRead(marked);
    t.primary.submit({ offset: t.primaryBase + first * t.blockSize, length: marked * t.blockSize, op: "W" }, noop);
  }

  /** A read of `request` issued now, from the pool when one is free. */
  private newRead(request: TraceRequest, phases: number, done: () => void): GuestRead {
    const read = this.readPool.pop();
    if (read === undefined) return new GuestRead(this, request, this.sim.now, phases, done);
    read.request = request;
    read.issuedAt = this.sim.now;
    read.phases = phases;
    read.done = done;
    read.parts = 0;
    read.maChunks = 0;
    read.maBytes = 0;
    read.fetched = false;
    read.source = "primary";
    return read;
  }

  /** Every part of the read completed: record its latency. @internal */
  readDone(read: GuestRead): void {
    const latency = this.sim.now - read.issuedAt;
    this.target.latencies.record(read.issuedAt, latency, read.source, read.phases);
    const done = read.done;
    read.done = noop;
    this.readPool.push(read);
    done();
  }
}

function noop(): void {}

/** Bytes of a `length`-byte read for `n` of its `blocks` blocks (at least 1). */
function share(length: number, n: number, blocks: number): number {
  return Math.max(1, Math.round((length * n) / blocks));
}
