/**
 * Hostile scenario documents and overrides, each with the one-line error rtolab now gives.
 * Shared by the hostile-input test (which pins the messages) and the report of issue 8.
 */

/** A valid queue-station scenario the cases below mutate (YAML, 8 lines). */
export const VALID_YAML = [
  "version: 1",
  "name: hostile",
  "model:",
  "  kind: queue-station",
  "  arrival: { distribution: exponential, mean: 1ms }",
  "  service: { distribution: exponential, mean: 500us }",
  "  customers: 10",
  "",
].join("\n");

/** The same scenario as a plain object, for JSON cases. */
export const VALID_OBJECT = {
  version: 1,
  name: "hostile",
  model: {
    kind: "queue-station",
    arrival: { distribution: "exponential", mean: "1ms" },
    service: { distribution: "exponential", mean: "500us" },
    customers: 10,
  },
};

/** One hostile input: a file (name and text) and optional `--set` overrides. */
export interface HostileCase {
  title: string;
  file: string;
  text: string;
  sets?: string[];
  /** The expected message with `FILE` standing for the file's path. */
  expected: string;
}

const json = (value: unknown): string => JSON.stringify(value);
const withModel = (extra: Record<string, unknown>): string => json({ ...VALID_OBJECT, model: { ...VALID_OBJECT.model, ...extra } });
const billionLaughs = (): string => {
  const lines = ["version: 1", "a: &a [x, x, x, x, x, x, x, x, x]"];
  for (let i = 0; i < 12; i++) {
    const [name, prev] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)];
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
  }
  return lines.join("\n");
};

