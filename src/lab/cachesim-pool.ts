/**
 * cachesim on worker threads: the (policy, size) jobs of one run are dealt round-robin to up to
 * `threads` workers; each reads the trace once and replays its share in one pass (the
 * single-thread algorithm, see policies/cache/cachesim), and the rows are put back in row order.
 * Each (policy, size) is simulated exactly as in one thread, so the rows are identical.
 * A worker whose share needs the future (Belady without the trace's next field) makes its own
 * backward pass.
 */
import { cachesimFile, cachesimJobs, type CachesimJob, type CachesimOptions, type CachesimRow } from "../policies/cache/cachesim/cachesim.ts";
import { InputError } from "../util/errors.ts";
import type { TraceFormat } from "../workloads/traces/types.ts";
import type { CachesimOutcome, CachesimTask } from "./cachesim-worker.ts";
import { createWorkerPool } from "./worker-pool.ts";

/**
 * Deals `jobs` round-robin into at most `threads` non-empty shares, each with the jobs' indices.
 *
 * @example
 * const jobs = [1, 2, 3].map((size) => ({ policy: "lru", size }));
 * dealJobs(jobs, 2).map((share) => share.indices); // => [[0, 2], [1]]
 */
export function dealJobs(jobs: readonly CachesimJob[], threads: number): { jobs: CachesimJob[]; indices: number[] }[] {
  const count = Math.max(1, Math.min(threads, jobs.length));
  const shares = Array.from({ length: count }, () => ({ jobs: [] as CachesimJob[], indices: [] as number[] }));
  jobs.forEach((job, i) => {
    shares[i % count].jobs.push(job);
    shares[i % count].indices.push(i);
  });
  return shares;
}

/**
 * {@link cachesimFile} with its jobs split over `threads` worker threads (in this thread when
 * `threads` ≤ 1 or there is a single job). Rows are identical to the single-thread run's.
 *
 * @example
 * const options = { policies: ["lru", "fifo"], sizes: [64 * 2 ** 20], unit: "bytes" as const, mode: "libcachesim" as const };
 * (await cachesimFileParallel("traces/cloudPhysicsIO.oracleGeneral.bin", "oracleGeneral", options, 2)).map((r) => r.policy);
 * // => ["lru", "fifo"]
 */
export async function cachesimFileParallel(path: string, format: TraceFormat, options: CachesimOptions, threads: number): Promise<CachesimRow[]> {
  const jobs = cachesimJobs(options);
  if (threads <= 1 || jobs.length <= 1) return cachesimFile(path, format, options);
  const shares = dealJobs(jobs, threads);
  const pool = createWorkerPool(new URL("./cachesim-worker.ts", import.meta.url), shares.length);
  try {
    const outcomes = await Promise.all(shares.map((share) => pool.run({ path, format, options, jobs: share.jobs } satisfies CachesimTask) as Promise<CachesimOutcome>));
    const rows: CachesimRow[] = new Array(jobs.length);
    outcomes.forEach((outcome, k) => {
      if (!outcome.ok) throw new InputError(outcome.error.source, outcome.error.where, outcome.error.expected);
      outcome.rows.forEach((row, j) => (rows[shares[k].indices[j]] = row));
    });
    return rows;
  } finally {
    await pool.destroy();
  }
}
