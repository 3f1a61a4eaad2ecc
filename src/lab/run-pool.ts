/**
 * `runScenario` on worker threads: every (variant, replication) is one task; results come back
 * in any order and are assembled in variant, then replication order, so the result (and every
 * file written from it) is identical to the single-threaded run whatever the thread count.
 * The main thread only waits, so it can answer Ctrl-C at once.
 */
import { InputError } from "../util/errors.ts";
import type { ReplicationResult } from "./model-kind.ts";
import { assembleRun, replicationCount, type RunResult } from "./run.ts";
import type { ReplicationOutcome, ReplicationTask } from "./run-worker.ts";
import { createWorkerPool } from "./worker-pool.ts";
import type { LoadedScenario } from "../scenario/load.ts";

/** Options of {@link runScenarioOnWorkers}. */
export interface PoolRunOptions {
  seed?: number;
  /** The `--set` overrides the scenario was loaded with (workers load it again). */
  sets?: readonly string[];
  /** Worker threads (at least 1; capped at the number of replications). */
  workers: number;
  /** Called after each finished replication with (finished, total). */
  onReplication?: (finished: number, total: number) => void;
}

/**
 * Runs every replication of every variant on `workers` threads.
 *
 * @example
 * const result = await runScenarioOnWorkers(loadScenario("scenarios/validation/mm1.yaml"), { seed: 7, workers: 2 });
 * result.fingerprint // => the same as runScenario(loaded, { seed: 7 }).fingerprint
 */
export async function runScenarioOnWorkers(loaded: LoadedScenario, options: PoolRunOptions): Promise<RunResult> {
  const seed = options.seed ?? loaded.scenario.seed;
  const total = replicationCount(loaded);
  const tasks: ReplicationTask[] = loaded.variants.flatMap((variant, v) =>
    Array.from({ length: variant.scenario.replications }, (_, replication) => ({
      path: loaded.path,
      sets: options.sets ?? [],
      hash: loaded.hash,
      seed,
      variant: v,
      replication,
    })),
  );
  const perVariant: ReplicationResult[][] = loaded.variants.map(() => []);
  const pool = createWorkerPool(new URL("./run-worker.ts", import.meta.url), Math.max(1, Math.min(options.workers, total)));
  let finished = 0;
  try {
    await Promise.all(
      tasks.map(async (task) => {
        const outcome = (await pool.run(task)) as ReplicationOutcome;
        if (!outcome.ok) throw new InputError(outcome.error.source, outcome.error.where, outcome.error.expected);
        perVariant[task.variant][task.replication] = outcome.result;
        options.onReplication?.(++finished, total);
      }),
    );
  } finally {
    await pool.destroy();
  }
  return assembleRun(loaded, seed, perVariant);
}
