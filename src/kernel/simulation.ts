import { EventHeap, SEQUENCE_LIMIT, orderOf } from "./event-heap.ts";
import { eventKindCode, type EventKind } from "./event-kind.ts";
import { Fingerprint, Interner } from "./fingerprint.ts";
import { SimEvent, allOf, anyOf } from "./events.ts";
import { PRIORITY_NORMAL } from "./priority.ts";
import { Process, type ProcessBody, type ProcessSteps } from "./process.ts";
import { StartQueue, type Startable } from "./start-queue.ts";
import { grown } from "./typed-arrays.ts";
import { InputError } from "../util/errors.ts";

// Why this file is long (~920 lines, against the ~400 of the style guide): the Simulation class
// holds every structure the hot loop touches (heap, same-time ring, start queue, payload slots,
// sequence counter) as its own fields, so V8 sees one monomorphic object and inlines its private
// methods; splitting them into separate objects would add a property load per event on the hot
// path (not measured; the kernel spends ~100 ns per event in the restore's profile). Its other
// parts are small and documented.

/** Events one Simulation of this thread may execute (Infinity: no limit); see {@link setEventBudget}. */
let eventBudget = Infinity;

/**
 * Caps the events any Simulation created later in this thread may execute: past the cap, `run`
 * throws an InputError (the CLI's `--max-events`, and the fuzzer's small budget). A guard for
 * runs whose needs no estimate foresaw; a run within the cap is unchanged, event for event.
 * Returns the previous budget.
 *
 * @example
 * const previous = setEventBudget(3);
 * const s = new Simulation();
 * for (let i = 0; i < 5; i++) s.schedule(i, "example.event1", () => {});
 * s.run() // throws "scenario: a run within --max-events 3 per simulation (this one went past it at 2 ns of simulated time; raise --max-events)"
 * setEventBudget(previous);
 */
export function setEventBudget(events: number): number {
  const previous = eventBudget;
  eventBudget = events;
  return previous;
}

/** Events between two progress reports of a run, by default (a few dozen reports per second of a run). */
export const PROGRESS_EVERY_EVENTS = 50_000;

/**
 * A run's progress observer (a progress line's), for models that report how far a run has come:
 * `onProgress` gets a fraction in [0, 1], non-decreasing, every `progressEvery` executed events
 * (default {@link PROGRESS_EVERY_EVENTS}), through {@link Simulation.onEventsExecuted}, so a run
 * observed executes exactly the events of a run that is not.
 */
export interface ProgressOptions {
  onProgress?: (fraction: number) => void;
  progressEvery?: number;
}

/**
 * Installs `options.onProgress` on `sim` (nothing without it): every `options.progressEvery`
 * executed events it is called with `fraction()`, clamped to [0, 1] and held non-decreasing (a
 * fraction that falls back, e.g. a restore started again after a failure, is reported at its
 * highest so far). Scheduling nothing, it leaves the run's events and fingerprint unchanged.
 *
 * @example
 * const seen: number[] = [];
 * for (let i = 1; i <= 6; i++) sim.schedule(i, "example.tick", () => {});
 * const fractions = [0.2, 0.1, 0.5];
 * watchProgress(sim, { onProgress: (f) => seen.push(f), progressEvery: 2 }, () => fractions.shift() ?? 1);
 * sim.run();
 * seen // => [0.2, 0.2, 0.5] // after the 2nd, 4th and 6th event
 */
export function watchProgress(sim: Simulation, options: ProgressOptions, fraction: () => number): void {
  const onProgress = options.onProgress;
  if (onProgress === undefined) return;
  let highest = 0;
  sim.onEventsExecuted(options.progressEvery ?? PROGRESS_EVERY_EVENTS, () => {
    highest = Math.max(highest, Math.min(1, fraction()));
    onProgress(highest);
  });
}

/**
 * A scheduled callback. It receives the `data` given to `schedule` (so hot paths can pass state
 * without allocating a closure per event) and the simulation. Its JavaScript name plays no part
 * in the fingerprint: the event's declared `EventKind` does.
 */
export type EventCallback<T> = (data: T, sim: Simulation) => void;

/** Opaque handle of a scheduled event, for `cancel`. Encodes a payload slot and its generation. */
export type EventHandle = number;

/** Observer called after each executed event with its time (ns), component tag and declared kind. */
export type EventObserver = (time: number, tag: number, kind: EventKind) => void;

/** Options of a `Simulation`. */
export interface SimulationOptions {
  /** Keep a running fingerprint of executed events (costs a hash per event). Default false. */
  fingerprint?: boolean;
  /** Initial event-queue capacity; it grows by doubling. Default 1024. */
  initialCapacity?: number;
  /**
   * Pending events' sequence numbers are renumbered (keeping their order) when the counter
   * reaches this; default and most 2^37 (the heap's limit). Lower only to test renumbering.
   */
  sequenceLimit?: number;
}


