/**
 * The contract every pluggable component declares about itself: policies of every family
 * (cache, prefetch, scheduling, relocation, balancing) and physical models (devices, links,
 * hosts). A definition names the component, describes it, declares each parameter (type, unit,
 * default, bounds, meaning) and the inputs it needs (data such as a profile, not parameters).
 * Registries, the scenario schema, `rtolab schema` and docs/parameters.md are all generated from
 * definitions, so this module sits in the bottom layer and imports nothing above util/.
 */
import { InputError } from "./errors.ts";

/** What kind of value a parameter holds; `duration` is ns, `size` bytes, `rate` bytes/s. */
export type ParameterType = "number" | "integer" | "boolean" | "string" | "size" | "duration" | "rate" | "device";

/** A parameter's value once validated: numbers for every numeric and unit type. */
export type ParameterValue = number | boolean | string;

/** One parameter a component declares. */
export interface ParameterDefinition {
  type: ParameterType;
  description: string;
  /**
   * The unit of a plain number, in words (`"chunks"`, `"ns"`, `"blocks"`); unit types imply
   * theirs (`duration` ns, `size` bytes, `rate` bytes/s) and need none.
   */
  unit?: string;
  /** Used when the parameter is not given. A `device` parameter's default is a declaration. */
  default?: ParameterValue | { readonly device: string };
  /** For numbers: the lower bound, inclusive unless `exclusiveMinimum`. */
  minimum?: number;
  /** For numbers: the upper bound, inclusive unless `exclusiveMaximum`. */
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  /** For strings (or numbers): the allowed values. */
  enum?: readonly (string | number)[];
  /** For `device` parameters: the device names allowed. */
  devices?: readonly string[];
  /** Absent means "the component decides" (a scenario may leave it out; no default is filled in). */
  optional?: boolean;
}

/**
 * One input a component needs that is data rather than a parameter (a profile, a block order):
 * what the framework must prepare before creating or running it.
 */
export interface InputDefinition {
  description: string;
  /** True when the component cannot run without it. */
  required: boolean;
}

/** What a component declares about itself: its registry name, meaning, parameters and inputs. */
export interface PolicyDefinition {
  name: string;
  description: string;
  parameters: Readonly<Record<string, ParameterDefinition>>;
  /** Inputs the component needs besides its parameters, by the option key they arrive under. */
  inputs?: Readonly<Record<string, InputDefinition>>;
}

/** A physical model's definition (device, link, host): the same shape as a policy's. */
export type ModelDefinition = PolicyDefinition;

/**
 * A registry entry: a component's definition and the factory that makes it. `create` receives
 * the parameters (validated and defaulted when it is called through a registry) plus the inputs
 * its family passes.
 *
 * @example
 * const definition = { name: "obl", description: "one block lookahead", parameters: { degree: { type: "integer", description: "blocks", default: 1 } } } as const;
 * const entry: PolicyEntry<{ degree: number }, { degree?: number }> = { definition, create: (o) => ({ degree: o.degree ?? 1 }) };
 * entry.create({ degree: 2 }).degree // => 2
 */
export interface PolicyEntry<T, Options = Record<string, unknown>> {
  definition: PolicyDefinition;
  create(options: Options): T;
}

/** The TypeScript type of a parameter of type `P`. */
export type ValueOf<P extends ParameterDefinition> = P["type"] extends "boolean"
  ? boolean
  : P["type"] extends "string"
    ? P["enum"] extends readonly (infer E)[]
      ? E
      : string
    : P["type"] extends "device"
      ? { device: string; [key: string]: unknown }
      : number;

/**
 * The parameters a definition declares, typed: what `create` receives after
 * `resolveParameters` (declare the definition `as const satisfies PolicyDefinition`).
 *
 * @example
 * type P = ParameterValues<typeof s3fifoDefinition>; // { smallRatio: number; ghostRatio: number; moveToMainThreshold: number }
 */
