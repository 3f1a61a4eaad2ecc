import type { IoClass } from "../../contracts/io-class.ts";
import type { Rng } from "../../kernel/rng.ts";
import type { ModelDefinition } from "./definition.ts";

/** Operation of a block request: read, write, or flush (a flush moves no data). */
export type DeviceOp = "R" | "W" | "F";

/**
 * One request to a block device. A `TraceRequest` fits as is (its extra fields are ignored,
 * `latencyUs` is what the recorded device replays).
 */
export interface BlockRequest {
  /** Byte offset on the device. */
  offset: number;
  /** Length in bytes (0 for a flush). */
  length: number;
  op: DeviceOp;
  /** Free-form label the caller gets back (scheduler class, phase, request id...). */
  tag?: number | string;
  /**
   * I/O class, for a device with class-aware dispatch (QueuedDevice.useClassDispatch); absent
   * = demand. Devices that split or translate a request pass it on.
   */
  ioClass?: IoClass;
  /** Recorded completion latency in µs, for the recorded device. */
  latencyUs?: number;
}

/** What a device reports when a request completes. All times are integer ns. */
export interface BlockCompletion {
  request: BlockRequest;
  /** When `submit` was called. */
  submittedAt: number;
  /** When the device started serving it (after waiting in the queue). */
  startedAt: number;
  /** When it completed: now, in the completion callback. */
  completedAt: number;
}

/** Callback receiving a completion; called from a kernel event, never synchronously from `submit`. */
export type CompletionCallback = (completion: BlockCompletion) => void;

/** Counters every device keeps, for utilisation and throughput metrics. */
export interface DeviceCounters {
  /** Requests submitted, and completed. */
  requests: number;
  completed: number;
  bytesRead: number;
  bytesWritten: number;
  /** ns during which at least one request was in service (utilisation = busyNs / elapsed). */
  busyNs: number;
  /** Integral of the number of requests in service over time, ns (= sum of service times). */
  serviceNs: number;
  /** Sum of completed requests' latencies (completedAt − submittedAt), ns. */
  latencyNs: number;
}

/**
 * The one interface every block device implements: SSD, HDD, dedup store, object store, fixed
 * latency, recorded. A device accepts any number of requests; it works on up to its queue depth
 * at once and the rest wait in its queue.
 */
export interface BlockDevice {
  /** Component path, e.g. `mediaAgents.ma1.storage`; also the prefix of its RNG streams. */
  readonly name: string;
  readonly definition: ModelDefinition;
  /**
   * Submits a request; `onComplete` runs from a later kernel event (possibly at the same time).
   *
   * @example
   * const ssd = new Ssd(sim, "ma1.cache");
   * const log: number[] = [];
   * ssd.submit({ offset: 0, length: 4096, op: "R" }, (c) => log.push(c.completedAt));
   * sim.run();
   * log // => [89472]
   */
  submit(request: BlockRequest, onComplete: CompletionCallback): void;
  /** Counters up to the current simulated time. */
  counters(): DeviceCounters;
  /** Requests submitted and not yet completed. */
  readonly outstanding: number;
}

/**
 * Where stochastic devices get their random numbers: `RngStreams` fits. A device named `n`
 * draws from streams named `n.<purpose>` (e.g. `mediaAgents.ma1.storage.rotation`).
 */
export interface StreamSource {
  stream(name: string): Rng;
}
