/**
 * Zod schemas generated from component definitions (./definitions.ts): a policy's `options`
 * (strict: an unknown key is an error that lists the valid ones) and a model's fields with the
 * definition's defaults. The scenario schema, `rtolab schema` and the registries all build on
 * these, so a parameter is declared once, in its component's file.
 */
import { z } from "zod";
import type { ParameterDefinition, PolicyDefinition } from "./definitions.ts";
import { duration, rate, size } from "./unit-fields.ts";
import { parseDuration, parseRate, parseSize } from "./units.ts";

const DURATION_UNITS: ReadonlyArray<[string, number]> = [["s", 1e9], ["ms", 1e6], ["us", 1e3]];

/**
 * A duration in ns written the way a scenario would: the largest unit that reads back exactly.
 *
 * @example
 * durationText(1_700_000) // => "1.7ms"
 * durationText(0) // => "0s"
 */
export function durationText(ns: number): string {
  if (ns === 0) return "0s";
  for (const [unit, factor] of DURATION_UNITS) {
    const value = ns / factor;
    if (value >= 1 && Math.round(Number(String(value)) * factor) === ns) return `${value}${unit}`;
  }
  return `${ns}ns`;
}

/** Binary and decimal size units, largest first. */
const SIZE_UNITS: ReadonlyArray<[string, number]> = [["PiB", 2 ** 50], ["PB", 1e15], ["TiB", 2 ** 40], ["TB", 1e12], ["GiB", 2 ** 30], ["GB", 1e9], ["MiB", 2 ** 20], ["MB", 1e6], ["KiB", 2 ** 10], ["KB", 1e3]];

/**
 * A size in bytes written the way a scenario would: in the largest unit, binary or decimal, it
 * is a whole number of, else in bytes with their unit.
 *
 * @example
 * sizeText(4_194_304) // => "4MiB"
 * sizeText(4e12) // => "4TB"
 * sizeText(1000.5) // => "1000.5B"
 */
export function sizeText(bytes: number): string {
  if (bytes === 0) return "0B";
  for (const [unit, factor] of SIZE_UNITS) if (Number.isInteger(bytes / factor)) return `${bytes / factor}${unit}`;
  return `${bytes}B`;
}

type NumberField = z.ZodType<number, unknown>;

/** Builds the zod field of a `device` parameter from the allowed device names (the device registry). */
export type DeviceFieldBuilder = (devices: readonly string[], parameter: ParameterDefinition) => z.ZodType;

/** How the numbers of unit parameters are read. */
export interface FieldOptions {
  /**
   * `"scenario"`: as every model field of a scenario, a duration or size needs a unit (a bare
   * number other than 0 is refused) and a bare bandwidth is bytes/s. `"internal"`: a bare number is in the internal unit (ns for durations),
   * as policy options have always been (`maxWaitNs: 2000000000`); strings with a unit work in both.
   */
  numbers?: "scenario" | "internal";
  device?: DeviceFieldBuilder;
}

function within(parameter: ParameterDefinition, value: number, unitMinimum: number): boolean {
  const minimum = parameter.minimum ?? unitMinimum;
  const maximum = parameter.maximum ?? Number.MAX_SAFE_INTEGER;
  const aboveMin = parameter.exclusiveMinimum ? value > minimum : value >= minimum;
  const belowMax = parameter.exclusiveMaximum ? value < maximum : value <= maximum;
  return aboveMin && belowMax;
}

function boundsWords(parameter: ParameterDefinition, unitMinimum: number): string {
  const minimum = parameter.minimum ?? unitMinimum;
  const maximum = parameter.maximum ?? Number.MAX_SAFE_INTEGER;
  if (!parameter.exclusiveMinimum && !parameter.exclusiveMaximum) return `between ${minimum} and ${maximum}`;
  return `${parameter.exclusiveMinimum ? ">" : ">="} ${minimum} and ${parameter.exclusiveMaximum ? "<" : "<="} ${maximum}`;
}

const UNIT_TYPES = {
  duration: { field: duration, parse: parseDuration, noun: "a duration", unit: "ns" },
  size: { field: size, parse: parseSize, noun: "a size", unit: "bytes" },
  rate: { field: rate, parse: parseRate, noun: "a bandwidth", unit: "bytes/s" },
} as const;

