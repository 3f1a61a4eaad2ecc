/**
 * The relocation copier: moves every block of a VM's disk from the media agent's mount to the
 * primary datastore, chunk by chunk in the relocation scheme's order, with `streams` parallel
 * streams and an optional rate limit. It skips blocks marked on primary (already copied, or
 * written there by the guest under the mirror rule) and checks the mark again when its data
 * arrives, so it never overwrites a newer block with the backup's older one. A block a guest
 * wrote only part of on primary is not marked: the copier copies it with a read-merge-write
 * (the guest's bytes are kept, the copy fills the rest; see block-versions.ts). After the
 * scheme's order it sweeps the disk: unallocated blocks never written are zeros on
 * thin-provisioned primary (marked without I/O); anything else left is copied.
 *
 * Each chunk is read at most once: a per-chunk `taken` flag is set when a stream claims it (before
 * it waits on the rate limit, is fetched, sent and written) and never cleared, because once its
 * copy lands every block it held is marked. The scheme order and the sweep skip taken chunks, so
 * the sweep never re-copies a chunk another stream is still copying.
 */
import type { Simulation } from "../kernel/simulation.ts";
import type { BlockDevice, BlockRequest } from "../models/devices/types.ts";
import type { Link } from "../models/network/network.ts";
import type { BlockRange } from "../policies/relocation/types.ts";
import type { IoClass } from "../policies/io-class.ts";
import type { BlockVersions } from "./block-versions.ts";
import type { ChunkWaiter, MediaAgentService, Mount } from "./media-agent-service.ts";
import type { Transport } from "./transport.ts";

/** The VM disk a copier relocates and the paths it uses. */
export interface CopyTarget {
  versions: BlockVersions;
  service: MediaAgentService;
  mount: Mount;
  blockSize: number;
  blocksPerChunk: number;
  /** Version of `block` in the media agent's view (backup merged with its write area). */
  sourceVersion(block: number): number;
  /** True when `block` was never allocated nor written: zeros, no copy needed. */
  isZero(block: number): boolean;
  primary: BlockDevice;
  /** Byte offset of the disk on the primary device. */
  primaryBase: number;
  transport: Transport;
  /** Media agent → host path. */
  path: readonly Link[];
}

/** Options of a {@link RelocationCopier}. */
export interface CopierOptions {
  /** Parallel copy streams. */
  streams: number;
  /** Bytes/s over all streams; 0 = unlimited. */
  rateLimit: number;
  /** Scheduler class of the copier's reads: `"relocation"`, or `"demand"` for block-stream style. */
  readClass: IoClass;
  /**
   * Set once the restore was aborted: the copier issues no read from then on, so its streams stop
   * where they are (the mount is released by whoever aborted).
   */
  abort?: { readonly aborted: boolean };
}

/** Counters of a copier. */
export interface CopierStats {
  /** Blocks the copier wrote to primary. */
  copiedBlocks: number;
  /** Blocks skipped because they were marked (mirrored guest writes, copy-on-read, repeats). */
  skippedBlocks: number;
  /** Unallocated blocks marked as zeros without I/O. */
  zeroBlocks: number;
  /** Chunk reads issued. */
  chunkReads: number;
  /** Copied blocks that were partial on primary (a partial guest write): read-merge-write. Part of `copiedBlocks`. */
  mergedBlocks: number;
}

class Stream implements ChunkWaiter {
  chunk = -1;
  count = 0;
  readonly blocks: Int32Array;
  readonly versions: Uint32Array;
  /** The stream's primary write, reused: the device lets go of it when it completes, before the next. */
  readonly write: BlockRequest = { offset: 0, length: 0, op: "W" };
  // Bound once per stream, not per chunk: the hot path allocates no closures.
  readonly onWritten: () => void;
  constructor(
    readonly copier: RelocationCopier,
    blocksPerChunk: number,
  ) {
    this.blocks = new Int32Array(blocksPerChunk);
    this.versions = new Uint32Array(blocksPerChunk);
    this.onWritten = () => copier.written(this);
  }
  chunkReady(): void {
    this.copier.arrived(this);
  }
}

