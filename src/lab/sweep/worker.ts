/** The piscina worker of `rtolab sweep`: one task = one job (see job.ts). */
import { runJob, type JobInput, type JobOutcome } from "./job.ts";

/**
 * Piscina's entry point.
 *
 * @example
 * const sets = ["model.customers=500", "model.warmupCustomers=50"];
 * const { hash } = loadScenario("scenarios/sweeps/mm1-load.yaml", { sets });
 * sweepWorker({ path: "scenarios/sweeps/mm1-load.yaml", sets, variant: "base", seed: 1, replication: 0, hash, sweep: "0", point: "p0000" }).ok // => true
 * // in a worker thread: new Piscina({ filename: new URL("./worker.ts", import.meta.url).href }).run(input)
 */
export default function sweepWorker(input: JobInput): JobOutcome {
  return runJob(input);
}