/** A unit field whose bare numbers are already in the internal unit; strings go through `parse`. */
function internalUnitField(parse: (value: string) => number | undefined, noun: string, unit: string): NumberField {
  return z.union([z.number(), z.string()], { error: `${noun} (a number in ${unit}, or a string with a unit)` }).transform((value, ctx) => {
    const parsed = typeof value === "number" ? value : parse(value);
    if (parsed === undefined || Number.isNaN(parsed)) {
      ctx.addIssue({ code: "custom", message: `${noun} (a number in ${unit}, or a string with a unit)` });
      return z.NEVER;
    }
    return parsed;
  });
}

/**
 * The zod field of parameter `key` of `definition`, without its default: a unit field for
 * `duration`/`size`/`rate`, a bounded number, a boolean, a string or an enum.
 *
 * @example
 * import { ssdDefinition } from "../models/devices/ssd.ts";
 * import { definition as strictPriorityDefinition } from "../policies/scheduling/strict-priority.ts";
 * parameterField(ssdDefinition, "readLatency").parse("1ms") // => 1000000
 * parameterField(strictPriorityDefinition, "maxWaitNs", { numbers: "internal" }).parse(5) // => 5
 */
export function parameterField(definition: PolicyDefinition, key: string, options: FieldOptions = {}): z.ZodType {
  const parameter = definition.parameters[key];
  if (parameter === undefined) throw new Error(`${definition.name} has no parameter "${key}"`);
  const { type } = parameter;
  if (type === "boolean") return z.boolean();
  if (type === "device") {
    if (!options.device || !parameter.devices) throw new Error(`${definition.name}.${key} is a device parameter: needs the device registry and a device list`);
    return options.device(parameter.devices, parameter);
  }
  if (parameter.enum !== undefined) {
    const values = parameter.enum;
    if (values.every((value) => typeof value === "string")) return z.enum(values as [string, ...string[]]);
    return z.union(values.map((value) => z.literal(value)) as unknown as [z.ZodLiteral, z.ZodLiteral, ...z.ZodLiteral[]]);
  }
  if (type === "string") return z.string();
  if (type === "number" || type === "integer") {
    // Plain numbers of models have always been non-negative unless a definition says otherwise.
    const unitMinimum = options.numbers === "internal" ? -Number.MAX_VALUE : 0;
    const base = type === "integer" ? z.number().int() : z.number();
    const what = `${type === "integer" ? "an integer" : "a number"} ${boundsWords(parameter, unitMinimum).replace(`${-Number.MAX_VALUE}`, "-∞")}`;
    return base.refine((value) => within(parameter, value, unitMinimum), what);
  }
  const unitType = UNIT_TYPES[type];
  const field: NumberField = options.numbers === "internal" ? internalUnitField(unitType.parse, unitType.noun, unitType.unit) : unitType.field();
  return field.refine((value) => within(parameter, value, 0), `${unitType.noun} ${boundsWords(parameter, 0)} ${unitType.unit}`);
}

/**
 * The zod field of one numeric parameter of a model definition, in scenario units, without its
 * default (see {@link parameterField}).
 *
 * @example
 * numericField(ssdDefinition, "readLatency").parse("1ms") // => 1000000
 */
export function numericField(definition: PolicyDefinition, key: string): NumberField {
  const parameter = definition.parameters[key];
  if (parameter === undefined) throw new Error(`${definition.name} has no parameter "${key}"`);
  if (!["number", "integer", "duration", "size", "rate"].includes(parameter.type)) throw new Error(`${definition.name}.${key} is a ${parameter.type}, not a numeric parameter`);
  return parameterField(definition, key) as NumberField;
}

/** The default of `parameter` the way a scenario writes it (durations as `"80us"`, sizes as `"4MiB"`). */
function defaultText(parameter: ParameterDefinition): unknown {
  if (typeof parameter.default !== "number") return parameter.default;
  if (parameter.type === "duration") return durationText(parameter.default);
  if (parameter.type === "size") return sizeText(parameter.default);
  return parameter.default;
}

