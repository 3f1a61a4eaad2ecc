import type { IoClass, IoScheduler, QueuedIo } from "../../contracts/io-class.ts";
import type { Simulation } from "../../kernel/simulation.ts";
import type { BackgroundLimit } from "./background-limit.ts";
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

/**
 * A pooled entry with its service-done callback, bound once when the entry is first made; with
 * class-aware dispatch it is also the scheduler's queued I/O.
 */
interface Entry extends QueuedRequest, QueuedIo {
  readonly done: () => void;
}

/**
 * Class-aware dispatch of a device's waiting requests: `scheduler` orders them by I/O class
 * (a request's `ioClass`, demand when absent), `limit` bounds the background requests inside
 * the device (its reorder queue and service) at once.
 */
export interface ClassDispatch {
  scheduler: IoScheduler;
  limit: BackgroundLimit;
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
  /** Class-aware dispatch, when set (see {@link QueuedDevice.useClassDispatch}). */
  private classes: ClassDispatch | null = null;
  /** Background requests admitted or in service. */
  private backgroundInside = 0;
  /** Background requests the scheduler handed out while the bound was reached, oldest first. */
  private readonly parked: Entry[] = [];
  private nextIoId = 1;
  /** Time of the pending wake-up event (a non-work-conserving scheduler), -1 when none. */
  private wakeAt = -1;
  /**
   * False for a device whose queue never holds requests back from a device below it (the dedup
   * store, whose chunk reads queue at its underlying device): class-aware dispatch is set on the
   * devices where the queues form.
   */
  readonly dispatchesByClass: boolean = true;

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

  /**
   * Orders this device's waiting requests by I/O class with `dispatch.scheduler` and holds at
   * most `dispatch.limit.value` background requests inside the device; call before the first
   * submit. Without it, requests are admitted in arrival order whatever their class.
   *
   * @example
   * import { FixedBackgroundLimit } from "./background-limit.ts";
   * import { FixedLatencyDevice } from "./fixed-latency.ts";
   * const disk = new FixedLatencyDevice(sim, "d", { latency: 1_000_000, parallelism: 1 });
   * disk.useClassDispatch({ scheduler: schedulingPolicies.get("strict-priority").create({}), limit: new FixedBackgroundLimit(1) });
   * const order: string[] = [];
   * for (const ioClass of ["relocation", "relocation", "demand"] as const) disk.submit({ offset: 0, length: 4096, op: "R", ioClass }, () => order.push(ioClass));
   * sim.run();
   * order // => ["relocation", "demand", "relocation"]
   */
  useClassDispatch(dispatch: ClassDispatch): void {
    if (this.tally.requests > 0) throw new Error(`${this.name}: class-aware dispatch must be set before the first request`);
    this.classes = dispatch;
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
    const classes = this.classes;
    if (classes !== null) {
      entry.id = this.nextIoId++;
      entry.ioClass = request.ioClass ?? "demand";
      entry.bytes = request.length;
      entry.enqueuedAt = entry.submittedAt;
      classes.scheduler.enqueue(entry);
      this.pump();
      return;
    }
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
    if (this.classes !== null) this.admitByClass(this.classes);
    while (this.waitingHead < waiting.length && admitted.length + this.inService < depth) {
      admitted.push(waiting[this.waitingHead++]);
    }
    if (this.waitingHead > 1024 && this.waitingHead * 2 > waiting.length) {
      this.waiting = waiting.slice(this.waitingHead);
      this.waitingHead = 0;
    }
    while (this.inService < this.shape.servers && admitted.length > 0) {
      const index = this.pick();
      // The only admitted request is taken by pop (no elements to move down, as shift would).
      const entry = (admitted.length === 1 ? admitted.pop() : index === 0 ? admitted.shift() : admitted.splice(index, 1)[0]) as Entry;
      this.account();
      this.inService++;
      entry.startedAt = this.sim.now;
      this.serve(entry, entry.done);
    }
  }

  /**
   * Admits waiting requests in the scheduler's order while the device has room. Invariant: a
   * background request enters only while fewer than `limit.value` are inside; when the bound is
   * reached the scheduler is asked only while demand waits, and a background request it hands
   * out then is parked and admitted first once the bound allows.
   */
  private admitByClass(classes: ClassDispatch): void {
    const { scheduler, limit } = classes;
    const admitted = this.admitted;
    const parked = this.parked;
    const depth = this.shape.queueDepth;
    while (admitted.length + this.inService < depth) {
      const full = this.backgroundInside >= limit.value;
      if (parked.length > 0 && !full) {
        this.admit(parked.shift() as Entry);
        continue;
      }
      if (scheduler.size === 0 || ((full || parked.length > 0) && scheduler.sizeOf("demand") === 0)) break;
      const now = this.sim.now;
      const io = scheduler.dequeue(now) as Entry | undefined;
      if (io === undefined) {
        this.wakeUpAt(scheduler.nextReadyAt?.(now));
        break;
      }
      if (io.ioClass !== "demand" && (full || parked.length > 0)) parked.push(io);
      else this.admit(io);
    }
  }

  private admit(entry: Entry): void {
    if (entry.ioClass !== "demand") this.backgroundInside++;
    this.admitted.push(entry);
  }

  /** Pumps again at `at` (a non-work-conserving scheduler's next eligible time). */
  private wakeUpAt(at: number | undefined): void {
    if (at === undefined || !Number.isFinite(at) || !(at > this.sim.now)) return;
    if (this.wakeAt >= 0 && this.wakeAt <= at) return;
    this.wakeAt = at;
    this.sim.schedule(at - this.sim.now, "device.wake", () => {
      if (this.wakeAt === at) this.wakeAt = -1;
      this.pump();
    });
  }

  private newEntry(): Entry {
    const entry: Entry = {
      request: undefined as unknown as BlockRequest,
      onComplete: undefined as unknown as CompletionCallback,
      submittedAt: 0,
      startedAt: -1,
      id: 0,
      ioClass: "demand" as IoClass,
      bytes: 0,
      enqueuedAt: 0,
      done: undefined as unknown as () => void,
    };
    // Bound once per pooled entry; anonymous like the per-request arrow it replaced.
    (entry as { done: () => void }).done = () => this.afterService(entry);
    return entry;
  }

  private afterService(entry: Entry): void {
    this.account();
    this.inService--;
    if (this.classes !== null && entry.ioClass !== "demand") this.backgroundInside--;
    const bandwidth = this.bandwidth;
    const delay = this.completionDelay(entry);
    if (bandwidth > 0 && entry.request.length > 0) {
      const now = this.sim.now;
      const start = Math.max(now, this.busFreeAt);
      this.busFreeAt = start + Math.ceil((entry.request.length / bandwidth) * 1e9);
      this.sim.post(this.busFreeAt - now + delay, "device.complete", this.completeEntry, entry);
    } else if (delay > 0) {
      this.sim.post(delay, "device.complete", this.completeEntry, entry);
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
    const classes = this.classes;
    if (classes !== null) {
      const before = classes.limit.value;
      classes.limit.observe(now, entry.ioClass, now - submittedAt);
      if (classes.limit.value > before) this.pump();
    }
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
