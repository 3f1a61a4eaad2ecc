import type { EventKind } from "./event-kind.ts";
import { PRIORITY_NORMAL } from "./priority.ts";

/**
 * What events and processes use of their simulation: scheduling their own processing, and the
 * process running now. The `Simulation` class implements it; it is declared here, not imported
 * from simulation.ts, because simulation.ts builds events and processes (one-way imports).
 */
export interface EventKernel {
  schedule<T>(delay: number, kind: EventKind, callback: (data: T) => void, data?: T, priority?: number): unknown;
  /** `post` returning the event's payload slot, for `cancelSlot` while it is pending. */
  postInSlot<T>(delay: number, kind: EventKind, callback: (data: T) => void, data: T): number;
  /** Cancels the pending event in `slot` (from `postInSlot`; the event must not have run yet). */
  cancelSlot(slot: number): boolean;
  /** `schedule` without a handle (the event cannot be cancelled). */
  post<T>(delay: number, kind: EventKind, callback: (data: T) => void, data?: T, priority?: number): void;
  /** Queues `process.start()` as an urgent event at the current time (see `Simulation.postStart`). */
  postStart(process: { start(): void }): void;
  /** Queues `event.process()` as a "kernel.trigger" event now (see `Simulation.postTrigger`). */
  postTrigger(event: { process(): void }): void;
  /** The process whose body is running (null between events); a `Process` is a `SimEvent`. */
  activeProcess: SimEvent<unknown> | null;
}

/**
 * Called with the event once it is processed (its value or error is final). Declared through
 * a method signature so it is bivariant: a `SimEvent<string>` can then be used (and yielded)
 * wherever a `SimEvent<unknown>` is expected.
 */
export type EventListener<T> = { bivarianceHack(event: SimEvent<T>): void }["bivarianceHack"];

/**
 * What a process is to the events it waits for: woken by a method call, so waiting needs no
 * closure. Kept in the same list as listeners, in the same order. @internal
 */
export interface EventWaiter {
  wake(event: SimEvent<unknown>): void;
}

type Listening<T> = EventListener<T> | EventWaiter;

function notify<T>(entry: Listening<T>, event: SimEvent<T>): void {
  if (typeof entry === "function") entry(event);
  else entry.wake(event as SimEvent<unknown>);
}

// State and outcome in one small integer (fewer fields per event: a process customer makes four).
const TRIGGERED = 1;
const PROCESSED = 2; // set together with TRIGGERED
const FAILED = 4;
const DEFUSED = 8;

/**
 * Something a process can wait for (SimPy's `Event`). It is triggered once, with a value
 * (`succeed`) or an error (`fail`); its listeners run in a scheduled kernel event at the
 * trigger time, so triggering never re-enters the caller.
 *
 * A failed event that nobody listens to throws its error out of `sim.run()` when processed,
 * so errors in processes are never silently lost (set `defused = true` to opt out).
 *
 * @example
 * const done = sim.event<string>();
 * const log: string[] = [];
 * sim.process(function* () { const v = yield done; log.push(`${v as string} at ${sim.now}`); });
 * sim.schedule(10, "example.event1", () => done.succeed("ok"));
 * sim.run();
 * log // => ["ok at 10"]
 */
export class SimEvent<T = unknown> {
  // Fields are declared, then set in the constructor, not initialised as class fields: measured
  // 7% less CPU per step-process M/M/1 customer, 15% per generator one (bench/kernel.ts). The
  // subclasses Process and Request keep class fields: written this way too, V8 (node 20, under
  // tsx) aborted their optimisation in a loop (invalidated StableMapDependency), 2-3x slower.
  declare readonly sim: EventKernel;
  /** The value, once triggered with `succeed`. */
  declare value: T | undefined;
  /** The error, once triggered with `fail`. */
  declare error: unknown;
  declare private flags: number;
  // One listener (or waiting process) is kept as itself and only two or more as an array: a
  // process waiting on an event allocates nothing for it.
  declare private listeners: Listening<T> | Array<Listening<T>> | null;

