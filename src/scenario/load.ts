/**
 * Loading a scenario file: read, parse (YAML or JSON), migrate old versions, apply `--set`
 * overrides, validate against the schema built from the model kinds, fill defaults. The kinds
 * are a parameter: they live in lab/, above this layer (lab/load.ts passes rtolab's own).
 */
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import type { ModelKind } from "../contracts/model-kind.ts";
import { InputError } from "../util/errors.ts";
import { canonicalJson } from "../util/canonical-json.ts";
import { parseJsonText, readFileLimited } from "../util/read-file.ts";
import { issuesToInputError } from "./issues.ts";
import { checkNesting, checkYamlFlowDepth } from "./nesting.ts";
import { buildScenarioSchema, SCENARIO_VERSION } from "./schema.ts";
import { applySet, setField } from "./set.ts";

/** The zod schema of scenario files for a set of model kinds (what `Scenario` is the output of). */
export type ScenarioSchema = ReturnType<typeof buildScenarioSchema>;

/** A validated scenario, all units converted (times in ns, sizes in bytes). */
export type Scenario = z.output<ScenarioSchema>;

// Building the schema walks every kind's zod schema; loaders (sweeps load once per point) reuse it.
const schemas = new WeakMap<readonly ModelKind[], ScenarioSchema>();
function scenarioSchemaOf(kinds: readonly ModelKind[]): ScenarioSchema {
  let schema = schemas.get(kinds);
  if (!schema) {
    schema = buildScenarioSchema(kinds);
    schemas.set(kinds, schema);
  }
  return schema;
}

/** One configuration to run: the base scenario, or the base with a variant's overrides. */
export interface ScenarioVariant {
  name: string;
  description?: string;
  /** The scenario with this variant's overrides applied, validated, without `variants`. */
  scenario: Scenario;
}

/** Name of the single variant of a scenario that declares none. */
export const BASE_VARIANT = "base";

/** A loaded scenario plus where it came from. */
export interface LoadedScenario {
  scenario: Scenario;
  /** The configurations to run, in file order (just `base` when the file declares none). */
  variants: ScenarioVariant[];
  /**
   * Absolute path of the file. For a scenario given as an object or as text, the path of a
   * virtual file `(inline scenario)` in its base folder (relative paths inside it resolve there).
   */
  path: string;
  /** The document as given, for a scenario not read from a file (workers load it again from this). */
  inline?: Record<string, unknown>;
  /** sha256 of the canonical JSON of the validated scenario (after overrides and defaults). */
  hash: string;
}

const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** Migrations from older format versions: version → function producing version + 1. */
const migrations: Record<number, (document: Record<string, unknown>) => Record<string, unknown>> = {};

function readDocument(path: string): unknown {
  // The limit is counted while reading: a stat() size says nothing about /dev/zero or a FIFO.
  const text = readFileLimited(path, MAX_SCENARIO_BYTES, "scenario file").toString("utf8");
  const extension = extname(path).toLowerCase();
  if (extension !== ".json" && extension !== ".yaml" && extension !== ".yml") {
    throw new InputError(path, "", "a .yaml, .yml or .json scenario file");
  }
  return parseText(text, path, extension === ".json" ? "json" : "yaml");
}

