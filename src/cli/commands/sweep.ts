/**
 * `rtolab sweep <scenario>`: run a scenario's sweep (points × replications) on worker threads,
 * resumable and shardable, then aggregate CSVs, CIs, charts and report.html.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Argv } from "yargs";
import { aggregateSweep, sweepRunId } from "../../lab/sweep/aggregate.ts";
import { parseShard } from "../../lab/sweep/jobs.ts";
import { DEFAULT_MAX_JOBS, planSweep } from "../../lab/sweep/plan.ts";
import { resourceLimits } from "../../lab/resources.ts";
import { RESOURCE_OPTIONS, type ResourceArguments } from "./resource-options.ts";
import { runSweep } from "../../lab/sweep/run.ts";
import { checkOutputFolder } from "../../report/output-folder.ts";
import { holdSignalsFromHere } from "../interrupt.ts";
import { InputError } from "../../util/errors.ts";
import { createProgress } from "../progress.ts";
import { COMMANDS } from "./catalog.ts";

export interface SweepArguments extends ResourceArguments {
  scenario: string;
  workers?: number;
  shard?: string;
  out?: string;
  results: string;
  set: string[];
  quiet: boolean;
  maxJobs?: number;
}

/** Adds the `sweep` command to a yargs instance. */
export function sweepCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.sweep.usage,
    COMMANDS.sweep.describe,
    (command) =>
      command
        .positional("scenario", { type: "string", demandOption: true, describe: "scenario file with a sweep: block" })
        .option("workers", { type: "number", describe: "worker threads (default: the machine's cores; 0 = this thread)" })
        .option("shard", { type: "string", describe: "run only shard k of n (k/n): jobs with index ≡ k−1 mod n" })
        .option("out", { type: "string", describe: "sweep folder (default results/<scenario>/sweep-s<seed>-<hash>)" })
        .option("results", { type: "string", default: "results", describe: "results root folder" })
        .option("set", { type: "string", array: true, default: [] as string[], describe: "override a field: --set model.customers=50000" })
        .option("quiet", { type: "boolean", default: false, describe: "no progress bar" })
        .option("max-memory", RESOURCE_OPTIONS.maxMemory)
        .option("max-events", RESOURCE_OPTIONS.maxEvents)
        .option("max-jobs", { type: "number", describe: `refuse a sweep of more jobs (points × variants × replications) than this (default ${DEFAULT_MAX_JOBS})` })
        .example("$0 sweep scenarios/sweeps/mm1-load.yaml --workers 2", "run a sweep on 2 threads")
        .example("$0 sweep scenarios/sweeps/mm1-load.yaml --shard 2/3 --out shard-2", "one shard of an array job"),
    (argv) => executeSweep(argv as unknown as SweepArguments),
  );
}

/**
 * Runs the command: progress bar, then what ran and what was written. The sweep folder is
 * checked (`checkOutputFolder`: absent, empty or rtolab's) before anything runs or is written.
 */
export async function executeSweep(args: SweepArguments): Promise<void> {
  if (args.out !== undefined) checkOutputFolder(args.out);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  if (args.workers !== undefined && (!Number.isInteger(args.workers) || args.workers < 0)) {
    throw new InputError("--workers", String(args.workers), "a whole number of worker threads (0 runs in this thread)");
  }
  if (args.maxJobs !== undefined && (!Number.isSafeInteger(args.maxJobs) || args.maxJobs < 1)) throw new InputError("--max-jobs", String(args.maxJobs), "a positive whole number of jobs");
  const plan = planSweep(args.scenario, { sets: args.set, limits: resourceLimits(args), concurrent: args.workers === 0 ? 1 : (args.workers ?? availableParallelism()), maxJobs: args.maxJobs });
  const { manifest } = plan;
  const folder = checkOutputFolder(args.out ?? join(args.results, manifest.scenario.name, sweepRunId(manifest.seed, plan.hash)));
  const progress = createProgress(manifest.scenario.name, { quiet: args.quiet, delayMs: 0 });
  // The main thread only waits on the pool, so a signal is handled at once: finished jobs are
  // already whole files (written atomically) and a rerun resumes from them.
  let jobsDone = 0;
  let jobs = 0;
  holdSignalsFromHere(() => `${jobsDone}/${jobs} jobs saved in ${folder}; run the same command again to resume`);
  const stats = await runSweep(plan, folder, {
    workers: args.workers,
    shard,
    onProgress: (p) => {
      jobsDone = p.jobsDone;
      jobs = p.jobs;
      progress.update(p.jobsDone / p.jobs, `${p.pointsDone}/${p.points} points`);
    },
  });
  progress.done();
  const shardText = shard ? ` (shard ${shard.index}/${shard.count})` : "";
  console.log(`${manifest.scenario.name}: ${manifest.points.length} points × ${manifest.replications} replications${shardText}: ${stats.ran} run, ${stats.resumed} already done`);
  if (stats.complete) {
    const files = await aggregateSweep(folder);
    console.log(`wrote ${files.filter((name) => !name.startsWith("charts/")).join(", ")} and ${files.filter((name) => name.startsWith("charts/")).length} chart files`);
  } else {
    console.log("other shards' jobs are not in this folder yet: join the shard folders with rtolab merge");
  }
  console.log(`results: ${folder}`);
}
