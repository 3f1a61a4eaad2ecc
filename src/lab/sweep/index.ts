/**
 * Sweeps: a scenario's `sweep:` block run as points × replications on worker threads, resumable,
 * splittable into shards and merged back, aggregated into tidy CSVs, CIs, charts and a report.
 */
export { aggregateSweep, readManifest, readSweepResults, summarizePoints, sweepDataFiles, type PointSummary, type SweepResults } from "./aggregate.ts";
export { parseShard, shardJobs, sweepJobs, type JobResult, type Shard, type SweepJob } from "./jobs.ts";
export { mergeShards, type MergeStats } from "./merge.ts";
export { planSweep, type SweepManifest, type SweepPlan, type SweepPoint } from "./plan.ts";
export { sweepCombinations } from "./points.ts";
export { runSweep, type RunSweepOptions, type SweepProgress, type SweepRunStats } from "./run.ts";
export { mser5, type MserResult } from "./warmup.ts";
export { sweepViews } from "./views.ts";
