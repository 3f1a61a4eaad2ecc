import type { Simulation } from "../../kernel/simulation.ts";
import type { ModelDefinition } from "./definition.ts";
import type { BlockDevice, BlockRequest, CompletionCallback, DeviceCounters } from "./types.ts";

/** A request inside a device: the request, its callback and its timestamps (ns). */
export interface QueuedRequest {
  request: BlockRequest;
  onComplete: CompletionCallback;
  submittedAt: number;
  startedAt: number;
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
 * `bandwidthBps`, and the request completes.
 *
 * @example
 * class Constant extends QueuedDevice {
 *   readonly definition = { name: "constant", description: "", parameters: {} };
 *   protected serve(_r: QueuedRequest, done: () => void) { this.sim.schedule(1000, done); }
 * }
 * new Constant(sim, "d", { queueDepth: 1, servers: 1 }).submit({ offset: 0, length: 1, op: "R" }, cb);
 * sim.run(); // cb got completedAt 1000
 */
export abstract class QueuedDevice implements BlockDevice {
  abstract readonly definition: ModelDefinition;
  /** Admitted requests not yet in service, in arrival order (what `pick` chooses from). */
  protected readonly admitted: QueuedRequest[] = [];
  private waiting: QueuedRequest[] = [];
  private waitingHead = 0;
  private inService = 0;
  private busFreeAt = 0;
  private lastChange = 0;
  private outstandingCount = 0;
  private readonly tally: DeviceCounters = { requests: 0, completed: 0, bytesRead: 0, bytesWritten: 0, busyNs: 0, serviceNs: 0, latencyNs: 0 };

  constructor(
    protected readonly sim: Simulation,
    readonly name: string,
    readonly shape: QueueShape,
  ) {
    if (!(shape.queueDepth >= 1 && shape.servers >= 1)) {
      throw new Error(`${name} requires queueDepth and servers of at least 1`);
    }
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

  get outstanding(): number {
    return this.outstandingCount;
  }

  submit(request: BlockRequest, onComplete: CompletionCallback): void {
    const tally = this.tally;
    tally.requests++;
    if (request.op === "R") tally.bytesRead += request.length;
    else if (request.op === "W") tally.bytesWritten += request.length;
    this.outstandingCount++;
    this.waiting.push({ request, onComplete, submittedAt: this.sim.now, startedAt: -1 });
    this.pump();
  }

  counters(): DeviceCounters {
    this.account();
    return { ...this.tally };
  }

  /** Admits waiting requests up to the queue depth and starts as many as there are free servers. */
  private pump(): void {
    const inDevice = () => this.admitted.length + this.inService;
    while (this.waitingHead < this.waiting.length && inDevice() < this.shape.queueDepth) {
      this.admitted.push(this.waiting[this.waitingHead++]);
    }
    if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.waitingHead);
      this.waitingHead = 0;
    }
    while (this.inService < this.shape.servers && this.admitted.length > 0) {
      const [entry] = this.admitted.splice(this.pick(), 1);
      this.account();
      this.inService++;
      entry.startedAt = this.sim.now;
      this.serve(entry, () => this.afterService(entry));
    }
  }

  private afterService(entry: QueuedRequest): void {
    this.account();
    this.inService--;
    const bandwidth = this.shape.bandwidthBps ?? 0;
    if (bandwidth > 0 && bandwidth < Infinity && entry.request.length > 0) {
      const start = Math.max(this.sim.now, this.busFreeAt);
      this.busFreeAt = start + Math.ceil((entry.request.length / bandwidth) * 1e9);
      this.sim.schedule(this.busFreeAt - this.sim.now, () => this.complete(entry));
    } else {
      this.complete(entry);
    }
    this.pump();
  }

  private complete(entry: QueuedRequest): void {
    this.outstandingCount--;
    this.tally.completed++;
    this.tally.latencyNs += this.sim.now - entry.submittedAt;
    entry.onComplete({ request: entry.request, submittedAt: entry.submittedAt, startedAt: entry.startedAt, completedAt: this.sim.now });
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
