/**
 * Where a live-mounted VM's writes go before it runs from primary storage: a write area on the
 * media agent (vPower-style: reached over the network, merged into the exposed backup) or
 * redirected to the primary datastore. Later reads of written blocks are served from there.
 * One bitmap per VM (a byte per block).
 */
import type { BlockDevice, CompletionCallback } from "../models/devices/types.ts";
import type { Link } from "../models/network/network.ts";
import type { Transport } from "./transport.ts";

/** Where the write area lives. */
export type WriteAreaLocation = "mediaAgent" | "primary";

/** Options of a {@link WriteArea}. */
export interface WriteAreaOptions {
  location: WriteAreaLocation;
  /** The device holding written blocks (a media agent SSD, or the host's datastore). */
  device: BlockDevice;
  /** Byte offset of this VM's area on the device. */
  base: number;
  transport: Transport;
  /** Host → device path (empty for primary). */
  toArea: readonly Link[];
  /** Device → host path (empty for primary). */
  fromArea: readonly Link[];
}

/**
 * One VM's write area: which blocks the guest wrote, and the I/O to store and read them.
 *
 * @example
 * import { FifoTransport } from "./transport.ts";
 * const datastore = new Ssd(sim, "hosts.h1.datastore");
 * const transport = new FifoTransport(sim);
 * const area = new WriteArea(16, { location: "primary", device: datastore, base: 0, transport, toArea: [], fromArea: [] });
 * area.write(3, 3, { offset: 3 << 20, length: 4096, op: "W" }, () => {}); area.has(3) // => true
 */
export class WriteArea {
  private readonly written: Uint8Array;
  /**
   * One bit per group of 64 blocks: set once any block of the group was written. Small enough
   * to sit next to this object, so most reads (of groups never written) skip `written`, a cold
   * page when a thousand VMs read.
   */
  private readonly groups: Uint32Array;
  /** Blocks written at least once. */
  writtenBlocks = 0;

  constructor(
    blockCount: number,
    readonly options: WriteAreaOptions,
  ) {
    this.written = new Uint8Array(blockCount);
    this.groups = new Uint32Array(Math.ceil(blockCount / 2048));
  }

  /** True when the area is on the media agent (its data is part of the mount's merged view). */
  get onMediaAgent(): boolean {
    return this.options.location === "mediaAgent";
  }

  /** True when the guest wrote `block` (its newest data is in the area). */
  has(block: number): boolean {
    return ((this.groups[block >>> 11] >>> ((block >>> 6) & 31)) & 1) === 1 && this.written[block] === 1;
  }

  /**
   * Records blocks `[first, last]` as written and stores `request` (a write at the guest's
   * offset); `done` runs when the area acknowledges it.
   */
  write(first: number, last: number, request: { offset: number; length: number; op: "W" }, done: () => void): void {
    for (let block = first; block <= last; block++) {
      if (this.written[block] === 0) {
        this.written[block] = 1;
        this.groups[block >>> 11] |= 1 << ((block >>> 6) & 31);
        this.writtenBlocks++;
      }
    }
    this.io({ offset: this.options.base + request.offset, length: request.length, op: "W" }, done);
  }

  /** Reads `length` bytes at guest `offset` from the area; `done` runs when they reach the host. */
  read(offset: number, length: number, done: () => void): void {
    this.io({ offset: this.options.base + offset, length, op: "R" }, done);
  }

  private io(request: { offset: number; length: number; op: "R" | "W" }, done: () => void): void {
    const { device, transport, toArea, fromArea } = this.options;
    const onDevice: CompletionCallback = () => {
      if (fromArea.length === 0) done();
      else transport.send(fromArea, request.op === "R" ? request.length : 0, done);
    };
    if (toArea.length === 0) device.submit(request, onDevice);
    else transport.send(toArea, request.op === "W" ? request.length : 0, () => device.submit(request, onDevice));
  }
}
