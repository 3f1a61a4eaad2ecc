/**
 * Joining shard folders of one sweep (`rtolab merge OUT SHARD...`): every shard must hold the
 * same manifest; each job's result file is copied from whichever shard has it. Since a job's
 * file depends on the job alone, the merged folder equals a single-machine run byte for byte.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkOutputFolder, markOutputFolder } from "../../report/output-folder.ts";
import { InputError } from "../../util/errors.ts";
import { readJob, sweepJobs, writeFileAtomically } from "./jobs.ts";
import { readManifest } from "./aggregate.ts";
import { MANIFEST_FILE } from "./run.ts";

/** What a merge found. */
export interface MergeStats {
  jobs: number;
  /** Result files copied into the output folder. */
  copied: number;
  /** Jobs no folder has a result for. */
  missing: number;
}

/**
 * Copies the job results of `shards` into `out` (creating it). Throws an {@link InputError}
 * when `out` is not a folder rtolab may fill (`checkOutputFolder`), or the folders hold
 * different sweeps or disagree on a job's result.
 *
 * @example
 * const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["model.customers=500", "model.warmupCustomers=50", "sweep.replications=2"] });
 * for (const index of [1, 2]) await runSweep(plan, `${tmp}/shard-${index}`, { workers: 0, shard: { index, count: 2 } });
 * mergeShards(`${tmp}/sweep`, [`${tmp}/shard-1`, `${tmp}/shard-2`]) // => { jobs: 16, copied: 16, missing: 0 }
 */
export function mergeShards(out: string, shards: readonly string[]): MergeStats {
  checkOutputFolder(out, "OUT");
  if (shards.length === 0) throw new InputError("merge", "", "at least one shard folder");
  // The manifest is checked (present, parsed, its hash) before its text is compared byte for byte.
  const { hash, ...manifest } = readManifest(shards[0]);
  const text = readFileSync(join(shards[0], MANIFEST_FILE), "utf8");
  for (const folder of [...shards.slice(1), out]) {
    const path = join(folder, MANIFEST_FILE);
    if (folder !== out) readManifest(folder);
    if (existsSync(path) && readFileSync(path, "utf8") !== text) {
      throw new InputError(path, "", `the same sweep as ${join(shards[0], MANIFEST_FILE)} (rtolab version, scenario, --set and sweep must match)`);
    }
  }
  markOutputFolder(out);
  writeFileAtomically(out, MANIFEST_FILE, text);
  let copied = 0;
  let missing = 0;
  for (const job of sweepJobs(manifest)) {
    const found = [out, ...shards].filter((folder) => {
      const read = readJob(folder, job.file, hash);
      // A damaged or edited result is refused, not skipped: the user learns which file to delete.
      if ("problem" in read) throw new InputError(join(folder, job.file), "", `${read.problem}; delete it and run its job again`);
      return "result" in read;
    });
    if (found.length === 0) {
      missing++;
      continue;
    }
    const contents = found.map((folder) => readFileSync(join(folder, job.file), "utf8"));
    const differing = contents.findIndex((content) => content !== contents[0]);
    if (differing >= 0) throw new InputError(join(found[differing], job.file), "", `the same result as ${join(found[0], job.file)} (the two runs disagree)`);
    if (found[0] !== out) {
      writeFileAtomically(out, job.file, contents[0]);
      copied++;
    }
  }
  return { jobs: sweepJobs(manifest).length, copied, missing };
}
