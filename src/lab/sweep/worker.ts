/** The piscina worker of `rtolab sweep`: one task = one job (see job.ts). */
import { runJob, type JobInput, type JobOutcome } from "./job.ts";

/**
 * Piscina's entry point.
 *
 * @example
 * new Piscina({ filename: new URL("./worker.ts", import.meta.url).href }).run(input) // => Promise<JobOutcome>
 */
export default function sweepWorker(input: JobInput): JobOutcome {
  return runJob(input);
}