/** Parses scenario text as JSON or YAML; `label` names it in errors. */
function parseText(text: string, label: string, format: "json" | "yaml"): unknown {
  // Duplicate keys are refused with their line (JSON.parse would keep the last silently).
  if (format === "json") return parseJsonText(label, text);
  checkYamlFlowDepth(text, label);
  // Aliases are capped so a "billion laughs" document cannot exhaust memory; logLevel "error"
  // keeps yaml's own warnings (collection keys) off stderr, where the one-line error goes.
  const document = parseDocument(text, { uniqueKeys: true, merge: false, prettyErrors: true, logLevel: "error" });
  const first = document.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    const reason = first.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new InputError(label, line ? `line ${line}` : "", `valid YAML (${reason})`);
  }
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new InputError(label, "", `valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
}

/** What {@link loadScenarioOf} accepts: a file path, YAML or JSON text (any string with a line break), or a document object. */
export type ScenarioSource = string | Readonly<Record<string, unknown>>;

/** Options of {@link loadScenarioOf}. */
export interface LoadOptions {
  /** `--set` overrides, `field.path=value`. */
  sets?: readonly string[];
  /** For a scenario given as text or an object: the folder its relative paths resolve in (default: the working folder). */
  baseDir?: string;
}

/** Name of a scenario given as text or an object, in errors and as its virtual file. */
export const INLINE_SCENARIO = "(inline scenario)";

/** The raw document of a source, where its relative paths resolve, and how errors name it. */
function readSource(source: ScenarioSource, baseDir: string | undefined): { raw: unknown; label: string; absolute: string; inline: boolean } {
  if (typeof source === "object" && source !== null) {
    return { raw: structuredClone(source), label: INLINE_SCENARIO, absolute: resolve(baseDir ?? ".", INLINE_SCENARIO), inline: true };
  }
  if (typeof source !== "string") throw new InputError(INLINE_SCENARIO, "", "a scenario file path, YAML text or an object");
  if (source.includes("\n")) {
    if (source.length > MAX_SCENARIO_BYTES) throw new InputError(INLINE_SCENARIO, "", `scenario text under ${MAX_SCENARIO_BYTES / 1024 / 1024} MiB`);
    // YAML is a superset of JSON: one parser serves both, with YAML's line numbers.
    return { raw: parseText(source, INLINE_SCENARIO, "yaml"), label: INLINE_SCENARIO, absolute: resolve(baseDir ?? ".", INLINE_SCENARIO), inline: true };
  }
  return { raw: readDocument(source), label: source, absolute: resolve(source), inline: false };
}

function migrate(path: string, document: Record<string, unknown>): Record<string, unknown> {
  const version = document.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new InputError(path, "version", `required: the scenario format version (${SCENARIO_VERSION})`);
  }
  if (version > SCENARIO_VERSION) {
    throw new InputError(path, "version", `a format version up to ${SCENARIO_VERSION} (this file needs a newer rtolab)`);
  }
  let migrated = document;
  for (let v = version; v < SCENARIO_VERSION; v++) migrated = { ...migrations[v](migrated), version: v + 1 };
  return migrated;
}

/**
 * Loads and validates a scenario whose `model.kind` is one of `kinds`: a file path, YAML or
 * JSON text (a string with a line break), or a document object (copied, never changed); throws
 * an {@link InputError} naming the file (or `(inline scenario)`) and field. (lab/load.ts's
 * `loadScenario` is this with rtolab's own kinds.)
 *
 * @example
 * loadScenarioOf(modelKinds, "scenarios/validation/mm1.yaml", { sets: ["replications=5"] }).scenario.replications // => 5
 */
export function loadScenarioOf(kinds: readonly ModelKind[], source: ScenarioSource, options: LoadOptions = {}): LoadedScenario {
  const scenarioSchema = scenarioSchemaOf(kinds);
  const { raw, label: path, absolute, inline } = readSource(source, options.baseDir);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InputError(path, "", "a mapping at the top level (version, name, model, ...)");
  }
  checkNesting(raw, path);
  const original = inline ? structuredClone(raw as Record<string, unknown>) : undefined;
  const document = migrate(path, raw as Record<string, unknown>);
  for (const assignment of options.sets ?? []) applySet(document, assignment);
  if (options.sets?.length) checkNesting(document, "--set");
  const parsed = scenarioSchema.safeParse(document);
  if (!parsed.success) throw issuesToInputError(path, parsed.error.issues);
  const hash = createHash("sha256").update(canonicalJson(parsed.data)).digest("hex");
  const loaded = { scenario: parsed.data, variants: expandVariants(scenarioSchema, path, document, parsed.data), path: absolute, hash, ...(original ? { inline: original } : {}) };
  checkDataDir(loaded, path);
  return loaded;
}

/** Applies each variant's overrides to a copy of the document and validates the result. */
function expandVariants(scenarioSchema: ScenarioSchema, path: string, document: Record<string, unknown>, base: Scenario): ScenarioVariant[] {
  const { variants: declared, ...plain } = base;
  if (!declared || declared.length === 0) return [{ name: BASE_VARIANT, scenario: plain }];
  const names = new Set<string>();
  return declared.map((variant, index) => {
    const where = `variants[${index}]`;
    if (names.has(variant.name)) throw new InputError(path, `${where}.name`, `a name used once ("${variant.name}" repeats)`);
    names.add(variant.name);
    const copy = structuredClone(document);
    delete copy.variants;
    for (const [field, value] of Object.entries(variant.set)) {
      try {
        setField(copy, field, value, path);
      } catch (error) {
        // Name the file as the source (not "file: variants[0].set"), the override in the place.
        if (error instanceof InputError) throw new InputError(path, `${where}.set: ${error.where}`, error.expected);
        throw error;
      }
    }
    const parsed = scenarioSchema.safeParse(copy);
    if (!parsed.success) {
      const error = issuesToInputError(path, parsed.error.issues);
      throw new InputError(path, `${where} (${variant.name}): ${error.where}`, error.expected);
    }
    const { variants: _ignored, ...scenario } = parsed.data;
    return { name: variant.name, description: variant.description, scenario };
  });
}

/**
 * The scenario as its base alone, its declared variants dropped (what `plan` evaluates). The
 * hash stays the file's, so a worker that loads the file again can still check it.
 *
 * @example
 * baseVariantOnly(loadScenarioOf(modelKinds, "scenarios/fleet/mass-restore.yaml")).variants.map((v) => v.name) // => ["base"]
 */
export function baseVariantOnly(loaded: LoadedScenario): LoadedScenario {
  const { variants: _ignored, ...plain } = loaded.scenario;
  return { ...loaded, scenario: plain, variants: [{ name: BASE_VARIANT, scenario: plain }] };
}

/**
 * The scenario's `dataDir` as an absolute path (relative to the scenario's folder), or
 * undefined when it declares none; checked at load ({@link loadScenarioOf}).
 *
 * @example
 * dataDirOf(loadScenario("scenarios/validation/mm1.yaml")) // => undefined
 * dataDirOf(loadScenario("scenarios/validation/mm1.yaml", { sets: ["dataDir=../../traces"] })) === `${process.cwd()}/traces` // => true // run from the repository
 */
export function dataDirOf(loaded: LoadedScenario): string | undefined {
  const dataDir = (loaded.scenario as { dataDir?: string }).dataDir;
  return dataDir === undefined ? undefined : resolve(dirname(loaded.path), dataDir);
}

/** Checks a declared `dataDir`: an existing folder, not a filesystem root (which would allow every path). */
function checkDataDir(loaded: LoadedScenario, label: string): void {
  const dataDir = dataDirOf(loaded);
  if (dataDir === undefined) return;
  let folder = false;
  try {
    folder = statSync(dataDir).isDirectory();
  } catch {
    folder = false;
  }
  if (!folder || dirname(dataDir) === dataDir) {
    throw new InputError(label, "dataDir", `an existing folder other than a filesystem root, relative to the scenario file (got ${dataDir})`);
  }
}

/** Folder of a loaded scenario, for resolving relative paths inside it. */
export function scenarioDir(loaded: LoadedScenario): string {
  return dirname(loaded.path);
}

/** File name without extension, used when a scenario has no name. */
export function scenarioStem(path: string): string {
  return basename(path, extname(path));
}
