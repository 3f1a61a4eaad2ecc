import { SimEvent, type EventKernel, type EventWaiter } from "./events.ts";
import { PRIORITY_URGENT } from "./priority.ts";

/**
 * What a process body is: a generator that yields events to wait for and returns its result.
 * The value of `yield ev` is `ev.value` (typed `unknown`; keep a reference to the event when
 * you need its type: `const req = res.request(); yield req;`). A generator may also yield a
 * delay in ns (a non-negative integer): `yield 5_000` goes on 5 µs later, like `yield
 * sim.timeout(5_000)` at the same place in the order, but with no event object (its kernel
 * event is a `process.delay`, not a `kernel.timeout`).
 */
export type ProcessBody<R> = Generator<SimEvent<unknown> | number, R, unknown>;

/**
 * A process body written as a state machine instead of a generator (see `sim.stepProcess`).
 * `resume` is called with the value of the event the process waited for (undefined at its
 * start and after a delay) and returns what to wait for next: an event, a delay in ns (a
 * non-negative integer: the process goes on that much later, like waiting for
 * `sim.timeout(delay)` but with no event object), or null to end (the process then succeeds
 * with `result`). A failed event or an Interrupt goes to `resumeError` instead; without it the
 * process fails with the error, as it does when a step throws. An Interrupt cancels a pending
 * delay. Such a process resumes by a method call: no generator object, no iterator result,
 * and with delays no event object per step.
 */
export interface ProcessSteps<R = unknown> {
  resume(value: unknown): SimEvent<unknown> | number | null;
  resumeError?(error: unknown): SimEvent<unknown> | number | null;
  /** The process's result, read when `resume` returns null. */
  result?: R;
}

/**
 * Thrown into a process at its current `yield` by `process.interrupt(cause)`.
 *
 * @example
 * const log: unknown[] = [];
 * const sleeper = sim.process(function* () {
 *   try { yield sim.timeout(10_000); } catch (e) { if (e instanceof Interrupt) log.push(e.cause); }
 * });
 * sim.schedule(5, "example.event", () => sleeper.interrupt("wake up"));
 * sim.run();
 * log // => ["wake up"]
 */
export class Interrupt extends Error {
  override readonly name = "Interrupt";
  constructor(override readonly cause: unknown) {
    super(`process interrupted: ${String(cause)}`);
  }
}

// Process state bits (one small integer: a process customer is allocated per arrival).
const STARTING = 1; // created, start event not run yet (an interrupt may come first)
const STEPS = 2; // the body is a ProcessSteps, not a generator

/**
 * A running generator or state machine (SimPy's `Process`). It is itself an event: it succeeds
 * with the body's result or fails with what it threw, so processes can wait for each other.
 * It starts in an urgent kernel event; when it ends and nobody waits for it, it is processed
 * at once, with no end event (ARCHITECTURE.md, "Processes", states the whole protocol).
 * A process waits as an {@link EventWaiter} (woken by a method, no closure), so waiting allocates
 * nothing per step. Generators and state machines share this one class (one object shape), so
 * the kernel's paths through processes stay monomorphic whatever mix a model runs.
 *
 * @example
 * const child = sim.process(function* () { yield sim.timeout(5); return 7; });
 * const log: unknown[] = [];
 * sim.process(function* () { const v = yield child; log.push([v, sim.now]); });
 * sim.run();
 * log // => [[7, 5]] // 7 at t = 5
 */
export class Process<R = unknown> extends SimEvent<R> implements EventWaiter {
  /** The event the process waits for; null while it runs or sleeps, before it starts, and once it ended. */
  private target: SimEvent<unknown> | null = null;
  /**
   * The payload slot of the kernel event ending a delay (yielded or returned) while it is pending,
   * or -1. (A slot, not a handle: a handle is a double, and a double field costs every process
   * a boxed number.)
   */
  private delaySlot = -1;
  private state: number;
  private readonly body: ProcessBody<R> | ProcessSteps<R>;

  constructor(
    sim: EventKernel,
    body: ProcessBody<R> | ProcessSteps<R>,
    /** Name for traces and errors. */
    readonly name = "process",
    /** Whether `body` is a ProcessSteps (`sim.process` and `sim.stepProcess` say; else looked up). */
    steps = isSteps(body),
  ) {
    super(sim);
    this.body = body;
    this.state = steps ? STARTING | STEPS : STARTING;
    // Start in an urgent kernel event at the current time, so `process()` never runs user code
    // re-entrantly and processes started together begin in creation order. The kernel queues
    // starts apart from other events (start-queue.ts): no SimEvent, no payload slot.
    sim.postStart(this);
  }

  /** True until the body ends (returns or throws). */
  get isAlive(): boolean {
    return !this.triggered;
  }

  /**
   * Throws `new Interrupt(cause)` into the process at its current `yield` (at the current time,
   * before normal events). The event it was waiting for no longer resumes it; a state machine's
   * pending delay is cancelled. Throws an Error if the process has finished or is the one
   * running (a process cannot interrupt itself, as in SimPy).
   *
   * @example
   * let caught: unknown;
   * const worker = sim.process(function* () {
   *   try { yield sim.timeout(1_000); } catch (e) { caught = e; }
   * });
   * sim.schedule(10, "example.event", () => worker.interrupt("disk failed")); // worker's pending `yield` throws
   * sim.run();
   * [caught instanceof Interrupt, (caught as Interrupt).cause] // => [true, "disk failed"]
   */
  interrupt(cause: unknown): void {
    if (!this.isAlive) throw new Error(`process.interrupt requires a live process; ${this.name} has finished`);
    // As in SimPy: the Interrupt would come on top of the wait the running step is about to
    // start, which would then resume the process a second time.
    if (this.sim.activeProcess === this) throw new Error(`process.interrupt requires another process or a callback; ${this.name} cannot interrupt itself`);
    // Interrupted before it started: the start event does nothing, the Interrupt is thrown
    // into the generator before its first statement (as SimPy does).
    this.state &= ~STARTING;
    if (this.target !== null) this.target.removeWaiter(this);
    if (this.delaySlot >= 0) {
      this.sim.cancelSlot(this.delaySlot);
      this.delaySlot = -1;
    }
    const wakeUp = new SimEvent<unknown>(this.sim);
    wakeUp.defused = true;
    wakeUp.addWaiter(this);
    this.target = wakeUp;
    wakeUp.fail(new Interrupt(cause), PRIORITY_URGENT);
  }