  constructor(sim: EventKernel) {
    this.sim = sim;
    this.value = undefined;
    this.error = undefined;
    this.flags = 0;
    this.listeners = null;
  }

  /** True unless triggered with `fail`. */
  get ok(): boolean {
    return (this.flags & FAILED) === 0;
  }

  /** When true, a failure with no listener does not throw out of `run()`. */
  get defused(): boolean {
    return (this.flags & DEFUSED) !== 0;
  }

  set defused(value: boolean) {
    this.flags = value ? this.flags | DEFUSED : this.flags & ~DEFUSED;
  }

  /** True once `succeed` or `fail` was called. */
  get triggered(): boolean {
    return (this.flags & TRIGGERED) !== 0;
  }

  /** True once the listeners have run. */
  get processed(): boolean {
    return (this.flags & PROCESSED) !== 0;
  }

  /**
   * Triggers the event with `value`; listeners run at the current time. Throws if already triggered.
   *
   * @example
   * const ev = sim.event<number>();
   * ev.succeed(42); ev.triggered // => true
   */
  succeed(value?: T, priority = PRIORITY_NORMAL): this {
    this.ensurePending();
    this.value = value;
    this.flags |= TRIGGERED;
    this.trigger(priority);
    return this;
  }

  /**
   * Triggers the event with an error; waiting processes see it thrown at their `yield`.
   *
   * @example
   * const ev = sim.event();
   * ev.defused = true; // nobody waits for it
   * ev.fail(new Error("disk gone")); ev.ok // => false
   */
  fail(error: unknown, priority = PRIORITY_NORMAL): this {
    this.ensurePending();
    this.error = error;
    this.flags |= TRIGGERED | FAILED;
    this.trigger(priority);
    return this;
  }

  /**
   * Succeeds like `succeed`, but when nobody listens yet the event is processed at once, with
   * no kernel event: a later listener runs through `addListener`'s same-time event, and a
   * process yielding it continues without waiting. With listeners it is exactly `succeed`.
   * Used for a process's end (see process.ts); throws if already triggered.
   *
   * @example
   * const ev = sim.event<number>();
   * ev.succeedUnheard(7);
   * [ev.processed, sim.pending] // => [true, 0] // processed at once, nothing scheduled
   */
  succeedUnheard(value?: T): this {
    if (this.listeners !== null) return this.succeed(value);
    this.ensurePending();
    this.value = value;
    this.flags |= TRIGGERED | PROCESSED;
    return this;
  }

  /**
   * Triggers the event `delay` ns from now (used by timeouts: one kernel event, no extra hop).
   *
   * @example
   * let seenAt = -1;
   * new SimEvent(sim).succeedAfter(5_000, "tick").addListener(() => (seenAt = sim.now));
   * sim.run();
   * seenAt // => 5000 // processed at now + 5 µs
   */
  succeedAfter(delay: number, value?: T): this {
    this.ensurePending();
    this.value = value;
    this.flags |= TRIGGERED;
    this.sim.post(delay, "kernel.timeout", processEvent, this as SimEvent<unknown>);
    return this;
  }

  /**
   * Calls `listener(event)` when the event is processed; if it already was, at the current time.
   *
   * @example
   * const ev = sim.event<string>();
   * const seen: unknown[] = [];
   * ev.addListener((e) => seen.push(e.value));
   * ev.succeed("ready");
   * sim.run();
   * seen // => ["ready"]
   */
  addListener(listener: EventListener<T>): void {
    this.listen(listener);
  }

  /** Wakes `waiter` (a process) like a listener; see {@link EventWaiter}. @internal */
  addWaiter(waiter: EventWaiter): void {
    this.listen(waiter);
  }

  private listen(entry: Listening<T>): void {
    if ((this.flags & PROCESSED) !== 0) {
      this.sim.schedule(0, "kernel.listener", (l: Listening<T>) => notify(l, this), entry);
      return;
    }
    const listeners = this.listeners;
    if (listeners === null) this.listeners = entry;
    else if (Array.isArray(listeners)) listeners.push(entry);
    else this.listeners = [listeners, entry];
  }