export type ParameterValues<D extends PolicyDefinition> = { -readonly [K in keyof D["parameters"]]: ValueOf<D["parameters"][K]> };

/** The bounds of a numeric parameter as words: `"> 0 and < 1"`, `">= 1"`, `""` when unbounded. */
function boundsText(parameter: ParameterDefinition): string {
  const parts: string[] = [];
  if (parameter.minimum !== undefined) parts.push(`${parameter.exclusiveMinimum ? ">" : ">="} ${parameter.minimum}`);
  if (parameter.maximum !== undefined) parts.push(`${parameter.exclusiveMaximum ? "<" : "<="} ${parameter.maximum}`);
  return parts.join(" and ");
}

/**
 * What a parameter accepts, in words, for error messages and the parameter reference.
 *
 * @example
 * expectedValue({ type: "number", description: "", minimum: 0, maximum: 1, exclusiveMinimum: true }) // => "a number > 0 and <= 1"
 * expectedValue({ type: "string", description: "", enum: ["streams", "bytes"] }) // => 'one of "streams", "bytes"'
 */
export function expectedValue(parameter: ParameterDefinition): string {
  if (parameter.enum !== undefined) return `one of ${parameter.enum.map((value) => JSON.stringify(value)).join(", ")}`;
  const bounds = boundsText(parameter);
  const noun: Record<ParameterType, string> = {
    number: "a number",
    integer: "an integer",
    boolean: "true or false",
    string: "a string",
    size: "a size in bytes",
    duration: "a duration in ns",
    rate: "a rate in bytes/s",
    device: "a device declaration",
  };
  return bounds ? `${noun[parameter.type]} ${bounds}` : noun[parameter.type];
}

/**
 * True when `value` is a valid value of `parameter`: the right type, within its bounds, one of its
 * enum values. Integers accept Infinity (an unbounded count).
 *
 * @example
 * isValidValue({ type: "integer", description: "", minimum: 1 }, 2) // => true
 * isValidValue({ type: "number", description: "", minimum: 0, exclusiveMinimum: true }, 0) // => false
 */
export function isValidValue(parameter: ParameterDefinition, value: unknown): boolean {
  if (parameter.enum !== undefined && !parameter.enum.includes(value as string | number)) return false;
  switch (parameter.type) {
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "device":
      return typeof value === "object" && value !== null && typeof (value as { device?: unknown }).device === "string";
    default: {
      if (typeof value !== "number" || Number.isNaN(value)) return false;
      if (parameter.type === "integer" && !Number.isInteger(value) && value !== Infinity) return false;
      const { minimum, maximum } = parameter;
      if (minimum !== undefined && (parameter.exclusiveMinimum ? value <= minimum : value < minimum)) return false;
      if (maximum !== undefined && (parameter.exclusiveMaximum ? value >= maximum : value > maximum)) return false;
      return true;
    }
  }
}

/**
 * The numeric parameter `key` of a component of `family`: `options[key]`, or the definition's
 * default when absent. Throws an {@link InputError} naming the family, component and parameter
 * when the value is not a number within the definition's bounds (or not an integer for integer
 * parameters; Infinity counts as an integer).
 *
 * @example
 * import { definition as oblDefinition } from "../policies/prefetch/obl.ts";
 * numberParameter("prefetch", { degree: 2 }, oblDefinition, "degree") // => 2
 * numberParameter("prefetch", {}, oblDefinition, "degree")            // => 1 // the default
 */
export function numberParameter(family: string, options: { readonly [key: string]: unknown }, definition: PolicyDefinition, key: string): number {
  const value = parameterValue(family, options, definition, key);
  if (typeof value !== "number") throw new Error(`${family} policy ${definition.name}: parameter "${key}" is not numeric`);
  return value;
}

