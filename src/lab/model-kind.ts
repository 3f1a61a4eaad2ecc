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
  /** Called with a fraction in [0, 1] so the CLI can draw a progress line. */
  onProgress?: (fraction: number) => void;
}

/** A scenario model kind: `model.kind` in a scenario file selects it. */
export interface ModelKind<Spec = unknown> {
  kind: string;
  description: string;
  /** Strict object schema including `kind: z.literal(kind)`. */
  schema: z.ZodType<Spec & { kind: string }, unknown>;
  runReplication(spec: Spec, context: ReplicationContext): ReplicationResult;
}
