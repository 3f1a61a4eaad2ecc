/**
 * Running a loaded scenario: its replications, each on its own random streams derived from the
 * master seed, then per-metric statistics across replications.
 */
import { createHash } from "node:crypto";
import { RngStreams } from "../kernel/rng.ts";
import type { LoadedScenario } from "../scenario/load.ts";
import { scenarioDir } from "../scenario/load.ts";
import { summarizeReplications, type MetricSummary } from "../metrics/summarize.ts";
import { modelKinds } from "./kinds.ts";
import type { ModelKind, ReplicationResult } from "./model-kind.ts";

/** The outcome of one scenario run. */
export interface RunResult {
  loaded: LoadedScenario;
  seed: number;
  replications: ReplicationResult[];
  metrics: MetricSummary[];
  /** Hash over the replications' event fingerprints, in order. */
  fingerprint: string;
  events: number;
}

/**
 * The seed string of replication `r` of a run with master seed `seed`. Replications are
 * independent; runs that differ only in a policy get the same streams (common random numbers).
 *
 * @example
 * replicationSeed(7, 0) // => "7/0"
 */
export function replicationSeed(seed: number, replication: number): string {
  return `${seed}/${replication}`;
}

/** Finds the model kind a scenario uses. */
export function modelKindOf(kind: string): ModelKind {
  const found = modelKinds.find((candidate) => candidate.kind === kind);
  if (!found) throw new Error(`no model kind "${kind}" (the schema should have rejected it)`);
  return found;
}

/**
 * Runs every replication of a loaded scenario.
 *
 * @example
 * const result = runScenario(loadScenario("scenarios/validation/mm1.yaml"), { seed: 7 });
 * result.metrics.find((m) => m.name === "waitMean")?.unit // => "ms"
 */
export function runScenario(
  loaded: LoadedScenario,
  options: { seed?: number; onProgress?: (fraction: number) => void } = {},
): RunResult {
  const seed = options.seed ?? loaded.scenario.seed;
  const kind = modelKindOf((loaded.scenario.model as { kind: string }).kind);
  const count = loaded.scenario.replications;
  const replications: ReplicationResult[] = [];
  const fingerprint = createHash("sha256");
  let events = 0;
  for (let r = 0; r < count; r++) {
    const result = kind.runReplication(loaded.scenario.model, {
      replication: r,
      streams: new RngStreams(replicationSeed(seed, r)),
      scenarioDir: scenarioDir(loaded),
      onProgress: options.onProgress && ((fraction) => options.onProgress?.((r + fraction) / count)),
    });
    replications.push(result);
    fingerprint.update(result.fingerprint);
    events += result.events;
    options.onProgress?.((r + 1) / count);
  }
  return {
    loaded,
    seed,
    replications,
    metrics: summarizeReplications(replications),
    fingerprint: fingerprint.digest("hex").slice(0, 16),
    events,
  };
}
