/**
 * The jobs of a sweep and their result files. Job `j` is point `⌊j / R⌋`, replication `j mod R`
 * (R replications per point). Each job's result is a small JSON file,
 * `points/<pointId>-r<replication>.json`, written atomically (temporary file, then rename), so
 * a folder holds only whole results: a rerun skips them (resume), and shard folders can be
 * joined file by file (merge).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { threadId } from "node:worker_threads";
import type { MetricValue } from "../../contracts/model-kind.ts";
import { InputError } from "../../util/errors.ts";
import { canonicalJson } from "../../util/canonical-json.ts";
import type { SweepManifest } from "./plan.ts";

/** One job: a point and a replication. */
export interface SweepJob {
  index: number;
  point: number;
  replication: number;
  /** File name relative to the sweep folder. */
  file: string;
}

/**
 * What one job stores: its metrics (with their model bands), fingerprint and event count, tagged
 * with the sweep hash, the job's identity (point, replication) and a checksum over all of it.
 */
export interface JobResult {
  sweep: string;
  point: string;
  variant: string;
  replication: number;
  metrics: Pick<MetricValue, "name" | "unit" | "value" | "analytic" | "lower" | "upper">[];
  fingerprint: string;
  events: number;
  /**
   * sha256 (16 hex digits) of the canonical JSON of every other field: a file edited by hand (a
   * metric changed, a replication renumbered) no longer matches it. Added by `jobResultText`.
   */
  checksum?: string;
}

/** Shard `index` of `count` (1-based, as written on the command line). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Every job of a sweep, in job order (point-major, replication-minor).
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * sweepJobs(plan.manifest)[1] // => { index: 1, point: 0, replication: 1, file: "points/p0000-r1.json" }
 */
export function sweepJobs(manifest: SweepManifest): SweepJob[] {
  const jobs: SweepJob[] = [];
  manifest.points.forEach((point, p) => {
    for (let r = 0; r < manifest.replications; r++) {
      jobs.push({ index: jobs.length, point: p, replication: r, file: `points/${point.id}-r${r}.json` });
    }
  });
  return jobs;
}

/**
 * Parses `k/n` (1 ≤ k ≤ n); throws an {@link InputError} naming `--shard` otherwise.
 *
 * @example
 * parseShard("2/3") // => { index: 2, count: 3 }
 */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count || count > 100_000) {
    throw new InputError("--shard", text, "k/n with 1 <= k <= n, like 2/3 (the shard index of an array job)");
  }
  return { index, count };
}

/**
 * The jobs of one shard: job indexes ≡ k − 1 (mod n). Round robin rather than contiguous blocks,
 * so each shard gets a similar mix of cheap and expensive points.
 *
 * @example
 * const jobs = Array.from({ length: 10 }, (_, index) => ({ index, point: index, replication: 0, file: `points/p${index}-r0.json` }));
 * shardJobs(jobs, { index: 2, count: 3 }).map((job) => job.index) // => [1, 4, 7]
 */
export function shardJobs(jobs: readonly SweepJob[], shard: Shard): SweepJob[] {
  return jobs.filter((job) => job.index % shard.count === shard.index - 1);
}

/** A job's result file as read: its result, absent, or what is wrong with it. */
export type JobRead = { result: JobResult } | { missing: true } | { problem: string };

/**
 * Reads a job's result file and checks it: the sweep hash, the checksum over its content, and
 * the job identity its name gives (`points/<point>-r<replication>.json`).
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * await runSweep(plan, `${tmp}/sweep`, { workers: 0 });
 * const hash = readManifest(`${tmp}/sweep`).hash;
 * "result" in readJob(`${tmp}/sweep`, "points/p0000-r0.json", hash) // => true
 * writeFileSync(`${tmp}/sweep/points/p0000-r1.json`, jobResultText({ ...readJobResult(`${tmp}/sweep`, "points/p0000-r0.json", hash)! }));
 * readJob(`${tmp}/sweep`, "points/p0000-r1.json", hash)
 * // => { problem: "the result of point p0000, replication 1 (the file holds replication 0: copied or renamed)" }
 */
export function readJob(folder: string, file: string, sweepHash: string): JobRead {
  const path = join(folder, file);
  if (!existsSync(path)) return { missing: true };
  let result: JobResult;
  try {
    result = JSON.parse(readFileSync(path, "utf8")) as JobResult;
  } catch {
    return { problem: "a whole job result in JSON (the file is cut or damaged)" };
  }
  if (typeof result !== "object" || result === null || result.sweep !== sweepHash) return { problem: `a job result of this sweep (${sweepHash})` };
  const { checksum, ...content } = result;
  if (checksum !== jobChecksum(content)) return { problem: "a job result whose checksum matches its content (the file was edited)" };
  const identity = /^points\/(.+)-r(\d+)\.json$/.exec(file);
  if (identity && (result.point !== identity[1] || result.replication !== Number(identity[2]))) {
    const holds = result.point !== identity[1] ? `point ${result.point}` : `replication ${result.replication}`;
    return { problem: `the result of point ${identity[1]}, replication ${identity[2]} (the file holds ${holds}: copied or renamed)` };
  }
  return { result };
}

/**
 * A job's result when its file is present and checks out ({@link readJob}); undefined otherwise.
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * await runSweep(plan, `${tmp}/sweep`, { workers: 0 });
 * readJobResult(`${tmp}/sweep`, "points/p0000-r0.json", readManifest(`${tmp}/sweep`).hash)?.replication // => 0
 */
export function readJobResult(folder: string, file: string, sweepHash: string): JobResult | undefined {
  const read = readJob(folder, file, sweepHash);
  return "result" in read ? read.result : undefined;
}

function jobChecksum(content: Omit<JobResult, "checksum">): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, 16);
}

/**
 * The exact bytes of a job's result file (canonical JSON and a newline).
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * await runSweep(plan, `${tmp}/sweep`, { workers: 0 });
 * const result = readJobResult(`${tmp}/sweep`, "points/p0000-r0.json", readManifest(`${tmp}/sweep`).hash)!;
 * jobResultText(result).endsWith("}\n") // => true
 */
export function jobResultText(result: JobResult): string {
  const { checksum: _old, ...content } = result;
  return `${canonicalJson({ ...content, checksum: jobChecksum(content) })}\n`;
}

/**
 * Writes `content` to `folder/file` atomically: a temporary sibling named after the process and
 * thread, then a rename, so readers (and a resumed run) never see half a file.
 *
 * @example
 * import { readFileSync } from "node:fs";
 * writeFileAtomically(tmp, "points/p0000-r0.json", "{}\n");
 * readFileSync(`${tmp}/points/p0000-r0.json`, "utf8") // => "{}\n"
 */
export function writeFileAtomically(folder: string, file: string, content: string | Uint8Array): void {
  const path = join(folder, file);
  const temporary = `${path}.tmp-${process.pid}-${threadId}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(path, "", `a writable results folder (${code})`);
  }
}