  /** Runs the body to its first wait; called by the start event. @internal */
  start(): void {
    if ((this.state & STARTING) === 0) return;
    this.state &= ~STARTING;
    this.advance(true, undefined);
  }

  /** Resumes the body with the outcome of `event`, the one it waited for. @internal */
  wake(event: SimEvent<unknown>): void {
    if (event.ok) this.advance(true, event.value);
    else {
      event.defused = true;
      this.advance(false, event.error);
    }
  }

  /** Ends a delay (a number the body yielded or returned); called by its kernel event. @internal */
  endDelay(): void {
    this.delaySlot = -1;
    this.advance(true, undefined);
  }

  /** Runs the body from `input` (a value, or an error to throw when `ok` is false) to its next wait. */
  private advance(ok: boolean, input: unknown): void {
    if ((this.state & STEPS) !== 0) this.advanceMachine(ok, input);
    else this.advanceGenerator(ok, input);
  }

  /** `advance` for a generator body. */
  private advanceGenerator(ok: boolean, input: unknown): void {
    const sim = this.sim;
    const generator = this.body as ProcessBody<R>;
    const previous = sim.activeProcess;
    sim.activeProcess = this as Process<unknown>;
    this.target = null;
    // Loop rather than recurse when the awaited event is already processed.
    for (;;) {
      let next: SimEvent<unknown> | number;
      try {
        const step = ok ? generator.next(input) : generator.throw(input);
        if (step.done === true) {
          sim.activeProcess = previous;
          // Nobody waiting: processed at once, no kernel event (see succeedUnheard).
          this.succeedUnheard(step.value);
          return;
        }
        next = step.value;
      } catch (error) {
        sim.activeProcess = previous;
        this.fail(error);
        return;
      }
      if (!(next instanceof SimEvent)) {
        sim.activeProcess = previous;
        if (typeof next === "number" && next >= 0 && Number.isInteger(next)) this.delaySlot = sim.postInSlot(next, "process.delay", endDelay, this as Process<unknown>);
        else this.fail(badWait(this.name, false, next));
        return;
      }
      if (!next.processed) {
        this.target = next;
        next.addWaiter(this);
        sim.activeProcess = previous;
        return;
      }
      ok = next.ok;
      if (ok) input = next.value;
      else {
        next.defused = true;
        input = next.error;
      }
    }
  }

  /** `advance` for a state machine (`ProcessSteps`) body. */
  private advanceMachine(ok: boolean, input: unknown): void {
    const sim = this.sim;
    const steps = this.body as ProcessSteps<R>;
    const previous = sim.activeProcess;
    sim.activeProcess = this as Process<unknown>;
    this.target = null;
    for (;;) {
      let next: SimEvent<unknown> | number | null;
      try {
        next = ok ? steps.resume(input) : resumeFailed(steps, input);
      } catch (error) {
        sim.activeProcess = previous;
        this.fail(error);
        return;
      }
      // A delay first: the commonest answer of a hot state machine.
      if (typeof next === "number") {
        sim.activeProcess = previous;
        if (next >= 0 && Number.isInteger(next)) this.delaySlot = sim.postInSlot(next, "process.delay", endDelay, this as Process<unknown>);
        else this.fail(badWait(this.name, true, next));
        return;
      }
      if (next instanceof SimEvent) {
        if (!next.processed) {
          this.target = next;
          next.addWaiter(this);
          sim.activeProcess = previous;
          return;
        }
        ok = next.ok;
        if (ok) input = next.value;
        else {
          next.defused = true;
          input = next.error;
        }
        continue;
      }
      sim.activeProcess = previous;
      if (next === null) this.succeedUnheard(steps.result as R);
      else this.fail(badWait(this.name, true, next));
      return;
    }
  }
}

/** A state machine's step after a failed event or an Interrupt: `resumeError`, or a throw without one. */
function resumeFailed<R>(steps: ProcessSteps<R>, error: unknown): SimEvent<unknown> | number | null {
  if (steps.resumeError === undefined) throw error;
  return steps.resumeError(error);
}

/** The error of a process waiting for something it cannot wait for. */
function badWait(name: string, steps: boolean, next: unknown): Error {
  return new Error(
    steps
      ? `process ${name} must return a SimEvent, a non-negative integer delay (ns) or null from resume, got ${String(next)}`
      : `process ${name} must yield SimEvent objects or a non-negative integer delay (ns), got ${String(next)}`,
  );
}

/** A state machine rather than a generator (looked up by `next`, which every generator has). */
function isSteps<R>(body: ProcessBody<R> | ProcessSteps<R>): body is ProcessSteps<R> {
  return typeof (body as Partial<ProcessBody<R>>).next !== "function";
}

// Bound once at module level: a delay allocates no closure.
const endDelay = (process: Process<unknown>): void => process.endDelay();
