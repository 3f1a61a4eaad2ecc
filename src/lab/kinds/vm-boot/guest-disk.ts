/**
 * The virtual disk of a booting VM: where each guest request goes.
 *
 * - **Reads** go to the declared storage: attached to the host (`local`), or `remote`: a request
 *   message crosses the link to the media agent (link + its NIC: latency only), the media agent
 *   reads the storage device (a dedup store fetches whole chunks from its underlying device and
 *   decompresses them on the media agent's cores), and the data comes back over the media
 *   agent's NIC and the link as a flow (max-min fair with the other replies).
 * - **Writes and flushes** go to a local write area (an SSD on the host, redirect-on-write, as
 *   instant recovery does): the backup is never written. A later read whose every 4 KiB block
 *   was completely overwritten by the guest is served from the write area; a partly written read still goes
 *   to storage (the write area tracks whole blocks only; rare in the boot traces).
 */
import type { Simulation } from "../../../kernel/simulation.ts";
import { DedupStore } from "../../../models/devices/dedup-store.ts";
import { Ssd } from "../../../models/devices/ssd.ts";
import type { BlockDevice, BlockRequest, StreamSource } from "../../../models/devices/types.ts";
import { MediaAgent } from "../../../models/hosts/media-agent.ts";
import { Network, type Link } from "../../../models/network/network.ts";
import { buildDevice, type DeviceSpec, type LinkSpec, type MediaAgentSpec } from "../storage-schema.ts";

/** Where the disk's storage sits: on the host, or behind a media agent across a link. */
export type DiskAttachment =
  | { attach: "local"; storage: DeviceSpec }
  | { attach: "remote"; storage: DeviceSpec; link: LinkSpec; mediaAgent: MediaAgentSpec };

/** Block size the write area tracks, bytes. */
export const WRITE_AREA_BLOCK = 4096;

/** What a guest disk has counted so far. */
export interface GuestDiskCounters {
  /** Guest reads completed, and their latencies (submission to data at the guest), ns. */
  readsServed: number;
  readLatenciesNs: number[];
  /** Guest reads served by the write area (data the guest wrote earlier). */
  readsFromWriteArea: number;
  /** Bytes of guest reads sent to the storage path. */
  guestBytesToStorage: number;
}

/**
 * A booting VM's disk on a declared attachment, with a local SSD write area.
 *
 * @example
 * import { deviceSchema } from "../storage-schema.ts";
 * const disk = new GuestDisk(sim, new RngStreams("example"), { attach: "local", storage: deviceSchema.parse({ device: "ssd" }) });
 * disk.submit({ offset: 0, length: 4096, op: "R" }, () => {});
 * sim.run();
 * disk.counters.readLatenciesNs // => [89472]
 */
export class GuestDisk {
  readonly storage: BlockDevice;
  readonly writeArea: BlockDevice;
  readonly mediaAgent: MediaAgent | null = null;
  readonly counters: GuestDiskCounters = { readsServed: 0, readLatenciesNs: [], readsFromWriteArea: 0, guestBytesToStorage: 0 };
  private readonly written = new Set<number>();
  private readonly readFromStorage: (request: BlockRequest, done: () => void) => void;

  constructor(
    private readonly sim: Simulation,
    streams: StreamSource,
    attachment: DiskAttachment,
    writeArea: Partial<Ssd["options"]> = {},
  ) {
    this.writeArea = new Ssd(sim, "vm.writeArea", writeArea);
    if (attachment.attach === "local") {
      const storage = buildDevice(sim, streams, "vm.disk", attachment.storage);
      this.storage = storage;
      this.readFromStorage = (request, done) => storage.submit(request, done);
      return;
    }
    const network = new Network(sim);
    const ma = new MediaAgent(sim, network, "mediaAgent", (cpu) => buildDevice(sim, streams, "mediaAgent.storage", attachment.storage, { cpu }), attachment.mediaAgent);
    this.mediaAgent = ma;
    this.storage = ma.storage;
    const toMediaAgent: readonly Link[] = [network.link("link.toMediaAgent", attachment.link), ma.nic.rx];
    const toHost: readonly Link[] = [ma.nic.tx, network.link("link.toHost", attachment.link)];
    this.readFromStorage = (request, done) => {
      // The read command is a few bytes: it pays the path's latency only.
      network.transfer(toMediaAgent, 0, () => {
        ma.storage.submit(request, () => network.transfer(toHost, request.length, done));
      });
    };
  }

  /**
   * Serves one guest request (see the module comment for the routes); `done` runs when the
   * guest has it.
   *
   * @example
   * import { deviceSchema } from "../storage-schema.ts";
   * const disk = new GuestDisk(sim, new RngStreams("example"), { attach: "local", storage: deviceSchema.parse({ device: "ssd" }) });
   * disk.submit({ offset: 4096, length: 4096, op: "W" }, () => {}); // to the write area
   * sim.run();
   * disk.submit({ offset: 4096, length: 4096, op: "R" }, () => {}); // a block the guest wrote: from the write area
   * sim.run();
   * disk.counters.readsFromWriteArea // => 1
   */
  submit(request: BlockRequest, done: () => void): void {
    if (request.op !== "R") {
      if (request.op === "W") this.markWritten(request);
      this.writeArea.submit(request, done);
      return;
    }
    const submittedAt = this.sim.now;
    const counters = this.counters;
    const served = (): void => {
      counters.readsServed++;
      counters.readLatenciesNs.push(this.sim.now - submittedAt);
      done();
    };
    if (this.allWritten(request)) {
      counters.readsFromWriteArea++;
      this.writeArea.submit(request, served);
    } else {
      counters.guestBytesToStorage += request.length;
      this.readFromStorage(request, served);
    }
  }

  /**
   * Bytes read from the storage media: a dedup store's underlying device (whole stored
   * chunks), otherwise the storage device itself.
   *
   * @example
   * import { deviceSchema } from "../storage-schema.ts";
   * const storage = deviceSchema.parse({ device: "dedup", underlying: { device: "ssd" } });
   * const disk = new GuestDisk(sim, new RngStreams("example"), { attach: "local", storage });
   * disk.submit({ offset: 0, length: 4096, op: "R" }, () => {});
   * sim.run();
   * disk.bytesReadFromStorage() // => 4194304 // one 4 KiB read from a 4 MiB-chunk dedup store
   */
  bytesReadFromStorage(): number {
    const media = this.storage instanceof DedupStore ? this.storage.underlying : this.storage;
    return media.counters().bytesRead;
  }

  /** Marks the blocks the write covers completely (a partial block still has backup data). */
  private markWritten(request: BlockRequest): void {
    const first = Math.ceil(request.offset / WRITE_AREA_BLOCK);
    const last = Math.floor((request.offset + request.length) / WRITE_AREA_BLOCK) - 1;
    for (let block = first; block <= last; block++) this.written.add(block);
  }

  private allWritten(request: BlockRequest): boolean {
    if (this.written.size === 0) return false;
    const first = Math.floor(request.offset / WRITE_AREA_BLOCK);
    const last = Math.floor((request.offset + Math.max(1, request.length) - 1) / WRITE_AREA_BLOCK);
    for (let block = first; block <= last; block++) if (!this.written.has(block)) return false;
    return true;
  }
}