// Bound once at module level, standing for a `stream.landed` arrow: no closure per chunk.
const streamLanded = (stream: Stream): void => stream.copier.land(stream);

function streamReady(stream: Stream): void {
  stream.chunkReady();
}
function streamGo(stream: Stream): void {
  stream.copier.issue(stream);
}

/**
 * Copies one VM's disk to primary; `onDone` runs once every block is marked on primary.
 *
 * @example
 * import { buildRestoreWorld } from "../lab/kinds/restore/build.ts"; // makes each VM's copier; its onDone switches the VM over
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[0].scenario.model as RestoreSpec; // full restore: sequential copy, 4 streams, before power-on
 * const world = buildRestoreWorld(spec, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" });
 * world.sim.run();
 * const copier = world.restores[0].copier;
 * copier instanceof RelocationCopier; // => true
 * [copier.stats.copiedBlocks, copier.stats.chunkReads] // => [16384, 4096]
 */
export class RelocationCopier {
  readonly stats: CopierStats = { copiedBlocks: 0, skippedBlocks: 0, zeroBlocks: 0, chunkReads: 0, mergedBlocks: 0 };
  /** Chunks of the scheme order taken so far (the cursor the prefetcher hears about). */
  cursor = 0;
  startedAt = -1;
  finishedAt = -1;
  /** Bytes written to primary by the copier. */
  bytesCopied = 0;
  /** Called with bytes each time a copy lands (relocation progress). */
  onCopied: ((bytes: number) => void) | null = null;
  private readonly order: Iterator<BlockRange>;
  private rangeNext = 0;
  private rangeLeft = 0;
  private orderDone = false;
  private sweep = 0;
  private active = 0;
  private pacerFree = 0;
  private readonly streams: Stream[] = [];
  private readonly chunkCount: number;
  /** 1 once a stream claimed the chunk (held, pacing, in flight or done): never read it again. */
  private readonly taken: Uint8Array;

  constructor(
    private readonly sim: Simulation,
    private readonly target: CopyTarget,
    order: Iterable<BlockRange>,
    readonly options: CopierOptions,
    private readonly onDone: (at: number) => void,
  ) {
    this.order = order[Symbol.iterator]();
    this.chunkCount = target.mount.chunkCount;
    this.taken = new Uint8Array(this.chunkCount);
    for (let i = 0; i < options.streams; i++) this.streams.push(new Stream(this, target.blocksPerChunk));
  }

  /** Starts every stream at the current time. */
  start(): void {
    this.startedAt = this.sim.now;
    for (const stream of this.streams) this.next(stream);
    this.checkDone();
  }

  /** True between `start` and the last block. */
  get running(): boolean {
    return this.startedAt >= 0 && this.finishedAt < 0;
  }

  /** Picks the stream's next chunk with work in it, or retires the stream. */
  private next(stream: Stream): void {
    for (;;) {
      const chunk = this.nextChunk();
      if (chunk < 0) {
        stream.chunk = -1;
        return;
      }
      this.taken[chunk] = 1;
      if (!this.collect(stream, chunk)) continue;
      this.active++;
      const bytes = stream.count * this.target.blockSize;
      const rate = this.options.rateLimit;
      if (rate > 0) {
        const start = Math.max(this.sim.now, this.pacerFree);
        this.pacerFree = start + Math.ceil((bytes / rate) * 1e9);
        if (start > this.sim.now) {
          this.sim.schedule(start - this.sim.now, "relocation.stream-start", streamGo, stream);
          return;
        }
      }
      this.issue(stream);
      return;
    }
  }

  /** The next chunk of the scheme order, then of the final sweep; -1 when none is left. */
  private nextChunk(): number {
    while (!this.orderDone) {
      if (this.rangeLeft > 0) {
        this.rangeLeft--;
        this.cursor++;
        const chunk = this.rangeNext++;
        if (chunk < this.chunkCount && this.taken[chunk] === 0) return chunk;
        continue;
      }
      const step = this.order.next();
      if (step.done) this.orderDone = true;
      else {
        this.rangeNext = step.value.firstBlock;
        this.rangeLeft = step.value.blockCount;
      }
    }
    while (this.sweep < this.chunkCount) {
      const chunk = this.sweep++;
      // A taken chunk needs nothing more: its stream marks every block it listed when it lands.
      if (this.taken[chunk] === 0 && this.zeroFill(chunk)) return chunk;
    }
    return -1;
  }

