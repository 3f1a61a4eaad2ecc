import { lognormal, type Distribution } from "../../kernel/distributions.ts";
import type { Rng } from "../../kernel/rng.ts";
import type { Simulation } from "../../kernel/simulation.ts";
import type { Link, Network } from "../network/network.ts";
import { withDefaults, type ModelDefinition } from "./definition.ts";
import { QueuedDevice, type QueuedRequest } from "./queued-device.ts";
import { TokenBucket } from "./token-bucket.ts";
import type { StreamSource } from "./types.ts";
import type { DeviceDeclaration, DeviceEntry } from "./registry.ts";

/** Parameters of the object store; times in ns, rates in bytes/s. */
export interface ObjectStoreOptions {
  /** Median time to first byte of a GET, ns. */
  firstByteMedian: number;
  /** Shape σ of the lognormal first-byte latency (ASSUMPTION: no published tail figure). */
  firstByteSigma: number;
  /** Throughput of one connection, bytes/s. */
  connectionRate: number;
  /** GETs in flight at once (connections); more wait. */
  connections: number;
  /** GET request-rate limit, requests/s (token bucket). */
  requestRate: number;
  /** Token-bucket size: GETs allowed in one burst. */
  requestBurst: number;
}

/**
 * Registry definition of the object store. Defaults from the AWS S3 performance guidelines:
 * 100–200 ms to first byte for small objects (median 100 ms here), ~85–90 MB/s per connection,
 * ~15 connections fill 10 GbE, 5,500 GET/s per prefix. The lognormal σ = 0.5 is an assumption.
 */
export const objectStoreDefinition: ModelDefinition = {
  name: "object-store",
  description: "Object store GETs: lognormal first-byte latency, per-connection throughput, connection limit, GET/s token bucket",
  parameters: {
    firstByteMedian: { type: "duration", description: "median time to first byte", default: 100_000_000, minimum: 0 },
    firstByteSigma: { type: "number", description: "lognormal shape of first-byte latency (assumption)", default: 0.5, minimum: 0 },
    connectionRate: { type: "rate", description: "throughput of one connection", default: 87.5e6, minimum: 1 },
    connections: { type: "integer", description: "concurrent GETs", default: 16, minimum: 1 },
    requestRate: { type: "number", description: "GET requests per second (token bucket rate)", default: 5500, minimum: 0 },
    requestBurst: { type: "integer", description: "GETs allowed in one burst", default: 5500, minimum: 1 },
  },
};

/**
 * An object store (S3-like) behind the block interface: every request is one ranged GET of
 * `length` bytes at `offset` of the backup object. A GET holds a connection; it first waits for
 * a request token (stream-free, deterministic), then the first byte (lognormal, stream
 * `<name>.firstByte`), then the body moves at the connection rate — over `path` of `network`
 * when given, as a flow capped at the connection rate sharing the links max-min fairly.
 * Splitting large reads into 8–16 MB ranges is the caller's choice.
 *
 * @example
 * const network = new Network(sim);
 * const wan = network.link("wan", { bandwidth: 1.25e9, latency: 10_000_000 });
 * const s3 = new ObjectStore(sim, "ma1.s3", new RngStreams(1), { connections: 16 }, { network, path: [wan] });
 * let chunkAt = -1;
 * s3.submit({ offset: 0, length: 4 * 2 ** 20, op: "R" }, (c) => (chunkAt = c.completedAt));
 * sim.run();
 * chunkAt // => 239819032
 */
export class ObjectStore extends QueuedDevice {
  readonly definition = objectStoreDefinition;
  readonly options: ObjectStoreOptions;
  private readonly firstByte: Distribution;
  private readonly rng: Rng;
  private readonly bucket: TokenBucket | null;

  constructor(
    sim: Simulation,
    name: string,
    streams: StreamSource,
    options: Partial<ObjectStoreOptions> = {},
    private readonly route: { network: Network; path: readonly Link[] } | null = null,
  ) {
    const full = withDefaults<ObjectStoreOptions>(objectStoreDefinition, options);
    super(sim, name, { queueDepth: full.connections, servers: full.connections });
    this.options = full;
    this.firstByte = lognormal(Math.log(Math.max(1, full.firstByteMedian)), full.firstByteSigma);
    this.rng = streams.stream(`${name}.firstByte`);
    this.bucket = full.requestRate > 0 ? new TokenBucket(full.requestRate, full.requestBurst) : null;
  }

  protected serve(entry: QueuedRequest, done: () => void): void {
    const tokenWait = this.bucket === null ? 0 : this.bucket.take(this.sim.now);
    const firstByte = this.options.firstByteMedian > 0 ? Math.round(this.firstByte.sample(this.rng)) : 0;
    const length = entry.request.op === "F" ? 0 : entry.request.length;
    this.sim.schedule(tokenWait + firstByte, "object-store.first-byte", () => {
      if (this.route !== null) {
        this.route.network.transfer(this.route.path, length, done, { cap: this.options.connectionRate });
      } else {
        this.sim.schedule(Math.round((length / this.options.connectionRate) * 1e9), "object-store.transfer", done);
      }
    });
  }
}

/**
 * The object store's registry entry (`device: object-store`); GET bodies take the wiring's route.
 *
 * @example
 * objectStoreEntry.definition.name // => "object-store"
 */
export const objectStoreEntry: DeviceEntry = {
  definition: objectStoreDefinition,
  create: ({ device: _, ...options }, { sim, name, streams, wiring }) => new ObjectStore(sim, name, streams, options as Partial<ObjectStoreOptions>, wiring.route ?? null),
};
