import { InputError } from "../util/errors.ts";

/** One parameter a policy declares: its type, unit, default and meaning. */
export interface ParameterDefinition {
  type: "number" | "integer" | "boolean" | "string" | "size" | "duration" | "rate";
  description: string;
  default?: number | boolean | string;
  /** For numbers: inclusive bounds. */
  minimum?: number;
  maximum?: number;
  /** For strings: allowed values. */
  enum?: readonly string[];
}

/** What a policy declares about itself: its registry name and parameters. */
export interface PolicyDefinition {
  name: string;
  description: string;
  parameters: Record<string, ParameterDefinition>;
}

/** A policy factory plus its definition, as registered. */
export interface PolicyEntry<T, Options = Record<string, unknown>> {
  definition: PolicyDefinition;
  create(options: Options): T;
}

/**
 * A registry from policy name to factory, one per policy family. Built from one barrel file, so
 * adding a policy is one file plus one line.
 *
 * @example
 * const registry = new PolicyRegistry("cache", [lruEntry]);
 * registry.get("lru").definition.name // => "lru"
 */
export class PolicyRegistry<T, Options = Record<string, unknown>> {
  private readonly entries = new Map<string, PolicyEntry<T, Options>>();

  constructor(
    readonly family: string,
    entries: readonly PolicyEntry<T, Options>[],
  ) {
    for (const entry of entries) {
      if (this.entries.has(entry.definition.name)) {
        throw new Error(`${family} policy "${entry.definition.name}" registered twice`);
      }
      this.entries.set(entry.definition.name, entry);
    }
  }

  /** All registered names, in registration order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /**
   * The entry for `name`; throws an {@link InputError} listing the valid names when unknown.
   * `source` and `where` say where the name came from, for the error message.
   */
  get(name: string, source = "policy", where = ""): PolicyEntry<T, Options> {
    const entry = this.entries.get(name);
    if (!entry) {
      throw new InputError(source, where, `unknown ${this.family} policy "${name}"; expected one of ${this.names().join(", ")}`);
    }
    return entry;
  }

  definitions(): PolicyDefinition[] {
    return [...this.entries.values()].map((entry) => entry.definition);
  }
}

/**
 * The numeric parameter `key` of a policy of `family`: `options[key]`, or the definition's
 * default when absent. Throws an {@link InputError} naming the family, policy and parameter when
 * the value is not a number within the definition's bounds (or not an integer for integer
 * parameters; Infinity counts as an integer).
 *
 * @example
 * numberParameter("scheduling", { maxWaitNs: 5 }, strictPriorityDefinition, "maxWaitNs") // => 5
 * numberParameter("prefetch", {}, oblDefinition, "degree")                            // => 1 // the default
 */
export function numberParameter(family: string, options: { readonly [key: string]: unknown }, definition: PolicyDefinition, key: string): number {
  const parameter = definition.parameters[key];
  if (!parameter) throw new Error(`${family} policy ${definition.name} declares no parameter "${key}"`);
  const value = options[key] ?? parameter.default;
  const integer = parameter.type === "integer";
  if (
    typeof value === "number" &&
    !Number.isNaN(value) &&
    (!integer || Number.isInteger(value) || value === Infinity) &&
    (parameter.minimum === undefined || value >= parameter.minimum) &&
    (parameter.maximum === undefined || value <= parameter.maximum)
  ) {
    return value;
  }
  const lower = parameter.minimum === undefined ? "" : ` >= ${parameter.minimum}`;
  const upper = parameter.maximum === undefined ? "" : ` <= ${parameter.maximum}`;
  throw new InputError(family, `${definition.name}.${key}`, `${integer ? "an integer" : "a number"}${lower}${upper}, got ${String(value)}`);
}
