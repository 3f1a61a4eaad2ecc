import type { Simulation } from "../../kernel/simulation.ts";
import type { ModelDefinition } from "./definition.ts";
import type { BlockDevice, BlockRequest, CompletionCallback, DeviceCounters } from "./types.ts";

/**
 * A request inside a device: the request, its callback and its timestamps (ns). Entries are
 * pooled by their device and reused once the request completed: do not keep one past `done`.
 */
export interface QueuedRequest {
  request: BlockRequest;
  onComplete: CompletionCallback;
  submittedAt: number;
  startedAt: number;
}

/** A pooled entry with its service-done callback, bound once when the entry is first made. */
interface Entry extends QueuedRequest {
  readonly done: () => void;
}

/** Queueing shape shared by all devices. */
export interface QueueShape {
  /** Requests the device works on at once (in service or in its reorder queue); the rest wait. */
  queueDepth: number;
  /** Requests in service at once (channels, actuators, connections). */
  servers: number;
  /** Interface bandwidth shared by all completions, bytes/s; 0 or Infinity means unlimited. */
  bandwidthBps?: number;
}

/**
 * The request flow every device shares; subclasses fill two hooks. `submit` appends to a FIFO
 * wait queue; up to `queueDepth` requests are admitted into the device's queue; whenever a
 * server is free, `pick` chooses one admitted request (FIFO by default, the disk schedulers
 * override it) and `serve` runs it. After service the data crosses the interface, serialised at
 * `bandwidthBps`, then waits `completionDelay` (a pure delay, no server held), and the request
 * completes.
 *
 * @example
 * class Constant extends QueuedDevice {
 *   readonly definition = { name: "constant", description: "", parameters: {} };
 *   protected serve(_r: QueuedRequest, done: () => void) { this.sim.schedule(1000, "demo.service", done); }
 * }
 * let completedAt = -1;
 * new Constant(sim, "d", { queueDepth: 1, servers: 1 }).submit({ offset: 0, length: 1, op: "R" }, (c) => (completedAt = c.completedAt));
 * sim.run();
 * completedAt // => 1000
 */
export abstract class QueuedDevice implements BlockDevice {
  abstract readonly definition: ModelDefinition;
  /** Admitted requests not yet in service, in arrival order (what `pick` chooses from). */
  protected readonly admitted: QueuedRequest[] = [];
  private waiting: Entry[] = [];
  private waitingHead = 0;
  private inService = 0;
  private busFreeAt = 0;
  private lastChange = 0;
  private outstandingCount = 0;
  private readonly tally: DeviceCounters = { requests: 0, completed: 0, bytesRead: 0, bytesWritten: 0, busyNs: 0, serviceNs: 0, latencyNs: 0 };
  /** Completed entries ready for reuse (no allocation per request once warm). */
  private readonly pool: Entry[] = [];
  private readonly bandwidth: number;
  // Bound once, so completing a request allocates no closure.
  private readonly completeEntry: (entry: Entry) => void;

  constructor(
    protected readonly sim: Simulation,
    readonly name: string,
    readonly shape: QueueShape,
  ) {
    if (!(shape.queueDepth >= 1 && shape.servers >= 1)) {
      throw new Error(`${name} requires queueDepth and servers of at least 1`);
    }
    const bandwidth = shape.bandwidthBps ?? 0;
    this.bandwidth = bandwidth > 0 && bandwidth < Infinity ? bandwidth : 0;
    this.completeEntry = (entry: Entry) => this.complete(entry);
  }

  /**
   * Serves one request and calls `done` from a later kernel event (never synchronously).
   * `entry.startedAt` is already set.
   */
  protected abstract serve(entry: QueuedRequest, done: () => void): void;

  /** Index into `admitted` of the request to serve next; FIFO unless overridden. */
  protected pick(): number {
    return 0;
  }