/**
 * Zod fields for the numeric parameters `keys` of `definition` (see {@link numericField}), each
 * defaulting to the definition's default written in scenario units (so `rtolab schema` shows
 * `"80us"`, not a number of seconds) and described with it.
 *
 * @example
 * import { z } from "zod";
 * import { linkDefinition } from "../models/network/network.ts";
 * z.strictObject(numericFields(linkDefinition, ["bandwidth", "latency"])).parse({}) // => { bandwidth: 1250000000, latency: 50000 }
 */
export function numericFields<const K extends string>(definition: PolicyDefinition, keys: readonly K[]): Record<K, z.ZodPrefault<NumberField>> {
  const shape = {} as Record<K, z.ZodPrefault<NumberField>>;
  for (const key of keys) {
    const parameter = definition.parameters[key];
    if (typeof parameter?.default !== "number") throw new Error(`${definition.name}.${key} has no numeric default`);
    const text = defaultText(parameter);
    shape[key] = numericField(definition, key).prefault(text).meta({ description: `${parameter.description} (default ${text})` });
  }
  return shape;
}

/**
 * Like {@link numericFields} but optional with no default (absent = the model decides).
 *
 * @example
 * import { z } from "zod";
 * import { hddDefinition } from "../models/devices/hdd.ts";
 * z.strictObject(optionalNumericFields(hddDefinition, ["averageSeek"])).parse({}) // => {}
 */
export function optionalNumericFields<const K extends string>(definition: PolicyDefinition, keys: readonly K[]): Record<K, z.ZodOptional<NumberField>> {
  const shape = {} as Record<K, z.ZodOptional<NumberField>>;
  for (const key of keys) shape[key] = numericField(definition, key).optional().meta({ description: definition.parameters[key]?.description ?? key });
  return shape;
}

/**
 * Every parameter of a model's definition as a zod field with its default (in scenario units,
 * described with it); `optional` parameters stay optional without a default, and `device`
 * parameters are nested declarations built by `options.device`.
 *
 * @example
 * import { z } from "zod";
 * import { linkDefinition } from "../models/network/network.ts";
 * z.strictObject(modelFields(linkDefinition)).parse({}) // => { bandwidth: 1250000000, latency: 50000 }
 */
export function modelFields(definition: PolicyDefinition, options: FieldOptions = {}): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, parameter] of Object.entries(definition.parameters)) {
    const field = parameterField(definition, key, options);
    if (parameter.optional || parameter.default === undefined) {
      shape[key] = field.optional().meta({ description: parameter.description });
      continue;
    }
    const text = parameter.type === "device" ? "" : ` (default ${String(defaultText(parameter))})`;
    shape[key] = field.prefault(defaultText(parameter)).meta({ description: `${parameter.description}${text}` });
  }
  return shape;
}

/**
 * The strict `options` schema of a policy: each declared parameter optional (absent = the
 * policy's default, applied when it is created, so a parsed scenario, and its hash, lists only
 * what the file says), bare numbers in the internal unit. An unknown key is one issue whose
 * message names the key, the policy and the valid keys.
 *
 * @example
 * import { definition as oblDefinition } from "../policies/prefetch/obl.ts";
 * optionsSchema("prefetch", oblDefinition).safeParse({ degre: 3 }).error?.issues[0].message
 * // => 'unknown option "degre" of prefetch policy obl; expected one of degree'
 */
export function optionsSchema(family: string, definition: PolicyDefinition, omit: readonly string[] = []) {
  const shape: Record<string, z.ZodType> = {};
  const keys = Object.keys(definition.parameters).filter((key) => !omit.includes(key));
  for (const key of keys) {
    const parameter = definition.parameters[key];
    const unit = parameter.unit ? `, ${parameter.unit}` : "";
    const fallback = parameter.default === undefined ? "" : `; default ${String(parameter.default)}`;
    shape[key] = parameterField(definition, key, { numbers: "internal" })
      .optional()
      .meta({ description: `${parameter.description}${unit}${fallback}` });
  }
  const valid = keys.length === 0 ? "it takes none" : `expected one of ${keys.join(", ")}`;
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `unknown option "${issue.keys[0]}" of ${family} policy ${definition.name}; ${valid}` : undefined),
  });
}
