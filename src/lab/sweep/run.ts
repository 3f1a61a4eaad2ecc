/**
 * Running a planned sweep into a folder: write the manifest, skip jobs whose result file is
 * already there (resume), run the rest of this shard's jobs on a piscina pool of worker threads
 * (or in this thread with `workers: 0`), and write each result the moment it arrives. Results do
 * not depend on the worker count, the shard split or the completion order: each job's file is a
 * function of the job alone, and the aggregate step reads files in job order.
 */
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { createWorkerPool } from "../worker-pool.ts";
import { checkOutputFolder, markOutputFolder } from "../../report/output-folder.ts";
import { InputError } from "../../util/errors.ts";
import { canonicalJson } from "../../util/canonical-json.ts";
import { runJob, type JobInput, type JobOutcome } from "./job.ts";
import { jobResultText, readJobResult, shardJobs, sweepJobs, writeFileAtomically, type Shard, type SweepJob } from "./jobs.ts";
import type { SweepPlan } from "./plan.ts";

/** Progress of a sweep: jobs and whole points (every replication done) so far. */
export interface SweepProgress {
  jobsDone: number;
  jobs: number;
  pointsDone: number;
  points: number;
}

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  /** Worker threads; 0 runs in the calling thread. Default: the machine's cores. */
  workers?: number;
  /** Run only this shard's jobs. */
  shard?: Shard;
  onProgress?: (progress: SweepProgress) => void;
}

/** What {@link runSweep} did. */
export interface SweepRunStats {
  /** Jobs of this shard. */
  jobs: number;
  /** Jobs skipped because their result was already in the folder. */
  resumed: number;
  ran: number;
  /** True when every job of the whole sweep (all shards) has its result in the folder. */
  complete: boolean;
}

/** The manifest file of a sweep folder. */
export const MANIFEST_FILE = "sweep.json";

/**
 * The bytes of a sweep's manifest file.
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * manifestText(plan).startsWith("{") // => true
 */
export function manifestText(plan: SweepPlan): string {
  return `${canonicalJson({ hash: plan.hash, ...plan.manifest }, 2)}\n`;
}

/**
 * Runs the pending jobs of a sweep (this shard's, minus those already done) into `folder`.
 * Throws an {@link InputError} when the folder is not one rtolab may fill (`checkOutputFolder`),
 * holds a different sweep, or a job meets bad input.
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * await runSweep(plan, `${tmp}/sweep`, { workers: 0 }) // 0: in this thread; default: a worker per core
 * // => { jobs: 16, resumed: 0, ran: 16, complete: true }
 */
export async function runSweep(plan: SweepPlan, folder: string, options: RunSweepOptions = {}): Promise<SweepRunStats> {
  const manifest = manifestText(plan);
  const manifestPath = join(folder, MANIFEST_FILE);
  checkOutputFolder(folder);
  if (existsSync(manifestPath) && readFileSync(manifestPath, "utf8") !== manifest) {
    throw new InputError(folder, MANIFEST_FILE, "a folder of this same sweep (it holds another sweep or rtolab version; use another --out)");
  }
  markOutputFolder(folder);
  writeFileAtomically(folder, MANIFEST_FILE, manifest);
  const all = sweepJobs(plan.manifest);
  const mine = options.shard ? shardJobs(all, options.shard) : all;
  const done = new Set(all.filter((job) => readJobResult(folder, job.file, plan.hash)).map((job) => job.index));
  const pending = mine.filter((job) => !done.has(job.index));
  const tracker = progressTracker(plan, all, done, options.onProgress);
  const record = (job: SweepJob, outcome: JobOutcome): void => {
    if (!outcome.ok) throw new InputError(outcome.error.source, outcome.error.where, outcome.error.expected);
    writeFileAtomically(folder, job.file, jobResultText(outcome.result));
    done.add(job.index);
    tracker(job);
  };
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 0 || workers > 1024) throw new InputError("--workers", String(workers), "a whole number of worker threads, 0 to 1024");
  if (workers === 0 || pending.length === 0) {
    for (const job of pending) record(job, runJob(jobInput(plan, job)));
  } else {
    await runOnPool(Math.min(workers, pending.length), pending.map((job) => ({ job, input: jobInput(plan, job) })), record);
  }
  return { jobs: mine.length, resumed: mine.length - pending.length, ran: pending.length, complete: done.size === all.length };
}

function jobInput(plan: SweepPlan, job: SweepJob): JobInput {
  const point = plan.manifest.points[job.point];
  return { path: plan.path, sets: point.sets, variant: point.variant, seed: plan.manifest.seed, replication: job.replication, hash: point.hash, sweep: plan.hash, point: point.id };
}

/** Counts finished jobs and whole points, calling `onProgress` after each job. */
function progressTracker(plan: SweepPlan, all: readonly SweepJob[], done: ReadonlySet<number>, onProgress?: (progress: SweepProgress) => void) {
  const remaining = plan.manifest.points.map(() => plan.manifest.replications);
  for (const index of done) remaining[all[index].point]--;
  let pointsDone = remaining.filter((left) => left === 0).length;
  const report = () => onProgress?.({ jobsDone: done.size, jobs: all.length, pointsDone, points: remaining.length });
  report();
  return (job: SweepJob) => {
    if (--remaining[job.point] === 0) pointsDone++;
    report();
  };
}

async function runOnPool(
  threads: number,
  tasks: readonly { job: SweepJob; input: JobInput }[],
  record: (job: SweepJob, outcome: JobOutcome) => void,
): Promise<void> {
  const pool = createWorkerPool(new URL("./worker.ts", import.meta.url), threads);
  try {
    // The first failure rejects at once; destroying the pool then cancels the queued jobs.
    await Promise.all(tasks.map(async ({ job, input }) => record(job, (await pool.run(input)) as JobOutcome)));
  } finally {
    await pool.destroy();
  }
}