/** Every hostile input tried, with what it gets. */
export const HOSTILE_CASES: readonly HostileCase[] = [
  { title: "__proto__ key at the top (JSON)", file: "proto.json", text: json(VALID_OBJECT).replace("{", '{"__proto__":{"polluted":1},'), expected: 'FILE: __proto__: unknown key "__proto__" (see `rtolab schema` for the format)' },
  { title: "__proto__ key inside model (YAML)", file: "proto.yaml", text: VALID_YAML.replace("  customers: 10", "  customers: 10\n  __proto__: { servers: 5, polluted: 1 }"), expected: 'FILE: model.__proto__: unknown key "__proto__" (see `rtolab schema` for the format)' },
  { title: "constructor.prototype key (YAML)", file: "ctor.yaml", text: `${VALID_YAML}constructor: { prototype: { polluted: 1 } }\n`, expected: 'FILE: constructor: unknown key "constructor" (see `rtolab schema` for the format)' },
  { title: "prototype key in a distribution (JSON)", file: "prototype.json", text: withModel({ arrival: { distribution: "exponential", mean: "1ms", prototype: { polluted: 1 } } }), expected: 'FILE: model.arrival.prototype: unknown key "prototype" (see `rtolab schema` for the format)' },
  { title: "__proto__ in a variant's set", file: "variant-proto.json", text: json({ ...VALID_OBJECT, variants: [{ name: "v", set: { "__proto__.polluted": 1 } }] }), expected: 'FILE: variants[0].set: __proto__.polluted: a field path like "model.servers" or "vms[0].disk.size" (no __proto__)' },
  { title: "an empty key in a variant's set (its error named \"file: variants[0].set\" as the file)", file: "variant-empty.yaml", text: `${VALID_YAML}variants:\n  - name: v\n    set: { "": 1 }\n`, expected: 'FILE: variants[0].set: "": a field path like "model.servers" or "vms[0].disk.size" (no __proto__)' },
  { title: "--set __proto__.polluted=1", file: "set-proto.yaml", text: VALID_YAML, sets: ["__proto__.polluted=1"], expected: '--set: __proto__.polluted: a field path like "model.servers" or "vms[0].disk.size" (no __proto__)' },
  { title: "--set constructor.prototype.polluted=1", file: "set-ctor.yaml", text: VALID_YAML, sets: ["constructor.prototype.polluted=1"], expected: '--set: constructor.prototype.polluted: a field path like "model.servers" or "vms[0].disk.size" (no __proto__)' },
  { title: "billion laughs (9^13 aliases)", file: "laughs.yaml", text: billionLaughs(), expected: "FILE: valid YAML (Excessive alias count indicates a resource exhaustion attack)" },
  { title: "alias in --set", file: "set-alias.yaml", text: VALID_YAML, sets: ["description=[&a x, *a]"], expected: "--set: description=[&a x, *a]: a value written as YAML, like 4, 2ms or [1, 2]" },
  { title: "a million nested [ in YAML", file: "deep.yaml", text: `${VALID_YAML}description: ${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}\n`, expected: "FILE: line 8: lists and mappings nested at most 64 deep" },
  { title: "a million nested [ in JSON", file: "deep.json", text: `{"version":1,"description":${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}`, expected: `FILE: description${"[0]".repeat(63)}: lists and mappings nested at most 64 deep` },
  { title: "100k nested [ in a variant's set (crashed canonicalJson)", file: "deep-variant.json", text: json({ ...VALID_OBJECT, variants: [{ name: "v", set: { description: "DEEP" } }] }).replace('"DEEP"', `${"[".repeat(100_000)}${"]".repeat(100_000)}`), expected: `FILE: variants[0].set.description${"[0]".repeat(60)}: lists and mappings nested at most 64 deep` },
  { title: "JSON syntax error whose V8 message spans lines", file: "multiline.json", text: '{\n"version": x}', expected: "FILE: valid JSON (Unexpected token 'x')" },
  { title: "JSON syntax error with a position", file: "comma.json", text: '{"version": 1,\n"name": "x",\n}', expected: "FILE: line 3: valid JSON (Expected double-quoted property name)" },
  { title: "--set with a newline in the path", file: "set-newline.yaml", text: VALID_YAML, sets: ["model.\nservers=2"], expected: '--set: model.\\nservers: a field path like "model.servers" or "vms[0].disk.size" (no __proto__)' },
  { title: "an empty --set", file: "set-empty.yaml", text: VALID_YAML, sets: [""], expected: '--set: "": expected path=value, like model.servers=4' },
  { title: "unknown key with a newline", file: "key-newline.json", text: withModel({ "a\nb": 1 }), expected: 'FILE: model.a\\nb: unknown key "a\\nb" (see `rtolab schema` for the format)' },
  { title: "customers: 1e308", file: "huge-customers.yaml", text: VALID_YAML.replace("customers: 10", "customers: 1e308"), expected: "FILE: model.customers: Too big: expected int to be <=9007199254740991" },
  { title: "customers: .nan", file: "nan.yaml", text: VALID_YAML.replace("customers: 10", "customers: .nan"), expected: "FILE: model.customers: expected number, received NaN" },
  { title: "servers: .inf", file: "inf.yaml", text: VALID_YAML.replace("customers: 10", "customers: 10\n  servers: .inf"), expected: "FILE: model.servers: expected number, received Infinity" },
  { title: "customers: -5", file: "negative.yaml", text: VALID_YAML.replace("customers: 10", "customers: -5"), expected: "FILE: model.customers: Too small: expected number to be >=1" },
  { title: "mean: -1ms (negative duration)", file: "negative-duration.yaml", text: VALID_YAML.replace("mean: 1ms", "mean: -1ms"), expected: 'FILE: model.arrival.mean: a non-negative duration like "250us", "1.5s" or "5min"' },
  { title: "mean: 1e308s (beyond 2^53 ns)", file: "huge-duration.yaml", text: VALID_YAML.replace("mean: 1ms", "mean: 1e308s"), expected: 'FILE: model.arrival.mean: a non-negative duration like "250us", "1.5s" or "5min"' },
  { title: 'mean: "1e300h"', file: "huge-duration-unit.yaml", text: VALID_YAML.replace("mean: 1ms", 'mean: "1e300h"'), expected: 'FILE: model.arrival.mean: a non-negative duration like "250us", "1.5s" or "5min"' },
  { title: "seed: 1e308", file: "huge-seed.yaml", text: `${VALID_YAML}seed: 1e308\n`, expected: "FILE: seed: Too big: expected int to be <=9007199254740991" },
  { title: "replications: 0x7fffffffffffffff", file: "hex.yaml", text: `${VALID_YAML}replications: 0x7fffffffffffffff\n`, expected: "FILE: replications: Too big: expected int to be <=9007199254740991" },
  { title: "--set sources[4294967294]=x (sparse list of 4 billion)", file: "sparse.yaml", text: VALID_YAML, sets: ["sources[4294967294]=x"], expected: "--set: sources[4294967294]: a list index up to 0 (the list has 0 items)" },
  { title: "--set samples[4294967294]=1ms on a 1-sample list (took 276 s in validation)", file: "sparse-samples.yaml", text: VALID_YAML, sets: ["model.arrival={distribution: empirical, samples: [1ms]}", "model.arrival.samples[4294967294]=1ms"], expected: "--set: model.arrival.samples[4294967294]: a list index up to 1 (the list has 1 item)" },
  { title: "!!binary, !!set and !!timestamp values", file: "tags.yaml", text: VALID_YAML.replace("customers: 10", "customers: !!set { a, b }"), expected: "FILE: model.customers: expected number, received Set" },
  { title: "a collection as a mapping key", file: "complex-key.yaml", text: `${VALID_YAML}? [a, b]\n: 1\n`, expected: 'FILE: [ a, b ]: unknown key "[ a, b ]" (see `rtolab schema` for the format)' },
  { title: "a scenario that is a list", file: "list.yaml", text: "- 1\n- 2\n", expected: "FILE: a mapping at the top level (version, name, model, ...)" },
];
