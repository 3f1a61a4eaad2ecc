import type { Simulation } from "../../kernel/simulation.ts";
import { withDefaults, type ModelDefinition } from "./definition.ts";
import { QueuedDevice, type QueuedRequest } from "./queued-device.ts";
import type { DeviceDeclaration, DeviceEntry } from "./registry.ts";

/** Parameters of an SSD/NVMe device; times in ns, rates in bytes/s. */
export interface SsdOptions {
  /** Fixed part of a read's service time (flash read plus controller), ns. */
  readLatency: number;
  /** Fixed part of a write's service time (write into the DRAM/SLC buffer), ns. */
  writeLatency: number;
  /** Service time of a flush, ns. */
  flushLatency: number;
  /** Transfer rate of one channel, bytes/s: the per-byte part of the service time is 1/rate. */
  channelRate: number;
  /** Channels (dies working in parallel): requests in service at once. */
  channels: number;
  /** Requests the device accepts at once (NVMe queue depth); the rest wait. */
  queueDepth: number;
  /** Host interface bandwidth (PCIe/SAS), bytes/s; 0 means unlimited. */
  bandwidth: number;
}

/**
 * Registry definition of the SSD model. Defaults are a datacenter NVMe drive of the
 * PCIe 3.0 x4 class (about 80 µs 4 KiB reads, 3.2 GB/s): typical datasheet values.
 */
export const ssdDefinition: ModelDefinition = {
  name: "ssd",
  description: "SSD/NVMe: fixed plus per-byte service time per channel, parallel channels, interface bandwidth",
  parameters: {
    readLatency: { type: "duration", description: "fixed read service time", default: 80_000, minimum: 0 },
    writeLatency: { type: "duration", description: "fixed write service time", default: 20_000, minimum: 0 },
    flushLatency: { type: "duration", description: "service time of a flush", default: 50_000, minimum: 0 },
    channelRate: { type: "rate", description: "transfer rate of one channel", default: 500e6, minimum: 1 },
    channels: { type: "integer", description: "requests served in parallel", default: 8, minimum: 1 },
    queueDepth: { type: "integer", description: "requests accepted at once", default: 64, minimum: 1 },
    bandwidth: { type: "rate", description: "host interface bandwidth (0 = unlimited)", default: 3.2e9, minimum: 0 },
  },
};

/**
 * Service time of one SSD request in integer ns: fixed latency of its op plus length/channelRate.
 *
 * @example
 * const defaults = new Ssd(sim, "d").options;
 * ssdServiceNs({ ...defaults, readLatency: 80_000, channelRate: 500e6 }, { op: "R", length: 4096 }) // => 88192
 */
export function ssdServiceNs(options: SsdOptions, request: { op: string; length: number }): number {
  if (request.op === "F") return options.flushLatency;
  const fixed = request.op === "W" ? options.writeLatency : options.readLatency;
  return Math.round(fixed + (request.length / options.channelRate) * 1e9);
}

/**
 * An SSD/NVMe device: up to `channels` requests in service at once, each taking
 * {@link ssdServiceNs}; completions share the interface bandwidth.
 *
 * @example
 * const ssd = new Ssd(sim, "ma1.cache", { channels: 1, bandwidth: 0 });
 * let completedAt = -1;
 * ssd.submit({ offset: 0, length: 4096, op: "R" }, (c) => (completedAt = c.completedAt));
 * sim.run();
 * completedAt // => 88192
 */
export class Ssd extends QueuedDevice {
  readonly definition = ssdDefinition;
  readonly options: SsdOptions;

  constructor(sim: Simulation, name: string, options: Partial<SsdOptions> = {}) {
    const full = withDefaults<SsdOptions>(ssdDefinition, options);
    super(sim, name, { queueDepth: full.queueDepth, servers: full.channels, bandwidthBps: full.bandwidth });
    this.options = full;
  }

  protected serve(entry: QueuedRequest, done: () => void): void {
    this.sim.post(ssdServiceNs(this.options, entry.request), "ssd.service", done);
  }
}

/**
 * The SSD's registry entry (`device: ssd`).
 *
 * @example
 * ssdEntry.definition.name // => "ssd"
 */
export const ssdEntry: DeviceEntry = {
  definition: ssdDefinition,
  create: ({ device: _, ...options }, { sim, name }) => new Ssd(sim, name, options as Partial<SsdOptions>),
};
