import { Resource } from "../../kernel/resource.ts";
import type { Simulation } from "../../kernel/simulation.ts";
import { cpuWork } from "../devices/cpu-work.ts";
import { withDefaults, type ModelDefinition } from "../devices/definition.ts";
import type { BlockDevice } from "../devices/types.ts";
import type { Network, Nic } from "../network/network.ts";

/** Parameters of a media agent; rates in bytes/s, times in ns. */
export interface MediaAgentOptions {
  /** CPU cores: a kernel Resource shared by decompression, hashing and the storage's own work. */
  cores: number;
  /** Decompression speed of one core, logical bytes/s. */
  decompressionRate: number;
  /** Hashing (chunk digest) speed of one core, bytes/s. */
  hashRate: number;
  /** NIC bandwidth per direction, bytes/s. */
  nicBandwidth: number;
  /** NIC latency per direction, ns. */
  nicLatency: number;
}

/** Registry definition of a media agent. CPU rates are free parameters (zstd/SHA-256 class). */
export const mediaAgentDefinition: ModelDefinition = {
  name: "mediaAgent",
  description: "Backup server in front of secondary storage: CPU cores, NIC, read cache and I/O scheduler slots",
  parameters: {
    cores: { type: "integer", description: "CPU cores", default: 16, minimum: 1 },
    decompressionRate: { type: "rate", description: "decompression speed of one core", default: 1e9, minimum: 1 },
    hashRate: { type: "rate", description: "hashing speed of one core", default: 1.5e9, minimum: 1 },
    nicBandwidth: { type: "rate", description: "NIC bandwidth per direction", default: 1.25e9, minimum: 1 },
    nicLatency: { type: "duration", description: "NIC latency per direction", default: 5_000, minimum: 0 },
  },
};

/**
 * A media agent (backup server): CPU cores as a kernel Resource, a NIC (two links in the
 * network), the secondary storage device behind it, and slots for a read cache and an I/O
 * scheduler. The slots are typed by the caller; the restore layer owns the flow and calls them.
 * `storage` may be a factory receiving the CPU, so a dedup store can decompress on these cores.
 *
 * @example
 * const array = new Ssd(sim, "mediaAgents.ma1.array");
 * const ma = new MediaAgent(sim, new Network(sim), "mediaAgents.ma1", (cpu) => new DedupStore(sim, "mediaAgents.ma1.storage", new RngStreams(1), array, {}, cpu));
 * let repliedAt = -1;
 * ma.decompress(4 * 2 ** 20, () => (repliedAt = sim.now)); // one core for 4.19 ms at 1 GB/s
 * sim.run();
 * repliedAt // => 4194304
 */
export class MediaAgent<Cache = unknown, Scheduler = unknown> {
  readonly definition = mediaAgentDefinition;
  readonly options: MediaAgentOptions;
  readonly cpu: Resource;
  readonly nic: Nic;
  readonly storage: BlockDevice;
  /** Read cache slot (a policy-driven cache from the policies layer). */
  cache: Cache | null = null;
  /** I/O scheduler slot (demand / pre-stage / relocation classes). */
  scheduler: Scheduler | null = null;

  constructor(
    readonly sim: Simulation,
    network: Network,
    readonly name: string,
    storage: BlockDevice | ((cpu: Resource) => BlockDevice),
    options: Partial<MediaAgentOptions> = {},
  ) {
    this.options = withDefaults<MediaAgentOptions>(mediaAgentDefinition, options);
    this.cpu = new Resource(sim, { capacity: this.options.cores, name: `${name}.cpu`, queue: "priority" });
    this.nic = network.nic(`${name}.nic`, { bandwidth: this.options.nicBandwidth, latency: this.options.nicLatency });
    this.storage = typeof storage === "function" ? storage(this.cpu) : storage;
  }

  /**
   * Decompresses `bytes` (logical) on one core, then calls `done`. Lower `priority` goes first.
   *
   * @example
   * const ma = new MediaAgent(sim, new Network(sim), "mediaAgents.ma1", new Ssd(sim, "mediaAgents.ma1.storage"));
   * let doneAt = -1;
   * ma.decompress(4 * 2 ** 20, () => (doneAt = sim.now)); // holds a core 4 194 304 ns at 1 GB/s
   * sim.run();
   * doneAt // => 4194304
   */
  decompress(bytes: number, done: () => void, priority = 0): void {
    cpuWork(this.cpu, (bytes / this.options.decompressionRate) * 1e9, done, priority);
  }

  /**
   * Hashes `bytes` on one core, then calls `done`.
   *
   * @example
   * const ma = new MediaAgent(sim, new Network(sim), "mediaAgents.ma1", new Ssd(sim, "mediaAgents.ma1.storage"));
   * let doneAt = -1;
   * ma.hash(4096, () => (doneAt = sim.now)); // holds a core 2731 ns at 1.5 GB/s
   * sim.run();
   * doneAt // => 2731
   */
  hash(bytes: number, done: () => void, priority = 0): void {
    cpuWork(this.cpu, (bytes / this.options.hashRate) * 1e9, done, priority);
  }
}
