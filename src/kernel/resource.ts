import { SimEvent } from "./events.ts";
import type { Process } from "./process.ts";
import type { Simulation } from "./simulation.ts";
import { TimeIntegral } from "./time-integral.ts";

// A grant moves the queue to the front of its array once this many granted slots precede it
// and they are at least half the array (a queue that never empties stays bounded).
const COMPACT_AT_LEAST = 64;

/**
 * Removes `array[i]`, keeping the order of the rest. Unlike `splice(i, 1)` it allocates no
 * array of removed items: a release per customer stays allocation-free.
 */
function removeAt<T>(array: T[], i: number): void {
  const last = array.length - 1;
  for (let k = i; k < last; k++) array[k] = array[k + 1];
  array.pop();
}

/** Options of a `Resource`. */
export interface ResourceOptions {
  /** Number of servers (a positive integer). */
  capacity: number;
  /** Waiting order: "fifo" (default) or "priority" (lower number first, FIFO within a priority). */
  queue?: "fifo" | "priority";
  /** With "priority": a request may evict a user of a strictly worse priority. Default false. */
  preemptive?: boolean;
  /** Name for errors and metrics. */
  name?: string;
}

/**
 * Why a user lost its server: the preempting request, when it started using it, and the
 * resource. The victim's remaining service is `service - (preemptedAt - usageSince)`.
 */
export interface Preempted {
  readonly by: Request;
  readonly usageSince: number;
  readonly preemptedAt: number;
  readonly resource: Resource;
}

/**
 * A request for one server of a `Resource`; it succeeds (with itself) when granted.
 *
 * @example
 * const disk = new Resource(sim, { capacity: 1 });
 * sim.process(function* () {
 *   const req = disk.request(); yield req;
 *   yield sim.timeout(100); // use the disk
 *   disk.release(req);
 * });
 * sim.run();
 * disk.busy.mean(sim.now) // => 1
 */
export class Request extends SimEvent<Request> {
  /** Time (ns) the server was granted, or -1 while waiting. */
  usageSince = -1;
  /** Set when preempted. */
  preempted: Preempted | null = null;
  /** Called when preempted (for callback-style users; processes get an Interrupt instead). */
  onPreempt: ((info: Preempted) => void) | null = null;

  constructor(
    readonly resource: Resource,
    /** Lower is more important. */
    readonly priority: number,
    /** Monotonic order of requests, the FIFO tie-break. */
    readonly order: number,
    /** The process that asked, if any: it is interrupted on preemption. */
    readonly owner: Process<unknown> | null,
  ) {
    super(resource.sim);
  }
}

/**
 * `capacity` identical servers with a FIFO or priority wait queue and optional preemption
 * (SimPy's Resource / PriorityResource / PreemptiveResource in one class).
 * Busy servers and queue length are kept as time integrals for utilisation metrics.
 *
 * @example
 * const cpu = new Resource(sim, { capacity: 2 });
 * sim.process(function* () {
 *   const req = cpu.request(); yield req;
 *   yield sim.timeout(1_000);
 *   cpu.release(req);
 * });
 * sim.run(); cpu.utilisation() // => 0.5 // one of two servers for the whole run
 */
export class Resource {
  readonly capacity: number;
  readonly name: string;
  /** Requests holding a server. */
  readonly users: Request[] = [];
  // The waiting requests are waiters[head..tail), in service order: a grant takes the head by
  // moving an index (no Array.shift), and the array's length changes only when it grows or
  // `queue` is read. Entries outside [head, tail) are undefined.
  private readonly waiters: Array<Request | undefined> = [];
  private head = 0;
  private tail = 0;
  /** Time integral of busy servers: `busy.mean(now) / capacity` is utilisation. */
  readonly busy: TimeIntegral;
  /** Time integral of the number waiting. */
  readonly waiting: TimeIntegral;
  private readonly byPriority: boolean;
  private readonly preemptive: boolean;
  private orderCounter = 0;