/**
 * The parameter `key` of a component of `family` (any type): `options[key]`, or its default.
 * Throws an {@link InputError} naming `<family>`, `<name>.<key>` and what was expected when the
 * value is invalid or missing without a default.
 *
 * @example
 * import { lirsDefinition } from "../policies/cache/algorithms/lirs.ts";
 * parameterValue("cache", { queueHitDemotesLir: true }, lirsDefinition, "queueHitDemotesLir") // => true
 */
export function parameterValue(family: string, options: { readonly [key: string]: unknown }, definition: PolicyDefinition, key: string): ParameterValue {
  const parameter = definition.parameters[key];
  if (!parameter) throw new Error(`${family} policy ${definition.name} declares no parameter "${key}"`);
  const value = options[key] ?? parameter.default;
  if (isValidValue(parameter, value)) return value as ParameterValue;
  throw new InputError(family, `${definition.name}.${key}`, `${expectedValue(parameter)}, got ${String(value)}`);
}

/**
 * The declared parameters of `definition` from `options`, validated and with defaults filled in;
 * keys it does not declare are an {@link InputError} listing the valid ones (named
 * `<where>.<key>`, `where` defaulting to the component's name). Inputs (`definition.inputs`) and
 * the family's keys pass through unchecked (a component checks an input where it uses it, as
 * some arrive later, in a context). Parameters with neither a value nor a default stay absent.
 *
 * @example
 * import { s3fifoDefinition } from "../policies/cache/algorithms/s3fifo.ts";
 * resolveParameters("cache", s3fifoDefinition, { capacity: 8, smallRatio: 0.2 }, ["capacity"]) // => { capacity: 8, smallRatio: 0.2, ghostRatio: 0.9, moveToMainThreshold: 2 }
 */
export function resolveParameters<T extends Record<string, unknown>>(
  family: string,
  definition: PolicyDefinition,
  options: Readonly<Record<string, unknown>>,
  /** Keys the family passes to every member (e.g. a cache's capacity), neither checked nor listed. */
  familyKeys: readonly string[] = [],
  where: string = definition.name,
): T {
  const inputs = definition.inputs ?? {};
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (key in definition.parameters || key in inputs || familyKeys.includes(key)) continue;
    const valid = Object.keys(definition.parameters);
    throw new InputError(family, `${where}.${key}`, `a parameter of ${family} policy ${definition.name}: ${valid.length ? `one of ${valid.join(", ")}` : "it takes none"}`);
  }
  for (const key of [...familyKeys, ...Object.keys(inputs)]) if (options[key] !== undefined) result[key] = options[key];
  for (const [key, parameter] of Object.entries(definition.parameters)) {
    const given = options[key];
    if (given === undefined && parameter.default === undefined) continue;
    const value = given ?? parameter.default;
    if (!isValidValue(parameter, value)) throw new InputError(family, `${where}.${key}`, `${expectedValue(parameter)}, got ${String(value)}`);
    result[key] = value;
  }
  return result as T;
}

/**
 * The defaults a definition declares, as a record (parameters without a default are absent).
 *
 * @example
 * defaultsOf({ name: "x", description: "", parameters: { n: { type: "integer", description: "", default: 2 } } }) // => { n: 2 }
 */
export function defaultsOf<T extends object = Record<string, ParameterValue>>(definition: PolicyDefinition): T {
  const result: Record<string, unknown> = {};
  for (const [key, parameter] of Object.entries(definition.parameters)) if (parameter.default !== undefined) result[key] = parameter.default;
  return result as T;
}

/**
 * Names of the inputs of `definition` that are required, for building only what a chosen
 * component needs (a profile, the future reads).
 *
 * @example
 * import { definition as profileDefinition } from "../policies/prefetch/profile.ts";
 * requiredInputs(profileDefinition) // => ["profile"]
 */
export function requiredInputs(definition: PolicyDefinition): string[] {
  return Object.entries(definition.inputs ?? {})
    .filter(([, input]) => input.required)
    .map(([key]) => key);
}
