/**
 * Running a loaded scenario: each variant's replications, every replication on its own random
 * streams derived from the master seed, then per-metric statistics across replications.
 */
import { createHash } from "node:crypto";
import { relative } from "node:path";
import { RngStreams } from "../kernel/rng.ts";
import type { LoadedScenario, ScenarioVariant } from "../scenario/load.ts";
import { BASE_VARIANT, dataDirOf, scenarioDir } from "../scenario/load.ts";
import { InputError, isInputError } from "../util/errors.ts";
import { summarizeReplications, type MetricSummary } from "../metrics/summarize.ts";
import { modelKinds } from "./kinds.ts";
import type { ModelKind, ReplicationContext, ReplicationResult } from "../contracts/model-kind.ts";

// The shape of a run's outcome is declared next to the writer of results folders (report/ sits
// below lab/ in the layer order), and re-exported here, where runs are made.
import type { RunResult, VariantResult } from "../report/run-results.ts";
export type { RunResult, VariantResult };

/**
 * The seed string of replication `r` of a run with master seed `seed`. Replications are
 * independent; variants share them, so every variant sees the same random numbers (common
 * random numbers: comparisons between variants are paired).
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
 * Runs every replication of every variant of a loaded scenario.
 *
 * @example
 * const sets = ["replications=2", "model.customers=2000", "model.warmupCustomers=100"]; // a short mm1
 * const result = runScenario(loadScenario("scenarios/validation/mm1.yaml", { sets }), { seed: 7 });
 * result.variants[0].metrics.find((m) => m.name === "waitMean")?.unit // => "ms"
 * result.variants[0].replications.length // => 2
 */
export function runScenario(
  loaded: LoadedScenario,
  options: { seed?: number; onProgress?: (fraction: number) => void } = {},
): RunResult {
  const seed = options.seed ?? loaded.scenario.seed;
  const total = replicationCount(loaded);
  let done = 0;
  const perVariant = loaded.variants.map((variant) => {
    const replications: ReplicationResult[] = [];
    for (let r = 0; r < variant.scenario.replications; r++) {
      const onProgress = options.onProgress && ((fraction: number) => options.onProgress?.((done + fraction) / total));
      replications.push(runReplicationOf(loaded, variant, seed, r, onProgress));
      done++;
      options.onProgress?.(done / total);
    }
    return replications;
  });
  return assembleRun(loaded, seed, perVariant);
}

/**
 * Replication `replication` of one variant of a loaded scenario, on the streams of
 * {@link replicationSeed}: the one place every runner (this thread, run workers, sweep jobs)
 * starts a replication, so they cannot drift apart.
 *
 * @example
 * const loaded = loadScenario("scenarios/validation/mm1.yaml", { sets: ["replications=2", "model.customers=2000", "model.warmupCustomers=100"] });
 * runReplicationOf(loaded, loaded.variants[0], 7, 0).fingerprint // => runScenario(loaded, { seed: 7 }).variants[0].replications[0].fingerprint // the same in any thread
 */
export function runReplicationOf(
  loaded: LoadedScenario,
  variant: ScenarioVariant,
  seed: number,
  replication: number,
  onProgress?: (fraction: number) => void,
): ReplicationResult {
  const model = variant.scenario.model as { kind: string };
  return namingTheFile(loaded, variant, () => modelKindOf(model.kind).runReplication(model, contextOf(loaded, seed, replication, onProgress)));
}

function contextOf(loaded: LoadedScenario, seed: number, replication: number, onProgress?: (fraction: number) => void): ReplicationContext {
  const dataDir = dataDirOf(loaded);
  return { replication, streams: new RngStreams(replicationSeed(seed, replication)), scenarioDir: scenarioDir(loaded), scenarioFile: loaded.path, ...(dataDir ? { dataDir } : {}), onProgress };
}