// Slots are reused; the generation in the high bits makes a stale handle harmless to cancel.
// A handle is generation · SLOT_SPACE + slot, exact below 2^53: at most SLOT_SPACE events may be
// pending at once (insert throws beyond), and a slot whose generation reaches GENERATION_LIMIT is
// retired rather than reused, so no two events ever share a handle. (With 2^24 slots, a fleet of
// open-loop service phases once had more pending events than that, and a cancel hit the wrong one.)
const SLOT_SPACE = 2 ** 28;
const GENERATION_LIMIT = 2 ** 53 / SLOT_SPACE;
// Cancelled events wait in the queue until popped; when they are at least this many and half the
// queue, they are dropped at once (a network re-rating thousands of flows leaves one per flow).
const PURGE_AT_LEAST = 65_536;
// Entries of the kind-code cache in front of the kinds' Map (a power of two).
const KIND_CACHE_SIZE = 128;

function noop(): void {}

/** What `postTrigger` queues: an event whose `process()` runs its listeners. */
interface Triggered {
  process(): void;
}

// The ring's slot for a trigger queued by postTrigger: no payload slot, the event in ringEvents.
const TRIGGER_SLOT = -1;

// orderOf(PRIORITY_NORMAL, sequence) is this plus the sequence (see ringPushNow).
const NORMAL_ORDER_BASE = orderOf(PRIORITY_NORMAL, 0);

// The errors of schedule and scheduleAt, out of line so those stay small enough to inline.
function badDelay(delay: number): never {
  throw new Error(`sim.schedule requires a non-negative integer delay in ns, got ${delay}`);
}
function badTime(time: number, now: number): never {
  throw new Error(`sim.scheduleAt requires an integer time in ns not before now (${now}), got ${time}`);
}
function badKind(kind: unknown): never {
  throw new Error(`sim.schedule requires an event kind ("<component>.<event>") before the callback, got ${typeof kind}`);
}

/**
 * The event kernel: a clock in **integer nanoseconds** and a queue of callbacks ordered by
 * (time, priority, sequence). Same-time, same-priority events run first-in-first-out.
 * Times are doubles holding integers, exact up to 2^53 ns (about 104 days of simulated time).
 *
 * The kernel never reads the wall clock and draws no random numbers; everything stochastic
 * comes from `RngStreams` passed in by the caller.
 *
 * @example
 * const sim = new Simulation();
 * const log: number[] = [];
 * sim.schedule(5_000, "demo.tick", (x: number) => log.push(sim.now + x), 1);
 * sim.run();
 * log; // => [5001]
 */
export class Simulation {
  /** Current simulated time in nanoseconds (an integer). */
  now = 0;
  /** Number of events executed (cancelled events are not counted). */
  eventsExecuted = 0;
  /** Optional hook called after every executed event: where metrics and tracers attach. */
  onEvent: EventObserver | null = null;
  /** The process whose generator is running right now (null in plain callbacks). */
  activeProcess: Process<unknown> | null = null;

  private readonly heap: EventHeap;
  // Events scheduled for the current time at normal priority (delay 0: triggers, immediate
  // completions) wait in this FIFO ring instead of the heap: their keys (now, 0, sequence) only
  // grow, so the ring is in order, and executeTop merges its head with the heap's top by the
  // full key (time, then the heap's order: see orderOf). Same order as the heap alone, without
  // a sift up and down per such event.
  private ringTimes: Float64Array;
  private ringOrders: Float64Array;
  private ringSlots: Int32Array;
  // The event of a ring entry whose slot is TRIGGER_SLOT (see postTrigger); null elsewhere.
  private ringEvents: Array<Triggered | null>;
  private ringHead = 0;
  private ringCount = 0;
  // Process starts: urgent events at the current time, queued apart (see start-queue.ts).
  private readonly starts = new StartQueue();
  private sequence = 0;
  private readonly sequenceLimit: number;
  private callbacks: Array<EventCallback<never>> = [];
  private kinds: EventKind[] = [];
  private data: unknown[] = [];
  private tags: Int32Array;
  private generations: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  /** Cancelled events still in the heap or the ring. */
  private cancelledPending = 0;
  private stopped = false;
  private readonly renumberHooks: Array<() => void> = [];
  private progressEvery = Infinity;
  private nextProgressAt = Infinity;
  private progressHook: (() => void) | null = null;
  private readonly fingerprinter: Fingerprint | null;
  private readonly names = new Interner<string>();
  // Each kind's name hash, computed once.
  private readonly kindCodes = new Map<EventKind, number>();
  // In front of that Map, per event: a direct-mapped cache indexed by the kind's length and two
  // of its characters (kinds are a few dozen string literals, mostly in distinct entries), so
  // an event's kind is found by one string comparison, without a Map lookup.
  private readonly kindCacheKeys: Array<EventKind | undefined> = new Array<EventKind | undefined>(KIND_CACHE_SIZE).fill(undefined);
  private readonly kindCacheCodes = new Int32Array(KIND_CACHE_SIZE);

