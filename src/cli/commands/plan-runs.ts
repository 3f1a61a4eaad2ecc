/**
 * The configurations of `rtolab plan` on one worker pool, run ahead when threads are idle: the
 * configuration the search waits for first, then the ones it will probably ask for next
 * (`planCapacity`'s `upcoming`) in the threads left over. Three replications on two threads
 * leave one thread idle for half of every configuration; a configuration started there is
 * often the search's next. A configuration's result does not depend on when or where its
 * replications ran, and the search still uses its evaluations one at a time in its own order,
 * so the plan is the same; a configuration started ahead and never asked for is dropped.
 */
import type { Piscina } from "piscina";

/** The one member of a pool `runScenarioOnPool` uses. */
export type TaskRunner = Pick<Piscina, "run">;

type Task = Parameters<Piscina["run"]>[0];

/** Needed: the search waits for it; ranks 1, 2, …: expected next, in that order; never: no longer expected. */
const NEEDED = 0;
const NEVER = Infinity;

interface Job<T> {
  priority: number;
  result: Promise<T>;
}

interface QueuedTask {
  job: Job<unknown>;
  task: Task;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/**
 * Evaluations of configurations whose tasks share `threads` threads of `pool`, queued by
 * priority: every task of a needed configuration before any of an expected one, expected ones
 * by rank, first come first served within a configuration. A task of a configuration no longer
 * expected waits until it is needed or expected again (its finished tasks are kept). At most
 * `threads` tasks are in the pool at a time, so the pool's own queue never reorders them.
 *
 * @example
 * // in rtolab plan: new PlanRuns(pool, 2, (a, runner) => runScenarioOnPool(loadFor(a), runner, { seed }))
 * const started: string[] = [];
 * const pool = { run: async (task: string) => { started.push(task); return task; } };
 * const runs = new PlanRuns(pool, 1, (a, runner) => runner.run(`vsas=${a.vsas}`));
 * runs.expect([{ vsas: 2 }]);
 * await runs.need({ vsas: 4 }); // needed: ahead of the expected one
 * await runs.need({ vsas: 2 }); // it started when the thread was idle
 * started // => ["vsas=4", "vsas=2"]
 */
export class PlanRuns<T> {
  private readonly jobs = new Map<string, Job<T>>();
  // In submission order, so the first of the best priority is the oldest.
  private readonly queue: QueuedTask[] = [];
  private running = 0;
  private dispatchPending = false;

  constructor(
    private readonly pool: TaskRunner,
    private readonly threads: number,
    private readonly start: (assignment: Readonly<Record<string, number>>, runner: TaskRunner) => Promise<T>,
  ) {}

  /** The evaluation of `assignment`, started now if it was not, ahead of every expected one. */
  need(assignment: Readonly<Record<string, number>>): Promise<T> {
    const job = this.job(assignment);
    job.priority = NEEDED;
    this.requestDispatch();
    return job.result;
  }

  /**
   * Starts the evaluations of `assignments` (most likely first) behind every needed one; those
   * expected before and not listed now get no more threads.
   */
  expect(assignments: readonly Readonly<Record<string, number>>[]): void {
    for (const job of this.jobs.values()) if (job.priority !== NEEDED) job.priority = NEVER;
    assignments.forEach((assignment, rank) => {
      const job = this.job(assignment);
      if (job.priority !== NEEDED) job.priority = 1 + rank;
    });
    this.requestDispatch();
  }

  private job(assignment: Readonly<Record<string, number>>): Job<T> {
    const key = JSON.stringify(assignment);
    let job = this.jobs.get(key);
    if (job === undefined) {
      const created: Job<T> = { priority: NEVER, result: Promise.resolve(undefined as T) };
      const runner: TaskRunner = { run: (task: Task) => new Promise((resolve, reject) => this.queue.push({ job: created, task, resolve, reject })) };
      created.result = this.start(assignment, runner);
      // One started ahead and never needed may fail (or be cut off when the pool is destroyed) unobserved.
      created.result.catch(() => undefined);
      this.jobs.set(key, created);
      job = created;
    }
    return job;
  }

  /**
   * Dispatches after the current turn of the event loop: a finished task first lets the search
   * take its result and say what it needs next, so an idle thread does not take an expected
   * task just before a needed one arrives.
   */
  private requestDispatch(): void {
    if (this.dispatchPending) return;
    this.dispatchPending = true;
    setImmediate(() => {
      this.dispatchPending = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.running < this.threads) {
      let best = -1;
      for (let i = 0; i < this.queue.length; i++) {
        const priority = this.queue[i].job.priority;
        if (priority !== NEVER && (best < 0 || priority < this.queue[best].job.priority)) best = i;
      }
      if (best < 0) return;
      const [next] = this.queue.splice(best, 1);
      this.running++;
      this.pool.run(next.task).then(next.resolve, next.reject).finally(() => {
        this.running--;
        this.requestDispatch();
      });
    }
  }
}
