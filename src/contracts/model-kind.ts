/**
 * What a kind of scenario model declares: its scenario schema (the single source for validation,
 * defaults and the JSON Schema) and how to run one replication of it.
 */
import type { z } from "zod";
import type { RngStreams } from "../kernel/rng.ts";

/** One scalar result of a replication, with its unit in words a CSV column can carry. */
export interface MetricValue {
  name: string;
  unit: string;
  value: number;
  /** The closed-form value, for validation models. */
  analytic?: number;
  /**
   * The model band of a replay-derived time (docs/replay.md): the value under the slack and chain
   * readings of the boot trace, with the service times the simulated storage delivered.
   */
  lower?: number;
  upper?: number;
  description?: string;
}

/** A tidy table a model may emit (one observation per row), written as `<name>.csv`. */
export interface Table {
  name: string;
  rows: Record<string, string | number>[];
}

/** What one replication of a model returns. */
export interface ReplicationResult {
  metrics: MetricValue[];
  /** Hash over the executed events (time, kind, component). */
  fingerprint: string;
  events: number;
  tables?: Table[];
}

/** Context a model run receives: its random streams, never a clock or global RNG. */
export interface ReplicationContext {
  replication: number;
  streams: RngStreams;
  /** Folder of the scenario file, for resolving relative paths inside it. */
  scenarioDir: string;
  /** The scenario file itself, named in errors about paths inside it (when known). */
  scenarioFile?: string;
  /** The scenario's `dataDir` (absolute): a folder its paths may name besides its project. */
  dataDir?: string;
  /** Called with a fraction in [0, 1] so the CLI can draw a progress line. */
  onProgress?: (fraction: number) => void;
}

/**
 * A replication that splits into partitions: parts of its world that share no resource, random
 * stream or event, each run on a kernel of its own (in any order, on any thread), their results
 * merged. `runReplication` must equal `merge` of every partition run in turn, so a replication's
 * result is the same whether its partitions ran on one thread or many.
 */
export interface PartitionedReplication<Spec, Part> {
  /** How many partitions a replication of `spec` has (1: nothing to split). */
  count(spec: Spec): number;
  /** Runs partition `partition` (0 ≤ partition < count) and returns plain data, safe to post between threads. */
  run(spec: Spec, context: ReplicationContext, partition: number): Part;
  /** The replication's result from its parts, in partition order. */
  merge(spec: Spec, parts: readonly Part[]): ReplicationResult;
}

/**
 * One part of what a replication is expected to need, estimated from the scenario before it
 * runs (lab/resources.ts adds the parts up and refuses a scenario past the limits).
 */
export interface ResourceNeed {
  /** The scenario field that drives this need, e.g. `model.vms.blockSize`: what a user would change. */
  field: string;
  /** The need in words, e.g. "4294967296 blocks of 1 B on each 4 GiB disk". */
  what: string;
  /** Bytes of memory it holds at its peak. */
  bytes: number;
  /** Kernel events it executes (0 when it adds none worth counting). */
  events: number;
}

/** A scenario model kind: `model.kind` in a scenario file selects it. */
export interface ModelKind<Spec = unknown> {
  kind: string;
  description: string;
  /** Strict object schema including `kind: z.literal(kind)`. */
  schema: z.ZodType<Spec & { kind: string }, unknown>;
  runReplication(spec: Spec, context: ReplicationContext): ReplicationResult;
  /**
   * The memory and events one replication of `spec` needs, part by part, computed from the
   * scenario alone (no trace is read). Absent: the kind's needs are bounded by its schema.
   */
  estimate?(spec: Spec): ResourceNeed[];
  /** Present when replications split into independent partitions (run workers then run those in parallel). */
  partitions?: PartitionedReplication<Spec, unknown>;
}