  constructor(options: SimulationOptions = {}) {
    const capacity = options.initialCapacity ?? 1024;
    this.heap = new EventHeap(capacity);
    this.ringTimes = new Float64Array(64);
    this.ringOrders = new Float64Array(64);
    this.ringSlots = new Int32Array(64);
    this.ringEvents = new Array<Triggered | null>(64).fill(null);
    this.tags = new Int32Array(capacity);
    this.generations = new Float64Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    this.fingerprinter = options.fingerprint ? new Fingerprint() : null;
    this.sequenceLimit = Math.min(options.sequenceLimit ?? SEQUENCE_LIMIT, SEQUENCE_LIMIT);
  }

  /**
   * Schedules `callback(data, sim)` after `delay` ns as an event of `kind` (declared at the call
   * site, `"<component>.<event>"`: what the fingerprint hashes, see event-kind.ts). `priority`
   * (an integer in [−2^15, 2^15)) orders same-time events (lower first); `tag` names the
   * component (from `intern`) for the fingerprint and `onEvent`. Throws an Error if `delay` is
   * negative or not an integer, the kind is not a string, or the priority is out of range (a
   * programming bug).
   *
   * @example
   * const arrivals: string[] = [];
   * const onArrival = (customer: string) => arrivals.push(`${customer} at ${sim.now}`);
   * sim.schedule(1_000, "example.event1", onArrival, "alice"); // runs onArrival("alice", sim) at now + 1 µs
   * sim.run();
   * arrivals // => ["alice at 1000"]
   */
  schedule<T>(delay: number, kind: EventKind, callback: EventCallback<T>, data?: T, priority = PRIORITY_NORMAL, tag = 0): EventHandle {
    if (!(delay >= 0) || !Number.isInteger(delay)) badDelay(delay);
    // The handle is computed here, in a method small enough to be inlined where it is called: a
    // caller that ignores it then computes nothing (the handle is a double past 2^31 once slots
    // are reused, and returning one from a call boxes it on the heap).
    const slot = this.insert(delay, kind, callback as EventCallback<never>, data, priority, tag);
    return this.generations[slot] * SLOT_SPACE + slot;
  }

  /**
   * {@link Simulation.schedule} without a handle: the same event (same order, same fingerprint),
   * which cannot be cancelled. For hot paths that never cancel: a handle is a number past 2^31
   * once slots are reused, and returning one from a call not inlined boxes it on the heap.
   *
   * @example
   * const log: number[] = [];
   * sim.post(5_000, "demo.tick", (x: number) => log.push(sim.now + x), 1);
   * sim.run();
   * log // => [5001]
   */
  post<T>(delay: number, kind: EventKind, callback: EventCallback<T>, data?: T, priority = PRIORITY_NORMAL, tag = 0): void {
    if (!(delay >= 0) || !Number.isInteger(delay)) badDelay(delay);
    this.insert(delay, kind, callback as EventCallback<never>, data, priority, tag);
  }

  /**
   * {@link Simulation.post} returning the event's payload slot (a small integer, never boxed)
   * instead of nothing. While the event is pending, and only then, `cancelSlot(slot)` cancels
   * it: once it ran, the slot may hold another event. For owners that know when their event
   * ran (a process's delay, process.ts); others use `schedule` and `cancel`.
   *
   * @example
   * let fired = false;
   * const slot = sim.postInSlot(10, "example.event1", () => (fired = true), undefined);
   * sim.cancelSlot(slot) // => true
   * sim.run();
   * fired // => false
   */
  postInSlot<T>(delay: number, kind: EventKind, callback: EventCallback<T>, data: T): number {
    if (!(delay >= 0) || !Number.isInteger(delay)) badDelay(delay);
    return this.insert(delay, kind, callback as EventCallback<never>, data, PRIORITY_NORMAL, 0);
  }

  /**
   * Cancels the pending event in `slot`, a slot from `postInSlot` whose event has not run yet;
   * see there. Returns false if it was already cancelled.
   *
   * @example
   * const slot = sim.postInSlot(10, "example.event1", () => {}, undefined);
   * [sim.cancelSlot(slot), sim.cancelSlot(slot)] // => [true, false]
   */
  cancelSlot(slot: number): boolean {
    return this.cancel(this.generations[slot] * SLOT_SPACE + slot);
  }

  /**
   * Queues `process.start()` as an urgent event (`PRIORITY_URGENT`) of kind "process.start" at
   * the current time: the same event, in the same place of the order, as
   * `post(0, "process.start", p => p.start(), process, PRIORITY_URGENT)`, without a heap entry
   * or a payload slot (see start-queue.ts). Used by `Process`.
   *
   * @example
   * const order: string[] = [];
   * sim.post(0, "example.normal", () => order.push("normal"));
   * sim.postStart({ start: () => order.push("start") });
   * sim.run();
   * order // => ["start", "normal"] // urgent: before normal events at the same time
   */
  postStart(process: { start(): void }): void {
    if (this.sequence >= this.sequenceLimit) this.renumber();
    this.starts.push(this.sequence++, process);
  }

