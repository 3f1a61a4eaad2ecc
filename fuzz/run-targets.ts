/**
 * Fuzz targets past the loader (issue #19 item 12): scenarios generated from rtolab's own JSON
 * Schema (`rtolab schema`), so most of them are valid by the schema, with boundary values in
 * every numeric field (0, 1, the minimum, the maximum, huge) and units from 1 ns to hours, 1 B
 * to TiB. Each is loaded, estimated and run (one replication, in this thread) under a small
 * memory and event budget. The property, the CLI's contract: it finishes, or it fails with one
 * InputError line naming the scenario file (exit 2), within the time budget; any other
 * exception, a V8 abort or a hang past the budget is a finding.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import fc from "fast-check";
import { stringify as toYaml } from "yaml";
import { setEventBudget } from "../src/kernel/simulation.ts";
import { modelKinds } from "../src/lab/kinds.ts";
import { loadScenario } from "../src/lab/load.ts";
import { checkResources, type ResourceLimits } from "../src/lab/resources.ts";
import { runReplicationOf } from "../src/lab/run.ts";
import { scenarioJsonSchema } from "../src/scenario/schema.ts";
import { checkOutcome, type FuzzTarget, type Outcome } from "./check.ts";

/** The budget every generated scenario runs under: small, so a case takes at most a second or two. */
export const RUN_LIMITS: ResourceLimits = { maxMemory: 256 * 2 ** 20, maxEvents: 2_000_000 };
/** Wall time a case may take (load, estimate and one replication) before it is a finding. */
export const RUN_BUDGET_MS = 20_000;

const scratch = mkdtempSync(join(tmpdir(), "rtolab-fuzz-runs-"));
// The scratch folder is the scenarios' project (no package.json above /tmp): the trace they name lives in it.
copyFileSync(join(import.meta.dirname, "..", "traces", "boot1.csv"), join(scratch, "boot.csv"));

type JsonSchema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  description?: string;
  default?: unknown;
};

/** Typical values of each unit (most cases), then its boundaries (the rest). */
const UNIT_VALUES = {
  duration: { typical: ["1us", "250us", "1ms", "100ms", "1s", "30s"], boundary: ["0", "1ns", "5min", "1h", 0, 1e-9, 1e6] },
  size: { typical: ["4KiB", "64KiB", "1MiB", "4MiB", "1GiB"], boundary: ["0", "1", "512", "64GiB", "1TiB", 0, 4096] },
  rate: { typical: ["100MB/s", "1GB/s", "10Gbit/s"], boundary: ["1", "1KB/s", 0, 1e12] },
};

/** Boundary values of a number field: its bounds and their neighbours, 0, 1, and a huge value. */
function numberValues(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  // Fields generated from component definitions carry only the safe-integer range in the JSON
  // Schema (their real bounds are checked by zod): such a bound is treated as absent.
  const real = (bound: number | undefined) => (bound !== undefined && Math.abs(bound) < 2 ** 52 ? bound : undefined);
  const low = real(schema.minimum) ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-9) : undefined);
  const high = real(schema.maximum) ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-9) : undefined);
  const picks = [0, 1, 2, 10, 1e6, 2 ** 31, 1e15, ...(low !== undefined ? [low, low + 1] : []), ...(high !== undefined ? [high, high - 1] : [])]
    .filter((v) => (low === undefined || v >= low) && (high === undefined || v <= high))
    .map((v) => (integer ? Math.round(v) : v));
  const from = low ?? 1;
  const to = Math.min(high ?? 1e3, from + 1e3);
  const spread = integer ? fc.integer({ min: Math.ceil(from), max: Math.max(Math.ceil(from), Math.floor(to)) }) : fc.double({ min: from, max: Math.max(from, to), noNaN: true });
  return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...(picks.length > 0 ? picks : [from])) }, { weight: 2, arbitrary: spread });
}

/** A value of a unit field, by its key (and description): a bandwidth, a size, or else a duration. */
function unitValues(key: string, description = ""): fc.Arbitrary<unknown> {
  const unit = /rate|bandwidth|throughput|^nic$|ingest|^read$|^wan$/i.test(key) || /^bandwidth/.test(description)
    ? UNIT_VALUES.rate
    : /size|bytes|chunk|allocated|ram|stripe|capacity/i.test(key)
      ? UNIT_VALUES.size
      : /^(value|min|max|median|scale|samples)$/.test(key) && !/^duration/.test(description)
        ? { typical: [...UNIT_VALUES.duration.typical, ...UNIT_VALUES.size.typical], boundary: [...UNIT_VALUES.duration.boundary, ...UNIT_VALUES.size.boundary] }
        : UNIT_VALUES.duration;
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...unit.typical) }, { weight: 1, arbitrary: fc.constantFrom(...unit.boundary) });
}

