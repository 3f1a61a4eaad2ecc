/**
 * `runScenario` on worker threads: every (variant, replication) is one task, or one task per
 * run of consecutive partitions when its model kind splits replications (see
 * `PartitionedReplication`); results come back in any order and are assembled in variant, then
 * replication order, so the result (and every file written from it) is identical to the
 * single-threaded run whatever the thread count.
 * The main thread only waits, so it can answer Ctrl-C at once.
 */
import { MessageChannel } from "node:worker_threads";
import type { Piscina } from "piscina";
import { InputError } from "../util/errors.ts";
import type { ReplicationResult } from "../contracts/model-kind.ts";
import { assembleRun, mergePartitionsOf, replicationCount, partitionCountOf, type RunResult } from "./run.ts";
import type { ReplicationOutcome, ReplicationTask } from "./run-worker.ts";
import { createWorkerPool } from "./worker-pool.ts";
import type { LoadedScenario } from "../scenario/load.ts";

/** Options of {@link runScenarioOnPool}. */
export interface PoolTaskOptions {
  seed?: number;
  /** The `--set` overrides the scenario was loaded with (workers load it again). */
  sets?: readonly string[];
  /** Called after each finished replication with (finished, total). */
  onReplication?: (finished: number, total: number) => void;
  /** `--max-events` for every simulation the workers run (default: no limit). */
  maxEvents?: number;
}

/** Options of {@link runScenarioOnWorkers}. */
export interface PoolRunOptions extends PoolTaskOptions {
  /** Worker threads (at least 1; capped at the number of replications). */
  workers: number;
  /**
   * Called with the fraction of the whole run done, as the workers report progress inside each
   * replication (the mean over tasks of each task's fraction).
   */
  onProgress?: (fraction: number) => void;
}

/**
 * Runs `task` on `pool`, with a port for its progress when `onProgress` is given (the port is
 * transferred to the worker, which closes it when the task ends).
 */
function runWithProgress(pool: Pick<Piscina, "run">, task: ReplicationTask, onProgress?: (fraction: number) => void): Promise<ReplicationOutcome> {
  if (!onProgress) return pool.run(task) as Promise<ReplicationOutcome>;
  const { port1, port2 } = new MessageChannel();
  port1.on("message", (fraction: number) => onProgress(fraction));
  return (pool.run({ ...task, progress: port2 }, { transferList: [port2] }) as Promise<ReplicationOutcome>).finally(() => port1.close());
}

/**
 * A pool of `threads` workers running replication tasks, for {@link runScenarioOnPool}; the
 * caller destroys it (`await pool.destroy()`).
 *
 * @example
 * const pool = createRunPool(2);
 * pool.threads.length // => 2
 * await pool.destroy();
 */
export function createRunPool(threads: number): Piscina {
  return createWorkerPool(new URL("./run-worker.ts", import.meta.url), threads);
}

/** The most tasks one partitioned replication is cut into: plenty for the cores of one machine. */
const MAX_PARTITION_TASKS = 64;

/**
 * The worker tasks of a run: one per replication, or per run of consecutive partitions.
 *
 * @example
 * replicationTasks(loadScenario("scenarios/validation/mm1.yaml"), 7, []).length // => 10 // the replication count
 */
export function replicationTasks(loaded: LoadedScenario, seed: number, sets: readonly string[]): ReplicationTask[] {
  // No `variants` in the loaded scenario: the file declares none, or they were dropped
  // (baseVariantOnly); the worker runs the base either way.
  const baseOnly = loaded.scenario.variants === undefined;
  return loaded.variants.flatMap((variant, v) => {
    const partitions = partitionCountOf(variant);
    return Array.from({ length: variant.scenario.replications }, (_, replication) => {
      const task = { path: loaded.path, ...(loaded.inline ? { inline: loaded.inline } : {}), sets, hash: loaded.hash, seed, variant: v, replication, baseOnly };
      // A replication of several partitions is one task per run of consecutive partitions (at most
      // MAX_PARTITION_TASKS, so thousands of tiny partitions do not each pay a task's overhead),
      // merged when the last one is back.
      if (partitions === 1) return [task];
      const perTask = Math.ceil(partitions / MAX_PARTITION_TASKS);
      return Array.from({ length: Math.ceil(partitions / perTask) }, (_, k) => ({ ...task, partitions: { first: k * perTask, count: Math.min(perTask, partitions - k * perTask) } }));
    }).flat();
  });
}

/** The tasks with the run's event budget, when it has one. */
function withBudget(tasks: ReplicationTask[], maxEvents: number | undefined): ReplicationTask[] {
  return maxEvents === undefined || !Number.isFinite(maxEvents) ? tasks : tasks.map((task) => ({ ...task, maxEvents }));
}

function valueOf(outcome: ReplicationOutcome): ReplicationOutcome & { ok: true } {
  if (!outcome.ok) throw new InputError(outcome.error.source, outcome.error.where, outcome.error.expected);
  return outcome;
}

/**
 * Collects the tasks' outcomes, in any order, into each variant's replications: a whole
 * replication as it came, a partitioned one merged from its parts in partition order.
 */