  /**
   * Queues `event.process()` as an event of kind "kernel.trigger" (normal priority, tag 0) at
   * the current time: the same event, in the same place of the order, as
   * `post(0, "kernel.trigger", e => e.process(), event)`, kept in the same-time ring with no
   * payload slot. Used by `SimEvent.succeed` and `fail` (a granted request, a process's end).
   *
   * @example
   * const order: string[] = [];
   * sim.post(0, "example.first", () => order.push("first"));
   * sim.postTrigger({ process: () => order.push("trigger") });
   * sim.run();
   * order // => ["first", "trigger"] // same time and priority: first in, first out
   */
  postTrigger(event: { process(): void }): void {
    if (this.sequence >= this.sequenceLimit) this.renumber();
    const at = this.ringPushNow(this.sequence++, TRIGGER_SLOT);
    this.ringEvents[at] = event;
  }

  /**
   * Schedules `callback(data, sim)` as an event of `kind` at absolute time `time` ns (an
   * integer, not in the past).
   *
   * @example
   * let reportedAt = -1;
   * const report = () => (reportedAt = sim.now);
   * sim.scheduleAt(2_000_000, "example.event1", report); // runs report(undefined, sim) at t = 2 ms
   * sim.run();
   * reportedAt // => 2000000
   */
  scheduleAt<T>(time: number, kind: EventKind, callback: EventCallback<T>, data?: T, priority = PRIORITY_NORMAL, tag = 0): EventHandle {
    if (!(time >= this.now) || !Number.isInteger(time)) badTime(time, this.now);
    // time − now is exact (integers below 2^53), and insert adds now back: the same time.
    const slot = this.insert(time - this.now, kind, callback as EventCallback<never>, data, priority, tag);
    return this.generations[slot] * SLOT_SPACE + slot;
  }

  /**
   * Takes the sequence number the next `schedule` would take (the counter advances as if an event
   * had been scheduled) without queueing anything, for a model that keeps many tentative events
   * of its own and queues only the next one: {@link Simulation.scheduleReserved} queues it later
   * with this number, so it runs where a `schedule` made now would have run (same order, same
   * fingerprint), while a tentative event that is superseded costs no queue entry. Before the
   * kernel renumbers its sequence counter (once per 2^37 scheduled events) it calls the hooks
   * of {@link Simulation.onRenumber}: an owner of reserved numbers queues them all then.
   *
   * @example
   * const log: string[] = [];
   * const early = sim.reserveSequence();
   * sim.schedule(10, "example.event1", () => log.push("scheduled"));
   * sim.scheduleReserved(10, early, "example.event2", () => log.push("reserved"));
   * sim.run();
   * log // => ["reserved", "scheduled"] // same time: the reserved number is older
   */
  reserveSequence(): number {
    if (this.sequence >= this.sequenceLimit) this.renumber();
    return this.sequence++;
  }

  /**
   * Queues an event at absolute time `time` (an integer, not in the past) with a sequence number
   * from {@link Simulation.reserveSequence} (normal priority, tag 0), returning its handle for
   * `cancel`. Throws an Error for a time in the past or a number not yet reserved.
   *
   * @example
   * const seq = sim.reserveSequence();
   * let ranAt = -1;
   * sim.scheduleReserved(7, seq, "example.event1", () => (ranAt = sim.now));
   * sim.run();
   * ranAt // => 7
   */
  scheduleReserved<T>(time: number, sequence: number, kind: EventKind, callback: EventCallback<T>, data?: T): EventHandle {
    if (!(time >= this.now) || !Number.isInteger(time)) badTime(time, this.now);
    if (!(sequence >= 0 && sequence < this.sequence) || !Number.isInteger(sequence)) throw new Error(`sim.scheduleReserved requires a sequence number from reserveSequence, got ${sequence}`);
    if (typeof kind !== "string") badKind(kind);
    const slot = this.takeSlot(kind, callback as EventCallback<never>, data, 0);
    // Into the heap even at the current time: the ring holds only increasing sequence numbers.
    this.heap.push(time, PRIORITY_NORMAL, sequence, slot);
    return this.generations[slot] * SLOT_SPACE + slot;
  }

  /**
   * Calls `hook` before the kernel renumbers its sequence counter (see
   * {@link Simulation.reserveSequence}): the hook must queue, with `scheduleReserved`, every
   * event whose reserved number it still holds, since reserved numbers mean nothing after.
   *
   * @example
   * const sim = new Simulation({ sequenceLimit: 4 });
   * let calls = 0;
   * sim.onRenumber(() => calls++);
   * for (let i = 0; i < 6; i++) sim.reserveSequence();
   * calls // => 1
   */
  onRenumber(hook: () => void): void {
    this.renumberHooks.push(hook);
  }