  /**
   * Removes a listener added earlier (e.g. when an interrupted process stops waiting).
   * Returns whether it was found.
   */
  removeListener(listener: EventListener<T>): boolean {
    return this.unlisten(listener);
  }

  /** Stops waking `waiter` (an interrupted process). @internal */
  removeWaiter(waiter: EventWaiter): boolean {
    return this.unlisten(waiter);
  }

  private unlisten(entry: Listening<T>): boolean {
    const listeners = this.listeners;
    if (listeners === null) return false;
    if (!Array.isArray(listeners)) {
      if (listeners !== entry) return false;
      // An empty array, not null: an event that had a listener never throws its failure.
      this.listeners = [];
      return true;
    }
    const i = listeners.indexOf(entry);
    if (i < 0) return false;
    listeners.splice(i, 1);
    return true;
  }

  /** Runs the listeners; called by the kernel at the trigger time. */
  process(): void {
    this.flags |= TRIGGERED | PROCESSED;
    const listeners = this.listeners;
    // Detach first so a listener that adds listeners to this event is scheduled, not looped.
    this.listeners = null;
    if (listeners === null) {
      if (!this.ok && !this.defused) throw this.error;
    } else if (!Array.isArray(listeners)) notify(listeners, this);
    else {
      for (let i = 0; i < listeners.length; i++) notify(listeners[i], this);
    }
  }

  /** Schedules `process()` now: a "kernel.trigger" event (in the kernel's same-time ring at normal priority). */
  private trigger(priority: number): void {
    if (priority === PRIORITY_NORMAL) this.sim.postTrigger(this);
    else this.sim.post(0, "kernel.trigger", processEvent, this as SimEvent<unknown>, priority);
  }

  private ensurePending(): void {
    if ((this.flags & TRIGGERED) !== 0) throw new Error("simEvent.succeed/fail requires an untriggered event");
  }
}

function processEvent(event: SimEvent<unknown>): void {
  event.process();
}

/**
 * An event that succeeds when all `events` succeed, with their values in order; it fails with
 * the first failure.
 *
 * @example
 * let resumed: unknown[] = [];
 * sim.process(function* () {
 *   const values = yield allOf(sim, [sim.timeout(5), sim.timeout(9)]);
 *   resumed = [sim.now, values];
 * });
 * sim.run();
 * resumed // => [9, [undefined, undefined]]
 */
export function allOf(sim: EventKernel, events: ReadonlyArray<SimEvent<unknown>>): SimEvent<unknown[]> {
  const result = new SimEvent<unknown[]>(sim);
  let remaining = events.length;
  if (remaining === 0) return result.succeed([]);
  const onDone = (event: SimEvent<unknown>) => {
    if (result.triggered) return;
    if (!event.ok) {
      event.defused = true;
      result.fail(event.error);
    } else if (--remaining === 0) {
      result.succeed(events.map((e) => e.value));
    }
  };
  for (const event of events) event.addListener(onDone);
  return result;
}

/**
 * An event that succeeds (with the first processed event as its value) as soon as any of
 * `events` succeeds, or fails with the first failure.
 *
 * @example
 * const reply = sim.event<string>();
 * let cameInTime = false;
 * sim.process(function* () {
 *   const first = yield anyOf(sim, [reply, sim.timeout(1_000_000)]);
 *   cameInTime = first === reply; // true if it came in time
 * });
 * sim.schedule(500_000, "example.event", () => reply.succeed("pong"));
 * sim.run();
 * cameInTime // => true
 */
export function anyOf(sim: EventKernel, events: ReadonlyArray<SimEvent<unknown>>): SimEvent<SimEvent<unknown>> {
  const result = new SimEvent<SimEvent<unknown>>(sim);
  const onDone = (event: SimEvent<unknown>) => {
    if (result.triggered) return;
    if (event.ok) result.succeed(event);
    else {
      event.defused = true;
      result.fail(event.error);
    }
  };
  for (const event of events) event.addListener(onDone);
  return result;
}
