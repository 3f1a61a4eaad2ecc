import type { Simulation } from "../../kernel/simulation.ts";
import { withDefaults, type ModelDefinition } from "./definition.ts";
import { QueuedDevice, type QueuedRequest } from "./queued-device.ts";
import { RateFilter } from "./rate-filter.ts";
import type { DeviceDeclaration, DeviceEntry } from "./registry.ts";

/** Parameters of the recorded device. */
export interface RecordedOptions {
  /** Delay added to every read's and write's recorded latency, ns (the what-if: "5 ms more per request"). */
  addedDelay: number;
  /**
   * Delay taken from every read's and write's recorded latency, ns, never below 0 (the what-if the
   * other way: a trace recorded behind nbdkit's delay filter, replayed as if the filter were gone).
   */
  removedDelay: number;
  /** Delay added to every flush's recorded latency, ns (nbdkit's delay filter, which made the shipped pairs, adds none). */
  flushDelay: number;
  /** Service time of a request that has no recorded latency, ns. */
  missingLatency: number;
  /** Disk bandwidth, bytes/s: requests transfer one at a time, FIFO, at this rate; 0 = unlimited. */
  bandwidth: number;
  /** nbdkit rate filter's rate, bytes/s (its bits/s ÷ 8): reads and writes wait for tokens in separate buckets; 0 = none. */
  rateLimit: number;
  /** The rate filter's burst allowance, ns: each bucket holds rateLimit × burstiness and starts full. */
  burstiness: number;
}

/** Registry definition of the recorded device. */
export const recordedDefinition: ModelDefinition = {
  name: "recorded",
  description:
    "Serves each trace request in its recorded latency plus an optional added delay, optionally behind a bandwidth limit (FIFO transfer) or nbdkit's rate filter (token buckets)",
  parameters: {
    addedDelay: { type: "duration", description: "delay added to every read's and write's recorded latency (not to flushes: see flushDelay)", default: 0, minimum: 0 },
    removedDelay: {
      type: "duration",
      description:
        "delay taken from every read's and write's recorded latency, floored at 0 (a trace recorded with nbdkit's delay filter replayed without it; flushes keep theirs)",
      default: 0,
      minimum: 0,
    },
    flushDelay: {
      type: "duration",
      description: "delay added to every flush's recorded latency (0, like nbdkit's delay filter that recorded the shipped what-if pairs)",
      default: 0,
      minimum: 0,
    },
    missingLatency: { type: "duration", description: "service time when a request has no recorded latency", default: 0, minimum: 0 },
    bandwidth: {
      type: "rate",
      description: "disk bandwidth: requests transfer one at a time, FIFO, in length/bandwidth, before their recorded latency (0 = unlimited)",
      default: 0,
      minimum: 0,
    },
    rateLimit: {
      type: "rate",
      description:
        "nbdkit's rate filter in front of the disk: reads and writes each wait for their bits in a token bucket (separate buckets, flushes free), then take their recorded latency; given in bytes/s, nbdkit's rate is bits/s with binary K/M/G, so rate=32M is 4MiB/s (0 = none)",
      default: 0,
      minimum: 0,
    },
    burstiness: {
      type: "duration",
      description:
        "the rate filter's burst allowance: each bucket holds rateLimit × burstiness and starts full (nbdkit's burstiness=, default 2 s); at least 1 ms, since a request larger than the bucket retries once per bucketful",
      default: 2_000_000_000,
      minimum: 1_000_000,
    },
  },
};

/**
 * Integer ns a transfer of the first `bytes` bytes takes at `bandwidth` bytes/s,
 * round(bytes·1e9 / bandwidth), split into whole seconds first so that only the remainder
 * (under one second's bytes) is multiplied by 1e9: exact for integer sizes and rates up to
 * 2^53 / 1e9 ≈ 9 MB/s, and off by at most a rounding tie above that.
 *
 * @example
 * transferredNs(4096, 4 * 2 ** 20) // => 976563 // 976 562.5 rounded half up
 * transferredNs(8192, 4 * 2 ** 20) // => 1953125
 */
export function transferredNs(bytes: number, bandwidth: number): number {
  const seconds = Math.floor(bytes / bandwidth);
  return seconds * 1e9 + Math.round(((bytes - seconds * bandwidth) * 1e9) / bandwidth);
}

