/**
 * The worker-thread entry of `rtolab run`: one task = one replication of one variant, or one
 * partition of one. The worker loads the scenario itself (same file, same overrides) and checks its
 * hash, so the replication it runs is exactly the one the main thread asked for.
 */
import { dirname } from "node:path";
import type { MessagePort } from "node:worker_threads";
import { baseVariantOnly } from "../scenario/load.ts";
import { loadScenario } from "./load.ts";
import { isInputError } from "../util/errors.ts";
import type { ReplicationResult } from "../contracts/model-kind.ts";
import { runReplicationOf, runPartitionOf } from "./run.ts";
import { setEventBudget } from "../kernel/simulation.ts";

/** What the main thread sends. */
export interface ReplicationTask {
  path: string;
  /** The document of a scenario given as text or an object (its `path` is then virtual: only its folder counts). */
  inline?: Record<string, unknown>;
  sets: readonly string[];
  hash: string;
  seed: number;
  variant: number;
  replication: number;
  /** Run the scenario's base alone, its declared variants dropped (`baseVariantOnly`, for `plan`). */
  baseOnly?: boolean;
  /** Run only partitions [first, first + count) of the replication and send back their parts (see `PartitionedReplication`). */
  partitions?: { first: number; count: number };
  /** Where to post the replication's progress (a fraction in [0, 1], each percent or more); closed at the end. */
  progress?: MessagePort;
  /** `--max-events`: the event budget of each simulation this task runs (the kernel's budget is per thread). */
  maxEvents?: number;
}

/** Posts a replication's progress to `port` when it has moved by a percent or more. */
function progressTo(port: MessagePort): (fraction: number) => void {
  let posted = 0;
  return (fraction) => {
    if (fraction - posted < 0.01) return;
    posted = fraction;
    port.postMessage(fraction);
  };
}

/** What comes back: the replication, or bad input described field by field. */
export type ReplicationOutcome =
  | { ok: true; result: ReplicationResult }
  | { ok: true; parts: unknown[] }
  | { ok: false; error: { source: string; where: string; expected: string } };

/**
 * Runs one replication task (piscina's entry point; also callable in-thread).
 *
 * @example
 * const sets = ["model.customers=2000", "model.warmupCustomers=100"];
 * const { hash } = loadScenario("scenarios/validation/mm1.yaml", { sets });
 * runReplicationTask({ path: "scenarios/validation/mm1.yaml", sets, hash, seed: 7, variant: 0, replication: 0 }).ok // => true
 */
export default function runReplicationTask(task: ReplicationTask): ReplicationOutcome {
  // A worker thread has its own kernel budget: the main thread's --max-events must travel with the task.
  const previousBudget = task.maxEvents === undefined ? undefined : setEventBudget(task.maxEvents);
  try {
    const file = task.inline ? loadScenario(task.inline, { sets: task.sets, baseDir: dirname(task.path) }) : loadScenario(task.path, { sets: task.sets });
    const loaded = task.baseOnly ? baseVariantOnly(file) : file;
    if (loaded.hash !== task.hash) {
      return { ok: false, error: { source: task.path, where: "", expected: "the same scenario for the whole run (the file changed)" } };
    }
    const variant = loaded.variants[task.variant];
    const range = task.partitions;
    if (range !== undefined) {
      const report = task.progress && progressTo(task.progress);
      const within = (k: number) => report && ((fraction: number) => report((k + fraction) / range.count));
      return { ok: true, parts: Array.from({ length: range.count }, (_, k) => runPartitionOf(loaded, variant, task.seed, task.replication, range.first + k, within(k))) };
    }
    return { ok: true, result: runReplicationOf(loaded, variant, task.seed, task.replication, task.progress && progressTo(task.progress)) };
  } catch (error) {
    if (isInputError(error)) return { ok: false, error: { source: error.source, where: error.where, expected: error.expected } };
    throw error;
  } finally {
    task.progress?.close();
    if (previousBudget !== undefined) setEventBudget(previousBudget);
  }
}