function namingTheFile<T>(loaded: LoadedScenario, variant: ScenarioVariant, run: () => T): T {
  try {
    return run();
  } catch (error) {
    // Model kinds check cross-field rules while building and name their source "scenario": the
    // user needs the file (and the variant, whose overrides may be the culprit).
    if (isInputError(error) && error.source === "scenario") {
      const where = variant.name === BASE_VARIANT ? error.where : `${error.where} (variant ${variant.name})`;
      throw new InputError(relative(process.cwd(), loaded.path) || loaded.path, where, error.expected);
    }
    throw error;
  }
}

/**
 * How many partitions each replication of `variant` runs as (1 when its model kind does not split
 * replications; see `PartitionedReplication`).
 *
 * @example
 * partitionCountOf(loadScenario("scenarios/restore/boot-storm.yaml").variants[0]) // => 1 // one media agent
 */
export function partitionCountOf(variant: ScenarioVariant): number {
  const model = variant.scenario.model as { kind: string };
  return modelKindOf(model.kind).partitions?.count(model) ?? 1;
}

/**
 * Partition `partition` of replication `replication` of one variant, on the same streams as
 * {@link runReplicationOf}: its part, for {@link mergePartitionsOf}.
 *
 * @example
 * import { baseVariantOnly } from "../scenario/load.ts";
 * const loaded = baseVariantOnly(loadScenario("scenarios/restore/one-vm-dedup.yaml"));
 * const parts = [0].map((partition) => runPartitionOf(loaded, loaded.variants[0], 7, 0, partition)); // one VM: one partition
 * parts.length // => 1
 */
export function runPartitionOf(
  loaded: LoadedScenario, variant: ScenarioVariant, seed: number, replication: number, partition: number, onProgress?: (fraction: number) => void,
): unknown {
  const model = variant.scenario.model as { kind: string };
  const partitioning = modelKindOf(model.kind).partitions;
  if (partitioning === undefined) throw new Error(`model kind "${model.kind}" does not split replications into partitions`);
  return namingTheFile(loaded, variant, () => partitioning.run(model, contextOf(loaded, seed, replication, onProgress), partition));
}

/**
 * A replication's result from its partitions' parts (in partition order): the same as
 * {@link runReplicationOf} gives.
 *
 * @example
 * import { baseVariantOnly } from "../scenario/load.ts";
 * const loaded = baseVariantOnly(loadScenario("scenarios/restore/one-vm-dedup.yaml"));
 * const parts = [runPartitionOf(loaded, loaded.variants[0], 7, 0, 0)];
 * mergePartitionsOf(loaded, loaded.variants[0], parts).fingerprint // => runReplicationOf(loaded, loaded.variants[0], 7, 0).fingerprint
 */
export function mergePartitionsOf(loaded: LoadedScenario, variant: ScenarioVariant, parts: readonly unknown[]): ReplicationResult {
  const model = variant.scenario.model as { kind: string };
  const partitioning = modelKindOf(model.kind).partitions;
  if (partitioning === undefined) throw new Error(`model kind "${model.kind}" does not split replications into partitions`);
  return namingTheFile(loaded, variant, () => partitioning.merge(model, parts));
}

/** Replications a run executes: every variant's, added up. */
export function replicationCount(loaded: LoadedScenario): number {
  return loaded.variants.reduce((sum, variant) => sum + variant.scenario.replications, 0);
}

/**
 * Builds the run's result from each variant's replications (in variant, then replication
 * order), whichever thread computed them: the fingerprint hashes them in that order.
 */
export function assembleRun(loaded: LoadedScenario, seed: number, perVariant: readonly ReplicationResult[][]): RunResult {
  const fingerprint = createHash("sha256");
  let events = 0;
  const variants = loaded.variants.map((variant, index): VariantResult => {
    const replications = perVariant[index];
    for (const result of replications) {
      fingerprint.update(result.fingerprint);
      events += result.events;
    }
    return { name: variant.name, description: variant.description, replications, metrics: summarizeReplications(replications) };
  });
  return { loaded, seed, variants, fingerprint: fingerprint.digest("hex").slice(0, 16), events };
}
