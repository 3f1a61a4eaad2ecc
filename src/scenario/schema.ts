/**
 * The scenario file format, assembled from the model kinds' own schemas, so validation, defaults
 * and the JSON Schema editors use all come from one set of definitions.
 */
import { z } from "zod";
import type { ModelKind } from "../contracts/model-kind.ts";
import { count } from "./fields.ts";
import { sweepSchema } from "./sweep.ts";

/** The scenario format version this rtolab reads; older versions are migrated at load. */
export const SCENARIO_VERSION = 1;

/**
 * Builds the scenario schema for the given model kinds.
 *
 * @example
 * buildScenarioSchema(modelKinds).safeParse({ version: 1, name: "x", model: { kind: "mm" } }).success // => false
 */
export function buildScenarioSchema(kinds: readonly ModelKind[]) {
  const modelSchemas = kinds.map((kind) => kind.schema) as unknown as [z.ZodObject, ...z.ZodObject[]];
  return z.strictObject({
    version: z.literal(SCENARIO_VERSION).meta({ description: "scenario format version" }),
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, "a name of letters, digits, '.', '_' or '-' (at most 80)")
      .meta({ description: "scenario name; results go to results/<name>/" }),
    description: z.string().max(10_000).optional(),
    sources: z
      .array(z.string().max(2_000))
      .max(200)
      .optional()
      .meta({ description: "where the parameters come from (cite rows of the domain figures)" }),
    dataDir: z
      .string()
      .min(1)
      .max(4096)
      .optional()
      .meta({ description: "a folder outside the scenario's project that its paths (traces, profiles, plans) may also name; relative to the scenario file; --data-dir sets it" }),
    seed: z.number().int().min(0).max(2 ** 53 - 1).default(1).meta({ description: "master seed" }),
    replications: count(100_000).default(1).meta({ description: "independent replications (seeds derived from the master seed)" }),
    model: z.discriminatedUnion("kind", modelSchemas),
    variants: z
      .array(
        z.strictObject({
          name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, "a name of letters, digits, '.', '_' or '-' (at most 80)"),
          description: z.string().max(2_000).optional(),
          set: z.record(z.string(), z.unknown()).meta({ description: 'field overrides, like --set: { "model.disk": { device: hdd } }' }),
        }),
      )
      .max(1_000)
      .optional()
      .meta({ description: "named configurations compared in one run, on the same random streams (paired)" }),
    sweep: sweepSchema.optional(),
  });
}

/**
 * The JSON Schema (draft 2020-12) of scenario files, for editors.
 *
 * @example
 * (scenarioJsonSchema(modelKinds).properties as Record<string, unknown>).version
 * // => { type: "number", const: 1, description: "scenario format version" }
 */
export function scenarioJsonSchema(kinds: readonly ModelKind[]): Record<string, unknown> {
  const schema = z.toJSONSchema(buildScenarioSchema(kinds), { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, $id: "https://rtolab.dev/schema/scenario-v1.json", title: "rtolab scenario" };
}