  /**
   * Cancels a pending event so it never runs. Returns false if it already ran or was cancelled.
   * Cancellation is lazy: the entry stays in the heap and is skipped when popped.
   *
   * @example
   * let fired = false;
   * const h = sim.schedule(10, "example.event1", () => (fired = true));
   * sim.cancel(h) // => true
   * sim.run();
   * fired // => false // it never runs
   */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_SPACE;
    const generation = (handle - slot) / SLOT_SPACE;
    if (slot >= this.slotCount || this.generations[slot] !== generation) return false;
    if (this.callbacks[slot] === noop) return false;
    this.callbacks[slot] = noop;
    this.data[slot] = undefined;
    if (++this.cancelledPending >= PURGE_AT_LEAST && 2 * this.cancelledPending > this.heap.size + this.ringCount + this.starts.count) this.purgeCancelled();
    return true;
  }

  /**
   * Drops every cancelled event from the heap and the ring and frees their slots. The live
   * events keep their keys and the heap's order is total, so they run exactly as before: only
   * the queue's memory and its per-pop cost shrink.
   */
  private purgeCancelled(): void {
    const callbacks = this.callbacks;
    this.heap.retain((slot) => {
      if (callbacks[slot] !== noop) return true;
      this.freeSlot(slot);
      return false;
    });
    const mask = this.ringSlots.length - 1;
    let kept = 0;
    for (let i = 0; i < this.ringCount; i++) {
      const from = (this.ringHead + i) & mask;
      const slot = this.ringSlots[from];
      if (slot !== TRIGGER_SLOT && callbacks[slot] === noop) {
        this.freeSlot(slot);
        continue;
      }
      const to = (this.ringHead + kept) & mask;
      this.ringTimes[to] = this.ringTimes[from];
      this.ringOrders[to] = this.ringOrders[from];
      this.ringSlots[to] = slot;
      const event = this.ringEvents[from];
      this.ringEvents[from] = null;
      this.ringEvents[to] = event;
      kept++;
    }
    this.ringCount = kept;
    this.cancelledPending = 0;
  }

  /** A slot's event ran or was dropped: a new generation, and back to the free list unless it is retired. */
  private freeSlot(slot: number): void {
    if (++this.generations[slot] < GENERATION_LIMIT) this.freeSlots[this.freeCount++] = slot;
  }

  /**
   * Runs events until the queue is empty, `stop()` is called, or the next event is after `until`
   * (ns, inclusive). With `until`, the clock ends at `until` even if the queue ran dry earlier.
   * Returns the number of events executed by this call.
   *
   * @example
   * const ran: string[] = [];
   * sim.schedule(10, "example.event1", () => ran.push("a")); sim.schedule(30, "example.event2", () => ran.push("b"));
   * sim.run(20); // => 1
   * [ran, sim.now] // => [["a"], 20]
   */
  run(until = Infinity): number {
    const before = this.eventsExecuted;
    const budget = eventBudget;
    this.stopped = false;
    // One comparison per event for both the budget and the progress hook: the slow path runs
    // only when the count reaches the nearer of the two.
    let limit = Math.min(budget, this.nextProgressAt);
    while (this.heap.size + this.ringCount + this.starts.count > 0 && !this.stopped) {
      // Nothing is after Infinity: skip the look (peek returns a time past 2^31 ns, boxed when not inlined).
      if (until !== Infinity && this.peek() > until) break;
      this.executeTop();
      if (this.eventsExecuted >= limit) {
        if (this.eventsExecuted >= this.nextProgressAt) {
          this.nextProgressAt += this.progressEvery;
          this.progressHook?.();
        }
        if (this.eventsExecuted >= budget && !this.stopped && this.heap.size + this.ringCount + this.starts.count > 0) {
          throw new InputError("scenario", "", `a run within --max-events ${budget} per simulation (this one went past it at ${this.now} ns of simulated time; raise --max-events)`);
        }
        limit = Math.min(budget, this.nextProgressAt);
      }
    }
    if (until !== Infinity && !this.stopped && this.now < until) this.now = until;
    return this.eventsExecuted - before;
  }

  /**
   * Calls `hook` after every `every` executed events (a progress line's pulse). It schedules no
   * event and reads no clock, so a run with a hook executes exactly the events, in the same
   * order, of a run without one (same fingerprint). `every` ≤ 0 or not finite removes the hook.
   *
   * @example
   * const sim = new Simulation();
   * let pulses = 0;
   * for (let i = 1; i <= 10; i++) sim.schedule(i, "example.tick", () => {});
   * sim.onEventsExecuted(4, () => pulses++);
   * sim.run();
   * pulses // => 2 // after the 4th and the 8th event
   */
  onEventsExecuted(every: number, hook: () => void): void {
    const active = Number.isFinite(every) && every > 0;
    this.progressEvery = active ? Math.ceil(every) : Infinity;
    this.nextProgressAt = active ? this.eventsExecuted + this.progressEvery : Infinity;
    this.progressHook = active ? hook : null;
  }

  /**
   * Executes the next event (skipping cancelled ones). Returns false when the queue is empty.
   *
   * @example
   * sim.schedule(3, "example.event1", () => {}); sim.step(); // => true
   * sim.now // => 3
   */
  step(): boolean {
    while (this.heap.size + this.ringCount + this.starts.count > 0) {
      if (this.executeTop()) return true;
    }
    return false;
  }

  /**
   * Makes `run` return after the event being executed.
   *
   * @example
   * let ran = false;
   * sim.schedule(5, "example.event1", () => sim.stop()); sim.schedule(6, "example.event2", () => (ran = true)); sim.run();
   * [ran, sim.now] // => [false, 5] // the event at 6 does not run
   */
  stop(): void {
    this.stopped = true;
  }

  /** Number of entries in the event queue (including lazily cancelled ones). */
  get pending(): number {
    return this.heap.size + this.ringCount + this.starts.count;
  }

  /** Time of the next event in the queue, or Infinity (cancelled entries included). */
  peek(): number {
    if (this.starts.count > 0) return this.now;
    const heapTime = this.heap.size > 0 ? this.heap.topTime() : Infinity;
    if (this.ringCount === 0) return heapTime;
    const ringTime = this.ringTimes[this.ringHead];
    return ringTime < heapTime ? ringTime : heapTime;
  }

  /**
   * A small integer id for a component name, for `tag` arguments (0 means untagged).
   *
   * @example
   * sim.intern("ma1.ssd0"); // => 1
   * sim.intern("ma1.ssd1"); // => 2
   * sim.intern("ma1.ssd0"); // => 1 // again for the same name
   */
  intern(name: string): number {
    return this.names.id(name);
  }

  /** The name behind a tag from `intern`. */
  tagName(tag: number): string | undefined {
    return this.names.name(tag);
  }

  /**
   * The running fingerprint as 8 hex digits, or undefined when not enabled.
   *
   * @example
   * new Simulation({ fingerprint: true }).fingerprint() // => "811c9dc5" // no events yet
   */
  fingerprint(): string | undefined {
    return this.fingerprinter?.hex();
  }

  /**
   * Starts a process from a generator (or a generator function) at the current time.
   * The returned `Process` is an event that succeeds with the generator's return value.
   *
   * @example
   * const log: number[] = [];
   * sim.process(function* () { yield sim.timeout(5_000); log.push(sim.now); });
   * sim.run();
   * log // => [5000]
   */
  process<R>(body: ProcessBody<R> | (() => ProcessBody<R>), name?: string): Process<R> {
    return new Process<R>(this, typeof body === "function" ? body() : body, name, false);
  }

  /**
   * Starts a process written as a state machine (`ProcessSteps`, see process.ts) at the current
   * time: the same `Process` (same start, waits, interrupts, Resource and Store use) without a
   * generator. For hot paths; generators (`process`) stay the usual way to write one.
   *
   * @example
   * const log: number[] = [];
   * let waits = 0;
   * sim.stepProcess({
   *   resume() {
   *     log.push(sim.now);
   *     return waits++ < 2 ? sim.timeout(5_000) : null; // wait 5 µs twice, then end
   *   },
   * });
   * sim.run();
   * log // => [0, 5000, 10000]
   */
  stepProcess<R>(steps: ProcessSteps<R>, name?: string): Process<R> {
    return new Process<R>(this, steps, name, true);
  }

  /**
   * An event that succeeds `delay` ns from now (with `value`). Same delay rules as `schedule`.
   *
   * @example
   * sim.process(function* () {
   *   yield sim.timeout(250_000); // wait 250 µs
   * });
   * sim.run();
   * sim.now // => 250000
   */
  timeout<T = undefined>(delay: number, value?: T): SimEvent<T> {
    return new SimEvent<T>(this).succeedAfter(delay, value);
  }

  /**
   * A new untriggered event, for signalling between processes and callbacks.
   *
   * @example
   * const ready = sim.event<number>(); ready.succeed(3);
   * ready.value // => 3
   */
  event<T = unknown>(): SimEvent<T> {
    return new SimEvent<T>(this);
  }

  /**
   * Succeeds when all `events` have succeeded, with their values. See `allOf` in events.ts.
   *
   * @example
   * let resumedAt = -1;
   * sim.process(function* () {
   *   yield sim.allOf([sim.timeout(5), sim.timeout(9)]);
   *   resumedAt = sim.now;
   * });
   * sim.run();
   * resumedAt // => 9
   */
  allOf(events: ReadonlyArray<SimEvent<unknown>>): SimEvent<unknown[]> {
    return allOf(this, events);
  }

  /**
   * Succeeds with the first of `events` to succeed. See `anyOf` in events.ts.
   *
   * @example
   * const reply = sim.event<string>(); // never comes
   * let resumedAt = -1;
   * sim.process(function* () {
   *   yield sim.anyOf([reply, sim.timeout(1_000_000)]); // resumes on reply or after 1 ms
   *   resumedAt = sim.now;
   * });
   * sim.run();
   * resumedAt // => 1000000
   */
  anyOf(events: ReadonlyArray<SimEvent<unknown>>): SimEvent<SimEvent<unknown>> {
    return anyOf(this, events);
  }

  /**
   * Queues an event `delay` ns from now and returns its payload slot (a small integer). It takes
   * the delay, not the time, so no time past 2^31 ns is passed into it as a boxed number.
   */
  private insert(delay: number, kind: EventKind, callback: EventCallback<never>, data: unknown, priority: number, tag: number): number {
    // The types demand a kind; this catches untyped callers still passing the callback second.
    if (typeof kind !== "string") badKind(kind);
    const time = this.now + delay;
    const slot = this.takeSlot(kind, callback, data, tag);
    if (this.sequence >= this.sequenceLimit) this.renumber();
    if (delay === 0 && priority === PRIORITY_NORMAL) this.ringPushNow(this.sequence++, slot);
    else this.heap.push(time, priority, this.sequence++, slot);
    return slot;
  }

  /** A free payload slot, filled with the event's callback, kind, data and tag. */
  private takeSlot(kind: EventKind, callback: EventCallback<never>, data: unknown, tag: number): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount];
    else {
      if (this.slotCount === SLOT_SPACE) throw new Error(`kernel: more than ${SLOT_SPACE} events pending at once (handles would collide)`);
      if (this.slotCount === this.tags.length) this.growSlots();
      slot = this.slotCount++;
    }
    this.callbacks[slot] = callback;
    this.kinds[slot] = kind;
    this.data[slot] = data;
    this.tags[slot] = tag;
    return slot;
  }

  /**
   * `ringPush(now, orderOf(PRIORITY_NORMAL, sequence), slot)` with the time and the order key
   * computed here: no double past 2^31 passed into a call (boxed when it is not inlined).
   */
  private ringPushNow(sequence: number, slot: number): number {
    if (this.ringCount === this.ringSlots.length) this.growRing();
    const at = (this.ringHead + this.ringCount) & (this.ringSlots.length - 1);
    this.ringTimes[at] = this.now;
    this.ringOrders[at] = NORMAL_ORDER_BASE + sequence;
    this.ringSlots[at] = slot;
    this.ringCount++;
    return at;
  }

  private ringPush(time: number, order: number, slot: number): number {
    if (this.ringCount === this.ringSlots.length) this.growRing();
    const at = (this.ringHead + this.ringCount) & (this.ringSlots.length - 1);
    this.ringTimes[at] = time;
    this.ringOrders[at] = order;
    this.ringSlots[at] = slot;
    this.ringCount++;
    return at;
  }

  /**
   * Gives the pending events sequence numbers 0, 1, … in their execution order and continues
   * the counter after them: the order of every pair is kept, so the run is unchanged. Runs once
   * per 2^37 scheduled events (the heap's limit).
   */
  private renumber(): void {
    // Owners of reserved numbers queue their events first, so they are renumbered with the rest.
    for (const hook of this.renumberHooks) hook();
    const heap = this.heap;
    const count = heap.size + this.ringCount + this.starts.count;
    const times = new Float64Array(count);
    const priorities = new Int32Array(count);
    const slots = new Int32Array(count);
    const inRing = new Uint8Array(count);
    const started: Startable[] = [];
    const triggers: Triggered[] = [];
    // Merge the heap (popped in order), the starts and the ring (each in order) by the full key.
    for (let k = 0; k < count; k++) {
      if (this.startFirst()) {
        inRing[k] = 2;
        started.push(this.starts.shift());
      } else if (this.ringFirst()) {
        const head = this.ringHead;
        times[k] = this.ringTimes[head];
        slots[k] = this.ringSlots[head];
        if (slots[k] === TRIGGER_SLOT) {
          triggers.push(this.ringEvents[head] as Triggered);
          this.ringEvents[head] = null;
        }
        priorities[k] = PRIORITY_NORMAL;
        inRing[k] = 1;
        this.ringHead = (head + 1) & (this.ringSlots.length - 1);
        this.ringCount--;
      } else {
        times[k] = heap.topTime();
        priorities[k] = heap.topPriority();
        slots[k] = heap.pop();
      }
    }
    let startIndex = 0;
    let triggerIndex = 0;
    for (let k = 0; k < count; k++) {
      if (inRing[k] === 2) this.starts.push(k, started[startIndex++]);
      else if (inRing[k] === 1) {
        const at = this.ringPush(times[k], orderOf(PRIORITY_NORMAL, k), slots[k]);
        if (slots[k] === TRIGGER_SLOT) this.ringEvents[at] = triggers[triggerIndex++];
      } else heap.push(times[k], priorities[k], k, slots[k]);
    }
    this.sequence = count;
  }

  /**
   * True when the first pending start comes next: before the ring (same time, urgent) and
   * before the heap's top unless that is at the current time with a smaller order key.
   */
  private startFirst(): boolean {
    if (this.starts.count === 0) return false;
    const heap = this.heap;
    return heap.size === 0 || heap.topTime() !== this.now || heap.topOrder() > this.starts.headOrder();
  }

  /** True when the ring's head comes before the heap's top in (time, priority, sequence) order. */
  private ringFirst(): boolean {
    if (this.ringCount === 0) return false;
    const heap = this.heap;
    if (heap.size === 0) return true;
    const head = this.ringHead;
    const ringTime = this.ringTimes[head];
    const heapTime = heap.topTime();
    if (ringTime !== heapTime) return ringTime < heapTime;
    return this.ringOrders[head] < heap.topOrder();
  }

  /** Pops and runs the earliest event; returns false if it had been cancelled. */
  private executeTop(): boolean {
    if (this.startFirst()) {
      this.executeStart();
      return true;
    }
    let time: number;
    let slot: number;
    if (this.ringFirst()) {
      const head = this.ringHead;
      time = this.ringTimes[head];
      slot = this.ringSlots[head];
      this.ringHead = (head + 1) & (this.ringSlots.length - 1);
      this.ringCount--;
      if (slot === TRIGGER_SLOT) {
        this.executeTrigger(time, head);
        return true;
      }
    } else {
      const heap = this.heap;
      time = heap.topTime();
      slot = heap.pop();
    }
    const callback = this.callbacks[slot] as EventCallback<unknown>;
    const kind = this.kinds[slot];
    const data = this.data[slot];
    const tag = this.tags[slot];
    // Free the slot before running the callback: it may schedule and reuse it straight away.
    this.callbacks[slot] = noop;
    this.data[slot] = undefined;
    this.freeSlot(slot);
    if (callback === noop) {
      this.cancelledPending--;
      return false;
    }
    this.now = time;
    this.eventsExecuted++;
    if (this.fingerprinter !== null) this.fingerprinter.addWords(time | 0, Math.floor(time / 4294967296) | 0, this.kindCode(kind), tag);
    callback(data, this);
    if (this.onEvent !== null) this.onEvent(time, tag, kind);
    return true;
  }

  /** Runs the trigger in ring entry `at` (see postTrigger): an event of kind "kernel.trigger", tag 0. */
  private executeTrigger(time: number, at: number): void {
    const event = this.ringEvents[at] as Triggered;
    this.ringEvents[at] = null;
    this.now = time;
    this.eventsExecuted++;
    if (this.fingerprinter !== null) this.fingerprinter.addWords(time | 0, Math.floor(time / 4294967296) | 0, this.kindCode("kernel.trigger"), 0);
    event.process();
    if (this.onEvent !== null) this.onEvent(time, 0, "kernel.trigger");
  }

  /** Runs the first pending start: an event of kind "process.start", tag 0, at the current time. */
  private executeStart(): void {
    const process = this.starts.shift();
    const time = this.now;
    this.eventsExecuted++;
    if (this.fingerprinter !== null) this.fingerprinter.addWords(time | 0, Math.floor(time / 4294967296) | 0, this.kindCode("process.start"), 0);
    process.start();
    if (this.onEvent !== null) this.onEvent(time, 0, "process.start");
  }

  /**
   * The hash the fingerprint folds in for `kind` (its name's FNV-1a), computed once per kind and
   * kept as a signed 32-bit integer (the same bits: a small integer, never a boxed number).
   */
  private kindCode(kind: EventKind): number {
    const length = kind.length;
    const entry = (length * 31 + kind.charCodeAt(length - 2) * 5 + kind.charCodeAt(length >> 1)) & (KIND_CACHE_SIZE - 1);
    if (this.kindCacheKeys[entry] === kind) return this.kindCacheCodes[entry];
    let code = this.kindCodes.get(kind);
    if (code === undefined) {
      code = eventKindCode(kind) | 0;
      this.kindCodes.set(kind, code);
    }
    this.kindCacheKeys[entry] = kind;
    this.kindCacheCodes[entry] = code;
    return code;
  }

  /** Doubles the ring (a power of two), unrolling it to start at index 0. */
  private growRing(): void {
    const capacity = this.ringSlots.length * 2;
    const times = new Float64Array(capacity);
    const orders = new Float64Array(capacity);
    const slots = new Int32Array(capacity);
    const events = new Array<Triggered | null>(capacity).fill(null);
    const mask = this.ringSlots.length - 1;
    for (let i = 0; i < this.ringCount; i++) {
      const from = (this.ringHead + i) & mask;
      times[i] = this.ringTimes[from];
      orders[i] = this.ringOrders[from];
      slots[i] = this.ringSlots[from];
      events[i] = this.ringEvents[from];
    }
    this.ringTimes = times;
    this.ringOrders = orders;
    this.ringSlots = slots;
    this.ringEvents = events;
    this.ringHead = 0;
  }

  private growSlots(): void {
    const capacity = this.tags.length * 2;
    this.tags = grown(this.tags, capacity);
    this.generations = grown(this.generations, capacity);
    this.freeSlots = grown(this.freeSlots, capacity);
  }

}
