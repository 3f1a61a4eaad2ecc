import { SimEvent, type EventKernel, type EventWaiter } from "./events.ts";
import { PRIORITY_URGENT } from "./priority.ts";

/**
 * What a process body is: a generator that yields events to wait for and returns its result.
 * The value of `yield ev` is `ev.value` (typed `unknown`; keep a reference to the event when
 * you need its type: `const req = res.request(); yield req;`).
 */
export type ProcessBody<R> = Generator<SimEvent<unknown>, R, unknown>;

/**
 * A process body written as a state machine instead of a generator (see `sim.stepProcess`):
 * `resume` is called with the value of the event the process waited for (undefined at its
 * start) and returns the next event to wait for, or null to end (the process then succeeds
 * with `result`). A failed event (or an Interrupt) goes to `resumeError` instead; without it,
 * or when it throws, the process fails with the error. A step that throws fails the process.
 * Such a process resumes by a method call: no generator object and no iterator result per step.
 */
export interface ProcessSteps<R = unknown> {
  resume(value: unknown): SimEvent<unknown> | null;
  resumeError?(error: unknown): SimEvent<unknown> | null;
  /** The process's result, read when `resume` returns null. */
  readonly result?: R;
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

/**
 * A running generator (SimPy's `Process`). It is itself an event: it succeeds with the
 * generator's return value or fails with what it threw, so processes can wait for each other.
 * It starts in an urgent kernel event; when it returns and nobody waits for it, it is processed
 * at once, with no end event (ARCHITECTURE.md, "Processes", states the whole protocol).
 * A process waits as an {@link EventWaiter} (woken by a method, no closure), so waiting allocates
 * nothing per step.
 *
 * @example
 * const child = sim.process(function* () { yield sim.timeout(5); return 7; });
 * const log: unknown[] = [];
 * sim.process(function* () { const v = yield child; log.push([v, sim.now]); });
 * sim.run();
 * log // => [[7, 5]] // 7 at t = 5
 */
export class Process<R = unknown> extends SimEvent<R> implements EventWaiter {
  /** The event the process waits for; null while it runs, before it starts, and once it ended. */
  private target: SimEvent<unknown> | null = null;
  /** True from creation until the start event runs (or an interrupt comes first). */
  private starting = true;

  /** The generator, or null for a step process. */
  private readonly generator: ProcessBody<R> | null;
  /** The state machine, or null for a generator process. */
  private readonly steps: ProcessSteps<R> | null;

  constructor(
    sim: EventKernel,
    body: ProcessBody<R> | ProcessSteps<R>,
    /** Name for traces and errors. */
    readonly name = "process",
  ) {
    super(sim);
    // Both kinds in one class (one object shape): the kernel's paths through processes stay
    // monomorphic whatever mix of generators and state machines a model runs.
    if (isSteps(body)) {
      this.generator = null;
      this.steps = body;
    } else {
      this.generator = body;
      this.steps = null;
    }
    // Start in an urgent kernel event at the current time, so `process()` never runs user code
    // re-entrantly and processes started together begin in creation order. One event, no
    // SimEvent: the start needs no listeners.
    sim.postStart(this);
  }

  /** True until the generator returns or throws. */
  get isAlive(): boolean {
    return !this.triggered;
  }

  /**
   * Throws `new Interrupt(cause)` into the process at its current `yield` (at the current time,
   * before normal events). The event it was waiting for no longer resumes it.
   * Throws an Error if the process has finished.
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
    // Interrupted before it started: the start event does nothing, the Interrupt is thrown
    // into the generator before its first statement (as SimPy does).
    this.starting = false;
    if (this.target !== null) this.target.removeWaiter(this);
    const wakeUp = new SimEvent<unknown>(this.sim);
    wakeUp.defused = true;
    wakeUp.addWaiter(this);
    this.target = wakeUp;
    wakeUp.fail(new Interrupt(cause), PRIORITY_URGENT);
  }

  /** Runs the generator to its first `yield`; called by the start event. @internal */
  start(): void {
    if (!this.starting) return;
    this.starting = false;
    this.advance(true, undefined);
  }

  /** Resumes the generator with the outcome of `event`, the one it waited for. @internal */
  wake(event: SimEvent<unknown>): void {
    if (event.ok) this.advance(true, event.value);
    else {
      event.defused = true;
      this.advance(false, event.error);
    }
  }

  /** Runs the body from `input` (a value, or an error to throw when `ok` is false) to its next wait. */
  private advance(ok: boolean, input: unknown): void {
    const sim = this.sim;
    const previous = sim.activeProcess;
    sim.activeProcess = this as Process<unknown>;
    this.target = null;
    // Loop rather than recurse when the awaited event is already processed.
    for (;;) {
      let next: SimEvent<unknown> | null;
      try {
        next = this.generator !== null ? this.stepGenerator(this.generator, ok, input) : this.stepMachine(this.steps as ProcessSteps<R>, ok, input);
      } catch (error) {
        sim.activeProcess = previous;
        this.fail(error);
        return;
      }
      if (next === null) {
        sim.activeProcess = previous;
        // Nobody waiting: processed at once, no kernel event (see succeedUnheard).
        this.succeedUnheard(this.value as R);
        return;
      }
      if (!(next instanceof SimEvent)) {
        sim.activeProcess = previous;
        this.fail(new Error(`process ${this.name} must yield SimEvent objects, got ${String(next)}`));
        return;
      }
      if (next.processed) {
        ok = next.ok;
        if (ok) input = next.value;
        else {
          next.defused = true;
          input = next.error;
        }
        continue;
      }
      this.target = next;
      next.addWaiter(this);
      sim.activeProcess = previous;
      return;
    }
  }

  /** One generator step: the event it yields, or null once it returned (its value kept in `value`). */
  private stepGenerator(generator: ProcessBody<R>, ok: boolean, input: unknown): SimEvent<unknown> | null {
    const step = ok ? generator.next(input) : generator.throw(input);
    if (step.done === true) {
      this.value = step.value;
      return null;
    }
    return step.value;
  }

  /** One state-machine step: the event `resume` returns, or null once it ended (its result kept in `value`). */
  private stepMachine(steps: ProcessSteps<R>, ok: boolean, input: unknown): SimEvent<unknown> | null {
    let next: SimEvent<unknown> | null;
    if (ok) next = steps.resume(input);
    else if (steps.resumeError !== undefined) next = steps.resumeError(input);
    else throw input;
    if (next === null) this.value = steps.result;
    return next;
  }
}

function isSteps<R>(body: ProcessBody<R> | ProcessSteps<R>): body is ProcessSteps<R> {
  return typeof (body as Partial<ProcessSteps<R>>).resume === "function";
}