  /** Marks the chunk's zero blocks (during the sweep); true when blocks needing a copy remain. */
  private zeroFill(chunk: number): boolean {
    const { versions, blocksPerChunk } = this.target;
    const first = chunk * blocksPerChunk;
    let left = false;
    for (let block = first; block < first + blocksPerChunk && block < versions.blockCount; block++) {
      if (versions.isMarked(block)) continue;
      if (this.target.isZero(block)) {
        versions.writePrimary(block, 0, this.sim.now);
        versions.mark(block);
        this.stats.zeroBlocks++;
      } else left = true;
    }
    return left;
  }

  /** Lists the chunk's unmarked blocks in the stream; false when there are none. */
  private collect(stream: Stream, chunk: number): boolean {
    const { versions, blocksPerChunk } = this.target;
    const first = chunk * blocksPerChunk;
    const end = Math.min(first + blocksPerChunk, versions.blockCount);
    let count = 0;
    for (let block = first; block < end; block++) {
      if (versions.isMarked(block)) this.stats.skippedBlocks++;
      else stream.blocks[count++] = block;
    }
    stream.chunk = chunk;
    stream.count = count;
    return count > 0;
  }

  /** Reads the stream's chunk through the media agent. @internal */
  issue(stream: Stream): void {
    if (this.options.abort?.aborted) return;
    this.stats.chunkReads++;
    const { service, mount } = this.target;
    if (service.read(mount, stream.chunk, this.options.readClass, stream, 0)) {
      this.sim.schedule(service.options.hitLatency, "relocation.cache-hit", streamReady, stream);
    }
  }

  /** The chunk is in media agent memory: capture its blocks' versions, send them to the host. @internal */
  arrived(stream: Stream): void {
    for (let i = 0; i < stream.count; i++) stream.versions[i] = this.target.sourceVersion(stream.blocks[i]);
    const bytes = stream.count * this.target.blockSize;
    this.target.transport.sendWith(this.target.path, bytes, streamLanded, stream);
  }

  /**
   * The data reached the host: write the blocks still unmarked to primary, merging those a
   * partial guest write reached meanwhile (or before). @internal
   */
  land(stream: Stream): void {
    const { versions, blockSize, primary, primaryBase } = this.target;
    let written = 0;
    for (let i = 0; i < stream.count; i++) {
      const landed = versions.landCopy(stream.blocks[i], stream.versions[i], this.sim.now);
      if (landed === "skipped") {
        this.stats.skippedBlocks++;
        continue;
      }
      if (landed === "merged") this.stats.mergedBlocks++;
      written++;
    }
    this.stats.copiedBlocks += written;
    const bytes = written * blockSize;
    this.bytesCopied += bytes;
    this.target.service.relocated(this.target.mount, stream.chunk);
    if (written === 0) {
      this.written(stream);
      return;
    }
    this.onCopied?.(bytes);
    const write = stream.write;
    write.offset = primaryBase + stream.blocks[0] * blockSize;
    write.length = bytes;
    primary.submit(write, stream.onWritten);
  }

  /** The primary write completed: report progress and move on. @internal */
  written(stream: Stream): void {
    this.active--;
    this.target.service.relocationProgress(this.target.mount, this.cursor);
    this.next(stream);
    this.checkDone();
  }

  private checkDone(): void {
    if (this.finishedAt >= 0 || this.active > 0) return;
    if (this.target.versions.marks < this.target.versions.blockCount) {
      // Streams retire only when the sweep is over; a mark-free block left means a bug.
      if (this.streams.every((s) => s.chunk < 0)) throw new Error(`copier of ${this.target.mount.name} ran out of work with unmarked blocks`);
      return;
    }
    this.finishedAt = this.sim.now;
    this.onDone(this.sim.now);
  }
}