  constructor(readonly sim: Simulation, options: ResourceOptions) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) {
      throw new Error(`resource.capacity requires a positive integer, got ${options.capacity}`);
    }
    this.capacity = options.capacity;
    this.name = options.name ?? "resource";
    this.byPriority = options.queue === "priority" || options.preemptive === true;
    this.preemptive = options.preemptive === true;
    this.busy = new TimeIntegral(sim.now);
    this.waiting = new TimeIntegral(sim.now);
  }

  /**
   * Requests waiting, in service order (the resource's own array, trimmed when read: read it,
   * do not change it).
   *
   * @example
   * const disk = new Resource(sim, { capacity: 1 });
   * const first = disk.request();
   * const second = disk.request();
   * [disk.queue.length, disk.queue[0] === second] // => [1, true]
   * disk.release(first);
   * disk.queue.length // => 0
   */
  get queue(): Request[] {
    if (this.head > 0) this.compact();
    this.waiters.length = this.tail;
    return this.waiters as Request[];
  }

  /** Fraction of server capacity used from the start (or last reset) to now. */
  utilisation(): number {
    return this.busy.mean(this.sim.now) / this.capacity;
  }

  /**
   * Asks for a server. `priority` (lower first) only matters with a priority queue.
   * The request's owner is the running process, if any. A process asking while a server is
   * free gets it at once: the request is already processed, so `yield req` goes on with no
   * kernel event; otherwise the grant is a kernel event at the grant time.
   *
   * @example
   * const link = new Resource(sim, { capacity: 1, queue: "priority" });
   * const order: number[] = [];
   * const use = (priority: number) => sim.process(function* () {
   *   const req = link.request(priority); yield req;
   *   order.push(priority);
   *   yield sim.timeout(10);
   *   link.release(req);
   * });
   * use(0); use(2); use(1); // 2 waits behind the priority 0 and 1 requests
   * sim.run();
   * order // => [0, 1, 2]
   */
  request(priority = 0): Request {
    const owner = this.sim.activeProcess;
    const request = new Request(this, priority, this.orderCounter++, owner);
    if (owner !== null && this.users.length < this.capacity) {
      // A process finding a free server holds it at once: the request is processed before it
      // is returned, so `yield req` goes on with no kernel event (ARCHITECTURE.md, "Processes").
      this.take(request);
      request.succeedUnheard(request);
    } else this.admit(request);
    return request;
  }

  /**
   * The order number the next request must carry (for callers building their own `Request`
   * subclass to pass to `admit`); each call takes one.
   *
   * @example
   * const cpu = new Resource(sim, { capacity: 1 });
   * const job = new Request(cpu, 0, cpu.nextOrder(), null); cpu.admit(job);
   * job.triggered // => true // granted at once: a core was free
   */
  nextOrder(): number {
    return this.orderCounter++;
  }

  /**
   * Grants, preempts for or queues a request made by the caller (a `Request` subclass that
   * reacts to its grant in `process()` instead of through listeners: no closures per request).
   * `request` must be new, of this resource, with an order from `nextOrder()`.
   *
   * @example
   * const cpu = new Resource(sim, { capacity: 1 });
   * cpu.request(0);
   * const job = new Request(cpu, 0, cpu.nextOrder(), null);
   * cpu.admit(job); // like cpu.request(0)
   * job.triggered // => false // waits: the only core is taken
   */
  admit(request: Request): void {
    if (this.users.length < this.capacity) this.grant(request);
    else if (this.preemptive && this.tryPreempt(request)) this.grant(request);
    else this.enqueue(request);
  }

  /**
   * Gives back the server held by `request` and grants the next waiter. On a request still
   * waiting it withdraws it (e.g. after an interrupt). Releasing twice does nothing.
   *
   * @example
   * const disk = new Resource(sim, { capacity: 1 });
   * const first = disk.request();
   * const second = disk.request();
   * disk.release(first); // the waiting request gets the server
   * second.triggered // => true
   */
  release(request: Request): void {
    const i = this.users.indexOf(request);
    if (i >= 0) {
      removeAt(this.users, i);
      // With a waiter, the freed server is granted at once and take() records the busy count:
      // the count's drop for no time would add nothing to the integral (same value, same bits).
      if (this.tail > this.head) this.grantWaiters();
      else this.busy.setNow(this.sim, this.users.length);
      return;
    }
    const waiters = this.waiters;
    for (let j = this.head; j < this.tail; j++) {
      if (waiters[j] !== request) continue;
      const last = --this.tail;
      for (let k = j; k < last; k++) waiters[k] = waiters[k + 1];
      waiters[last] = undefined;
      this.waiting.setNow(this.sim, this.tail - this.head);
      return;
    }
  }

  private grant(request: Request): void {
    this.take(request);
    request.succeed(request);
  }

  /** Gives `request` a server (the caller triggers it). */
  private take(request: Request): void {
    request.usageSince = this.sim.now;
    this.users.push(request);
    this.busy.setNow(this.sim, this.users.length);
  }

  private grantWaiters(): void {
    const waiters = this.waiters;
    while (this.users.length < this.capacity && this.tail > this.head) {
      const next = waiters[this.head] as Request;
      waiters[this.head++] = undefined;
      if (this.head === this.tail) this.head = this.tail = 0;
      else if (this.head >= COMPACT_AT_LEAST && 2 * this.head >= this.tail) this.compact();
      this.waiting.setNow(this.sim, this.tail - this.head);
      this.grant(next);
    }
  }

  /** Moves the waiting requests to the front of the array. */
  private compact(): void {
    const waiters = this.waiters;
    const head = this.head;
    const count = this.tail - head;
    for (let k = 0; k < count; k++) waiters[k] = waiters[head + k];
    for (let k = Math.max(count, head); k < this.tail; k++) waiters[k] = undefined;
    this.head = 0;
    this.tail = count;
  }

  private enqueue(request: Request): void {
    const waiters = this.waiters;
    let at = this.tail;
    if (this.byPriority) {
      // Binary search for the first waiter strictly worse than `request`: FIFO within a priority.
      let lo = this.head;
      let hi = this.tail;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((waiters[mid] as Request).priority <= request.priority) lo = mid + 1;
        else hi = mid;
      }
      at = lo;
    }
    if (this.tail === waiters.length) waiters.push(undefined);
    for (let k = this.tail; k > at; k--) waiters[k] = waiters[k - 1];
    waiters[at] = request;
    this.tail++;
    this.waiting.setNow(this.sim, this.tail - this.head);
  }

  /** Evicts the least important, most recent user if `request` is strictly more important. */
  private tryPreempt(request: Request): boolean {
    let victimIndex = -1;
    for (let i = 0; i < this.users.length; i++) {
      const u = this.users[i];
      const v = victimIndex < 0 ? null : this.users[victimIndex];
      if (v === null || u.priority > v.priority || (u.priority === v.priority && u.order > v.order)) victimIndex = i;
    }
    const victim = this.users[victimIndex];
    if (victim === undefined || victim.priority <= request.priority) return false;
    removeAt(this.users, victimIndex);
    const info: Preempted = { by: request, usageSince: victim.usageSince, preemptedAt: this.sim.now, resource: this };
    victim.preempted = info;
    if (victim.onPreempt !== null) victim.onPreempt(info);
    if (victim.owner !== null && victim.owner.isAlive) victim.owner.interrupt(info);
    return true;
  }
}
