/**
 * Fuzz targets for the scenario loader: random JSON and YAML documents, random YAML-ish text,
 * mutated valid scenarios (fields replaced with hostile values, keys deleted or added) and random
 * `--set` strings, each loaded with `loadScenario` as `rtolab run` loads it.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { stringify as toYaml } from "yaml";
import { loadScenario } from "../src/lab/load.ts";
import { checkOutcome, type FuzzTarget, type Outcome } from "./check.ts";

const scratch = mkdtempSync(join(tmpdir(), "rtolab-fuzz-scenarios-"));

/** A valid scenario: the seed of the mutation targets. */
export const VALID_SCENARIO = {
  version: 1,
  name: "fuzz",
  seed: 3,
  replications: 2,
  model: {
    kind: "queue-station",
    servers: 2,
    arrival: { distribution: "exponential", mean: "1ms" },
    service: { distribution: "lognormal", median: "500us", sigma: 0.5 },
    customers: 10,
    warmupCustomers: 0,
  },
  variants: [{ name: "fast", set: { "model.service.median": "100us" } }],
};

const FIELD_PATHS = [
  "version", "name", "seed", "replications", "description", "sources", "sources[0]", "model", "model.kind", "model.servers",
  "model.arrival", "model.arrival.distribution", "model.arrival.mean", "model.service.median", "model.service.sigma",
  "model.service.samples", "model.service.samples[0]", "model.customers", "model.warmupCustomers", "variants", "variants[0]",
  "variants[0].name", "variants[0].set", "variants[0].set.model.servers", "__proto__", "constructor", "prototype",
  "model.__proto__", "constructor.prototype", "toString", "hasOwnProperty", "valueOf",
];

/** Values that have broken parsers before: extremes, wrong types, units, hostile strings. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e-320, 0.5, Number.NaN, Infinity, -Infinity, "", "1ms", "-1ms",
    "1e300h", "64GiB", "1e400", "NaN", "Infinity", "0x10", "__proto__", "exponential", "empirical", "pareto", "queue-station",
    null, true, [], {}, [[[[[]]]]], { distribution: "empirical", samples: [] }, { distribution: "pareto", scale: "1ms", shape: 0 },
    { distribution: "uniform", min: "2ms", max: "1ms" }, { __proto__: { polluted: 1 } }, "x".repeat(10_000),
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 12 }),
);

let fileCounter = 0;

/**
 * Writes `text` as a scenario file with `extension`, loads it with `sets`, and checks the fuzz
 * property (errors must name this file or `--set`).
 *
 * @example
 * loadScenarioText(".json", "{}") // => { loaded: false, message: ".../case-0.json: version: required: ..." }
 */
export function loadScenarioText(extension: ".json" | ".yaml", text: string, sets: readonly string[] = []): Outcome {
  const path = join(scratch, `case-${fileCounter++ % 64}${extension}`);
  writeFileSync(path, text);
  return checkOutcome([path, "--set"], () => {
    loadScenario(path, { sets });
    if (({} as Record<string, unknown>).polluted !== undefined) throw new Error("Object.prototype was polluted");
  });
}

/** Sets the field at `path` (dots and [i]) of a plain-object copy, creating objects on the way. */
function mutate(document: Record<string, unknown>, path: string, value: unknown, remove: boolean): Record<string, unknown> {
  const copy = structuredClone(document);
  const parts = path.split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== "");
  let node: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== "object" || node[part] === null) Object.defineProperty(node, part, { value: {}, enumerable: true, writable: true, configurable: true });
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (remove) delete node[last];
  // defineProperty, so a "__proto__" key becomes an own property, as a parser would make it.
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const mutation = fc.record({ path: fc.oneof(fc.constantFrom(...FIELD_PATHS), fc.string({ maxLength: 8 })), value: hostileValue, remove: fc.boolean() });

/** YAML-significant characters, so random text reaches the parser's corners. */
const yamlText = fc.string({ unit: fc.constantFrom(..."{}[]:,-?&*!|>'\"%@`#\n \t0123456789.eE+abc_<=version: name model kind".split("")), maxLength: 300 });

/** A `--set` string: a known or random path, `=`, a YAML value or random text. */
const setString = fc.oneof(
  fc.tuple(fc.oneof(fc.constantFrom(...FIELD_PATHS), fc.string({ maxLength: 10 })), fc.oneof(hostileValue.map((v) => toYaml(v, { flow: true }).trim()), yamlText)).map(([path, value]) => `${path}=${value}`),
  fc.string({ maxLength: 40 }),
);

/** Every scenario-loader fuzz target. */
export const SCENARIO_TARGETS: readonly FuzzTarget<{ extension: ".json" | ".yaml"; text: string; sets: string[] }>[] = [
  {
    name: "scenario: random JSON documents",
    arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => ({ extension: ".json" as const, text: JSON.stringify(value), sets: [] })),
    run: ({ extension, text, sets }) => loadScenarioText(extension, text, sets),
  },
  {
    name: "scenario: random YAML documents and text",
    arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 4 }).map((value) => toYaml(value)), yamlText).map((text) => ({ extension: ".yaml" as const, text, sets: [] })),
    run: ({ extension, text, sets }) => loadScenarioText(extension, text, sets),
  },
  {
    name: "scenario: mutated valid scenarios",
    arbitrary: fc.tuple(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([mutations, asJson]) => {
      const document = mutations.reduce((doc, { path, value, remove }) => mutate(doc, path, value, remove), VALID_SCENARIO as Record<string, unknown>);
      return asJson
        ? { extension: ".json" as const, text: JSON.stringify(document), sets: [] }
        : { extension: ".yaml" as const, text: toYaml(document), sets: [] };
    }),
    run: ({ extension, text, sets }) => loadScenarioText(extension, text, sets),
  },
  {
    name: "scenario: random --set strings",
    arbitrary: fc.array(setString, { minLength: 1, maxLength: 3 }).map((sets) => ({ extension: ".json" as const, text: JSON.stringify(VALID_SCENARIO), sets })),
    run: ({ extension, text, sets }) => loadScenarioText(extension, text, sets),
  },
];
