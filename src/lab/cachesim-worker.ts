/**
 * The worker-thread entry of a parallel cachesim (lab/cachesim-pool.ts): one task = a share of
 * the (policy, size) jobs, computed over the whole trace, which the worker reads itself.
 */
import { cachesimFile, type CachesimJob, type CachesimOptions, type CachesimRow } from "../policies/cache/cachesim/cachesim.ts";
import { isInputError } from "../util/errors.ts";
import type { TraceFormat } from "../workloads/traces/types.ts";

/** What the main thread sends. */
export interface CachesimTask {
  path: string;
  format: TraceFormat;
  options: CachesimOptions;
  jobs: CachesimJob[];
}

/** What comes back: one row per job, in the task's order, or bad input described field by field. */
export type CachesimOutcome = { ok: true; rows: CachesimRow[] } | { ok: false; error: { source: string; where: string; expected: string } };

/**
 * Runs one task (piscina's entry point; also callable in-thread).
 *
 * @example
 * const options = { policies: ["lru"], sizes: [128 * 2 ** 20], unit: "bytes" as const, mode: "libcachesim" as const };
 * const outcome = runCachesimTask({ path: "traces/cloudPhysicsIO.oracleGeneral.bin", format: "oracleGeneral", options, jobs: [{ policy: "lru", size: 128 * 2 ** 20 }] });
 * outcome.ok && outcome.rows[0].misses; // => 93374
 */
export default function runCachesimTask(task: CachesimTask): CachesimOutcome {
  try {
    return { ok: true, rows: cachesimFile(task.path, task.format, task.options, task.jobs) };
  } catch (error) {
    if (isInputError(error)) return { ok: false, error: { source: error.source, where: error.where, expected: error.expected } };
    throw error;
  }
}
