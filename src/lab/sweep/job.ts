/**
 * Running one sweep job, in a worker thread or in the calling thread alike: load the point's
 * scenario, pick its variant, run one replication on the streams of `replicationSeed(seed, r)`.
 *
 * The seed depends on the replication index only, never on the point: every point's replication
 * r sees the same random numbers (common random numbers). Points that differ only in a policy
 * are then compared pairwise, replication by replication, and the noise both share cancels out
 * of the difference, so a paired CI is far narrower than comparing two independent samples.
 * Replications stay independent of each other, which the per-point CIs need.
 */
import { loadScenario } from "../load.ts";
import { isInputError, type InputError } from "../../util/errors.ts";
import { runReplicationOf } from "../run.ts";
import type { JobResult } from "./jobs.ts";

/** What a worker needs to run one job: plain data, so it crosses thread boundaries. */
export interface JobInput {
  path: string;
  sets: string[];
  variant: string;
  seed: number;
  replication: number;
  /** Expected scenario hash of the point: guards against the file changing mid-sweep. */
  hash: string;
  sweep: string;
  point: string;
}

/** A job's outcome; bad input travels as data since thread boundaries lose error classes. */
export type JobOutcome = { ok: true; result: JobResult } | { ok: false; error: Pick<InputError, "source" | "where" | "expected"> };

/**
 * Runs one job. Returns bad input (a changed scenario file, an invalid point) as an outcome;
 * anything else thrown is a bug and propagates.
 *
 * @example
 * const sets = ["model.customers=500", "model.warmupCustomers=50"];
 * const { hash } = loadScenario("scenarios/sweeps/mm1-load.yaml", { sets: [...sets, "model.servers=2"] });
 * runJob({ path: "scenarios/sweeps/mm1-load.yaml", sets: [...sets, "model.servers=2"], variant: "base",
 *   seed: 1, replication: 0, hash, sweep: "3f1c0e9a7b2d4c5e", point: "p0001" }).ok // => true
 */
export function runJob(input: JobInput): JobOutcome {
  try {
    const loaded = loadScenario(input.path, { sets: input.sets });
    if (loaded.hash !== input.hash) {
      return { ok: false, error: { source: input.path, where: "", expected: "the same scenario during the whole sweep (the file changed)" } };
    }
    const variant = loaded.variants.find((candidate) => candidate.name === input.variant);
    if (!variant) return { ok: false, error: { source: input.path, where: "variants", expected: `a variant named ${input.variant}` } };
    const result = runReplicationOf(loaded, variant, input.seed, input.replication);
    return {
      ok: true,
      result: {
        sweep: input.sweep,
        point: input.point,
        variant: input.variant,
        replication: input.replication,
        metrics: result.metrics.map(({ name, unit, value, analytic, lower, upper }) => ({
          name, unit, value,
          ...(analytic === undefined ? {} : { analytic }),
          ...(lower === undefined || upper === undefined ? {} : { lower, upper }),
        })),
        fingerprint: result.fingerprint,
        events: result.events,
      },
    };
  } catch (error) {
    if (isInputError(error)) return { ok: false, error: { source: error.source, where: error.where, expected: error.expected } };
    throw error;
  }
}