class ReplicationCollector {
  private readonly results: ReplicationResult[][];
  private readonly parts: unknown[][][];
  // Tasks still out per replication.
  private readonly missing: number[][];

  constructor(
    private readonly loaded: LoadedScenario,
    tasks: readonly ReplicationTask[],
  ) {
    this.results = loaded.variants.map(() => []);
    this.parts = loaded.variants.map((variant) => Array.from({ length: variant.scenario.replications }, () => []));
    this.missing = loaded.variants.map((variant) => new Array<number>(variant.scenario.replications).fill(0));
    for (const task of tasks) this.missing[task.variant][task.replication]++;
  }

  /** Counts one task of a replication as back; true when it was the replication's last. */
  taskDone(task: ReplicationTask): boolean {
    return --this.missing[task.variant][task.replication] === 0;
  }

  /** Takes one task's outcome (throwing bad input as an InputError); true when it completed its replication. */
  add(task: ReplicationTask, outcome: ReplicationOutcome): boolean {
    const value = valueOf(outcome);
    if ("result" in value) this.results[task.variant][task.replication] = value.result;
    else value.parts.forEach((part, k) => (this.parts[task.variant][task.replication][(task.partitions?.first ?? 0) + k] = part));
    return this.taskDone(task);
  }

  /** Every variant's replications, in order (call once every task was added). */
  perVariant(): ReplicationResult[][] {
    return this.loaded.variants.map((variant, v) =>
      this.results[v].length > 0 ? this.results[v] : this.parts[v].map((parts) => mergePartitionsOf(this.loaded, variant, parts)),
    );
  }
}

/**
 * Runs every replication of every variant on `workers` threads of a pool of its own, destroyed
 * at the end. The first failing replication rejects at once; destroying the pool then cancels
 * the queued ones.
 *
 * @example
 * const sets = ["replications=2", "model.customers=2000", "model.warmupCustomers=100"];
 * const loaded = loadScenario("scenarios/validation/mm1.yaml", { sets });
 * const result = await runScenarioOnWorkers(loaded, { seed: 7, workers: 2, sets });
 * result.fingerprint // => runScenario(loaded, { seed: 7 }).fingerprint
 */
export async function runScenarioOnWorkers(loaded: LoadedScenario, options: PoolRunOptions): Promise<RunResult> {
  const seed = options.seed ?? loaded.scenario.seed;
  const total = replicationCount(loaded);
  const tasks = withBudget(replicationTasks(loaded, seed, options.sets ?? []), options.maxEvents);
  const collector = new ReplicationCollector(loaded, tasks);
  const pool = createRunPool(Math.max(1, Math.min(options.workers, tasks.length)));
  let finished = 0;
  const fractions = new Array<number>(tasks.length).fill(0);
  const report = (k: number, fraction: number) => {
    fractions[k] = Math.max(fractions[k], fraction); // a late message after the task ended must not pull it back
    options.onProgress?.(fractions.reduce((sum, f) => sum + f, 0) / tasks.length);
  };
  try {
    await Promise.all(
      tasks.map(async (task, k) => {
        const outcome = await runWithProgress(pool, task, options.onProgress && ((fraction) => report(k, fraction)));
        if (options.onProgress) report(k, 1);
        if (collector.add(task, outcome)) options.onReplication?.(++finished, total);
      }),
    );
  } finally {
    await pool.destroy();
  }
  return assembleRun(loaded, seed, collector.perVariant());
}

/**
 * Runs every replication of every variant on an existing pool (from {@link createRunPool}),
 * which stays open for the caller's next run. Waits for all of them, so none is left running
 * in the pool, then throws as `runScenario` would: the first failing replication in variant,
 * then replication order.
 *
 * @example
 * const pool = createRunPool(2);
 * const sets = ["replications=2", "model.customers=2000", "model.warmupCustomers=100"];
 * const loaded = loadScenario("scenarios/validation/mm1.yaml", { sets });
 * const result = await runScenarioOnPool(loaded, pool, { seed: 7, sets });
 * await pool.destroy();
 * result.fingerprint // => runScenario(loaded, { seed: 7 }).fingerprint
 */
export async function runScenarioOnPool(loaded: LoadedScenario, pool: Pick<Piscina, "run">, options: PoolTaskOptions = {}): Promise<RunResult> {
  const seed = options.seed ?? loaded.scenario.seed;
  const total = replicationCount(loaded);
  const tasks = withBudget(replicationTasks(loaded, seed, options.sets ?? []), options.maxEvents);
  // Counts each replication's tasks still out, for onReplication (outcomes are checked below, in order).
  const counter = new ReplicationCollector(loaded, tasks);
  let finished = 0;
  const settled = await Promise.allSettled(
    tasks.map(async (task) => {
      const outcome = (await pool.run(task)) as ReplicationOutcome;
      if (counter.taskDone(task)) options.onReplication?.(++finished, total);
      return outcome;
    }),
  );
  const collector = new ReplicationCollector(loaded, tasks);
  tasks.forEach((task, i) => {
    const outcome = settled[i];
    if (outcome.status === "rejected") throw outcome.reason;
    collector.add(task, outcome.value);
  });
  return assembleRun(loaded, seed, collector.perVariant());
}