  /**
   * A pure delay, ns, between the end of `entry`'s service (and interface transfer) and its
   * completion, holding no server: 0 (complete at once) unless overridden.
   */
  protected completionDelay(_entry: QueuedRequest): number {
    return 0;
  }

  get outstanding(): number {
    return this.outstandingCount;
  }

  submit(request: BlockRequest, onComplete: CompletionCallback): void {
    const tally = this.tally;
    tally.requests++;
    if (request.op === "R") tally.bytesRead += request.length;
    else if (request.op === "W") tally.bytesWritten += request.length;
    this.outstandingCount++;
    const entry = this.pool.pop() ?? this.newEntry();
    entry.request = request;
    entry.onComplete = onComplete;
    entry.submittedAt = this.sim.now;
    entry.startedAt = -1;
    // Straight into the device when nobody waits and there is room (what pump would do at once).
    if (this.waitingHead === this.waiting.length && this.admitted.length + this.inService < this.shape.queueDepth) this.admitted.push(entry);
    else this.waiting.push(entry);
    this.pump();
  }

  counters(): DeviceCounters {
    this.account();
    return { ...this.tally };
  }

  /** Admits waiting requests up to the queue depth and starts as many as there are free servers. */
  private pump(): void {
    const admitted = this.admitted;
    const waiting = this.waiting;
    const depth = this.shape.queueDepth;
    while (this.waitingHead < waiting.length && admitted.length + this.inService < depth) {
      admitted.push(waiting[this.waitingHead++]);
    }
    if (this.waitingHead > 1024 && this.waitingHead * 2 > waiting.length) {
      this.waiting = waiting.slice(this.waitingHead);
      this.waitingHead = 0;
    }
    while (this.inService < this.shape.servers && admitted.length > 0) {
      const index = this.pick();
      const entry = (index === 0 ? admitted.shift() : admitted.splice(index, 1)[0]) as Entry;
      this.account();
      this.inService++;
      entry.startedAt = this.sim.now;
      this.serve(entry, entry.done);
    }
  }

  private newEntry(): Entry {
    const entry = { request: undefined as unknown as BlockRequest, onComplete: undefined as unknown as CompletionCallback, submittedAt: 0, startedAt: -1, done: undefined as unknown as () => void };
    // Bound once per pooled entry; anonymous like the per-request arrow it replaced.
    (entry as { done: () => void }).done = () => this.afterService(entry);
    return entry;
  }

  private afterService(entry: Entry): void {
    this.account();
    this.inService--;
    const bandwidth = this.bandwidth;
    const delay = this.completionDelay(entry);
    if (bandwidth > 0 && entry.request.length > 0) {
      const now = this.sim.now;
      const start = Math.max(now, this.busFreeAt);
      this.busFreeAt = start + Math.ceil((entry.request.length / bandwidth) * 1e9);
      this.sim.schedule(this.busFreeAt - now + delay, "device.complete", this.completeEntry, entry);
    } else if (delay > 0) {
      this.sim.schedule(delay, "device.complete", this.completeEntry, entry);
    } else {
      this.complete(entry);
    }
    this.pump();
  }

  private complete(entry: Entry): void {
    this.outstandingCount--;
    this.tally.completed++;
    const now = this.sim.now;
    this.tally.latencyNs += now - entry.submittedAt;
    const { request, onComplete, submittedAt, startedAt } = entry;
    entry.request = undefined as unknown as BlockRequest;
    entry.onComplete = undefined as unknown as CompletionCallback;
    this.pool.push(entry);
    onComplete({ request, submittedAt, startedAt, completedAt: now });
  }

  /** Brings the busy-time integrals up to now (call before `inService` changes). */
  private account(): void {
    const elapsed = this.sim.now - this.lastChange;
    if (this.inService > 0) {
      this.tally.busyNs += elapsed;
      this.tally.serviceNs += elapsed * this.inService;
    }
    this.lastChange = this.sim.now;
  }
}