/**
 * A device that replays what the trace recorded: each read or write completes `max(0,
 * latencyUs·1000 + addedDelay − removedDelay)` ns after submission, each flush `latencyUs·1000 +
 * flushDelay`, with no queueing
 * (the recording already contains it). Flushes are apart because the what-if recordings this
 * device reproduces were made with nbdkit's delay filter, which holds reads and writes but not
 * flushes (in `k2boot_d20ms`, recorded with +20 ms, 33 of 41 flushes took under 1 ms).
 *
 * With `bandwidth > 0` the disk is also a single FIFO server of that rate: each request first
 * holds it for `length / bandwidth` (its transfer; flushes, of length 0, take none but still wait
 * their turn), then completes after its recorded latency plus `addedDelay` as a pure delay that
 * holds no server. Why this shape: the recorded latency was measured on the real disk, where
 * requests overlapped (two vCPUs, queue depth above one), so it is not exclusive disk time and
 * must not hold the server (that would serialise what the recording served in parallel). The
 * throttle is an extra bottleneck in front of the recorded device (a hypervisor or cgroup limit
 * on a throttled disk), and putting the transfer first keeps the queue in submission order, so a
 * stream of fixed-size requests sees a plain M/D/1 queue with service length/bandwidth; and as the
 * bandwidth grows the model tends to the unlimited device. Transfer times are rounded so that they
 * add up: request k ends `transferredNs(B_k) − transferredNs(B_{k−1})` ns after it starts (B_k the
 * bytes transferred through request k), so the disk's busy time is round(bytes·1e9 / bandwidth)
 * exactly. `bandwidth: 0` is the unlimited device, event for event.
 *
 * With `rateLimit > 0` each read or write first passes nbdkit's rate filter ({@link RateFilter}:
 * a token bucket in bits, one for reads and one for writes, `rateLimit × burstiness` deep and
 * full at the start; flushes pass free), then completes after its recorded latency plus
 * `addedDelay`. This is how a recording made with the filter beneath nbdkit's log filter came
 * about: the logged latency is the filter's wait plus the disk's. Unlike `bandwidth` there is no
 * queue: a request waiting for tokens sleeps and retries, and one arriving meanwhile may take the
 * accrued tokens first; a burst up to the bucket's depth passes at once. With both set, requests
 * pass the filter as they reach the head of the FIFO disk, holding it while they wait.
 *
 * @example
 * const dev = new RecordedDevice(sim, "vm1.disk", { addedDelay: 5_000_000 });
 * const done: number[] = [];
 * const cb = (c: { completedAt: number }) => done.push(c.completedAt);
 * dev.submit({ offset: 0, length: 4096, op: "R", latencyUs: 250 }, cb); // completes at 5.25 ms
 * dev.submit({ offset: 0, length: 0, op: "F", latencyUs: 300 }, cb); // a flush is not delayed: 0.3 ms
 * const undelayed = new RecordedDevice(sim, "vm4.disk", { removedDelay: 2_000_000 }); // recorded with +2 ms
 * undelayed.submit({ offset: 0, length: 4096, op: "R", latencyUs: 2040 }, cb); // 40 µs without the delay
 * undelayed.submit({ offset: 0, length: 4096, op: "R", latencyUs: 900 }, cb); // never below 0: at once
 * const slow = new RecordedDevice(sim, "vm2.disk", { bandwidth: 4096e3 });
 * slow.submit({ offset: 0, length: 4096, op: "R", latencyUs: 250 }, cb); // transfer 1 ms: completes at 1.25 ms
 * slow.submit({ offset: 4096, length: 4096, op: "R", latencyUs: 250 }, cb); // waits 1 ms: completes at 2.25 ms
 * const throttled = new RecordedDevice(sim, "vm3.disk", { rateLimit: 4096e3, burstiness: 1_000_000 }); // holds 4096 B
 * throttled.submit({ offset: 0, length: 4096, op: "R", latencyUs: 250 }, cb); // the full bucket: completes at 0.25 ms
 * throttled.submit({ offset: 0, length: 2048, op: "R", latencyUs: 250 }, cb); // waits 0.5 ms for its tokens: 0.75 ms
 * sim.run();
 * done // => [0, 40000, 250000, 300000, 750000, 1250000, 2250000, 5250000]
 */
export class RecordedDevice extends QueuedDevice {
  readonly definition = recordedDefinition;
  readonly options: RecordedOptions;
  /** Bytes that have started their transfer (the limited disk's running total, for rounding). */
  private transferred = 0;
  /** The rate filter's read and write buckets, null without `rateLimit`. */
  private readonly readFilter: RateFilter | null = null;
  private readonly writeFilter: RateFilter | null = null;

  constructor(sim: Simulation, name: string, options: Partial<RecordedOptions> = {}) {
    const full = withDefaults<RecordedOptions>(recordedDefinition, options);
    const servers = full.bandwidth > 0 ? 1 : Number.MAX_SAFE_INTEGER;
    super(sim, name, { queueDepth: Number.MAX_SAFE_INTEGER, servers });
    this.options = full;
    if (full.rateLimit > 0) {
      this.readFilter = RateFilter.ofBytes(sim, full.rateLimit, full.burstiness);
      this.writeFilter = RateFilter.ofBytes(sim, full.rateLimit, full.burstiness);
    }
  }

  protected serve(entry: QueuedRequest, done: () => void): void {
    const op = entry.request.op;
    const filter = op === "R" ? this.readFilter : op === "W" ? this.writeFilter : null;
    if (filter === null) this.transfer(entry, done);
    else filter.admit(entry.request.length, () => this.transfer(entry, done));
  }

  /** The transfer through the FIFO disk (with `bandwidth`) or the recorded latency (without). */
  private transfer(entry: QueuedRequest, done: () => void): void {
    const bandwidth = this.options.bandwidth;
    if (bandwidth > 0) {
      const before = this.transferred;
      this.transferred += entry.request.length;
      this.sim.schedule(transferredNs(this.transferred, bandwidth) - transferredNs(before, bandwidth), "recorded.service", done);
    } else {
      this.sim.schedule(this.latencyOf(entry), "recorded.service", done);
    }
  }

  protected override completionDelay(entry: QueuedRequest): number {
    return this.options.bandwidth > 0 ? this.latencyOf(entry) : 0;
  }

  /** Recorded latency (or `missingLatency`) plus `addedDelay` less `removedDelay`, at least 0 (plus `flushDelay` for a flush), integer ns. */
  private latencyOf(entry: QueuedRequest): number {
    const recorded = entry.request.latencyUs;
    const base = recorded === undefined ? this.options.missingLatency : recorded * 1000;
    if (entry.request.op === "F") return Math.round(base + this.options.flushDelay);
    return Math.max(0, Math.round(base + this.options.addedDelay - this.options.removedDelay));
  }
}

/**
 * The recorded-latency device's registry entry (`device: recorded`).
 *
 * @example
 * recordedEntry.definition.name // => "recorded"
 */
export const recordedEntry: DeviceEntry = {
  definition: recordedDefinition,
  create: ({ device: _, ...options }, { sim, name }) => new RecordedDevice(sim, name, options as Partial<RecordedOptions>),
};