/**
 * An arbitrary of the values `schema` accepts (mostly: cross-field rules and unit minima are
 * exactly what the run should refuse with a line). Optional properties are left out half the time.
 *
 * @example
 * fc.sample(fromJsonSchema({ type: "integer", minimum: 1, maximum: 3 }), 3).every((n) => n >= 1 && n <= 3) // => true
 */
export function fromJsonSchema(schema: JsonSchema, depth = 0, key = ""): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    if (options.some((o) => o.type === "string" && o.pattern?.includes("[A-Za-zµ/]"))) return unitValues(key, schema.description);
    return fc.oneof(...options.map((option) => fromJsonSchema(option, depth + 1, key)));
  }
  switch (schema.type) {
    case "object": {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) {
        if (depth > 6 && !required.has(key)) continue;
        // Optional fields are given a quarter of the time: the rest keep their defaults, so most cases get past the loader.
        fields[key] = required.has(key) ? fromJsonSchema(property, depth + 1, key) : fc.option(fromJsonSchema(property, depth + 1, key), { nil: undefined, freq: 3 });
      }
      return fc.record(fields).map((value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)));
    }
    case "array":
      return fc.array(schema.items ? fromJsonSchema(schema.items, depth + 1, key) : fc.constant(1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, Math.max(schema.minItems ?? 0, 3)) });
    case "integer":
      return numberValues(schema, true);
    case "number":
      return numberValues(schema, false);
    case "boolean":
      return fc.boolean();
    case "string":
      return fc.constantFrom("a", "vm", "os", "x1");
    default:
      return fc.constantFrom(null, 0, "x");
  }
}

/** Points every file a generated model names at the trace in the scratch folder, and drops saved profiles and plans. */
function withRealFiles(model: Record<string, unknown>): Record<string, unknown> {
  const fix = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(fix);
    if (typeof value !== "object" || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === "replay" || (key === "file" && typeof inner === "string" && !("serviceReady" in value))) continue;
      out[key] = key === "trace" || key === "file" ? "boot.csv" : fix(inner);
    }
    return out;
  };
  return fix(model) as Record<string, unknown>;
}

let fileCounter = 0;

/**
 * Writes `model` as a scenario, then loads, estimates and runs replication 0 of its first
 * variant under {@link RUN_LIMITS}; checks the property with `checkOutcome`.
 *
 * @example
 * runGenerated({ kind: "queue-station", arrival: { distribution: "exponential", mean: "2ms" }, service: { distribution: "exponential", mean: "1ms" }, customers: 100, warmupCustomers: 0 })
 * // => { loaded: true }
 */
export function runGenerated(model: Record<string, unknown>, json = false): Outcome {
  const path = join(scratch, `run-${fileCounter++ % 64}.${json ? "json" : "yaml"}`);
  const document = { version: 1, name: "fuzz-run", seed: 1, replications: 1, model: withRealFiles(model) };
  writeFileSync(path, json ? JSON.stringify(document) : toYaml(document));
  // Errors name the scenario (as the CLI prints it: relative to the working folder) or a file it names.
  const inScratch = relative(process.cwd(), scratch);
  return checkOutcome(
    (source) => source.startsWith(scratch) || source.startsWith(inScratch),
    () => {
      const previous = setEventBudget(RUN_LIMITS.maxEvents);
      try {
        const loaded = loadScenario(path);
        checkResources(loaded, RUN_LIMITS, 1);
        runReplicationOf(loaded, loaded.variants[0], 1, 0);
      } finally {
        setEventBudget(previous);
      }
    },
    RUN_BUDGET_MS,
  );
}

/** The model kinds' JSON Schemas, by kind, from `rtolab schema`. */
function modelSchemas(): Map<string, JsonSchema> {
  const schema = scenarioJsonSchema(modelKinds) as { properties: { model: { oneOf: JsonSchema[] } } };
  return new Map(schema.properties.model.oneOf.map((model) => [String(model.properties?.kind?.const), model]));
}

/** One target per model kind: generated from its schema, run under the budget. */
export const RUN_TARGETS: FuzzTarget<{ model: Record<string, unknown>; json: boolean }>[] = [...modelSchemas()].map(([kind, schema]) => ({
  name: `run: ${kind} from the JSON Schema`,
  arbitrary: fc.record({ model: fromJsonSchema(schema) as fc.Arbitrary<Record<string, unknown>>, json: fc.boolean() }),
  run: ({ model, json }) => runGenerated(model, json),
}));
