/**
 * One registry per policy family, built from the family's index.ts (one line per policy) and
 * open to library users (`registerPolicy`, ../policies/families.ts). The scenario schema of a
 * family's section is generated here from the members' definitions: `policy` + `options` is a
 * discriminated union on the policy name, each `options` strict.
 */
import { z } from "zod";
import { optionsSchema } from "../util/definition-schema.ts";
import type { ParameterValue, PolicyDefinition, PolicyEntry } from "../util/definitions.ts";
import { resolveParameters } from "../util/definitions.ts";
import { InputError } from "../util/errors.ts";

export type { InputDefinition, ParameterDefinition, ParameterType, ParameterValue, ParameterValues, PolicyDefinition, PolicyEntry } from "../util/definitions.ts";
/**
 * The numeric parameter of a policy (moved to util/definitions.ts; re-exported for the policies).
 *
 * @example
 * import { definition as oblDefinition } from "./prefetch/obl.ts";
 * numberParameter("prefetch", {}, oblDefinition, "degree") // => 1
 */
export { numberParameter, parameterValue } from "../util/definitions.ts";

/** A section's parsed `options`: declared parameters only, as the file gave them. */
export type PolicyOptionsRecord = Record<string, ParameterValue>;

/** How a family's scenario section is shaped (see {@link PolicyRegistry.selection}). */
export interface SelectionSpec<K extends string, F extends z.ZodRawShape> {
  /** The discriminating field (default `"policy"`; the relocation section says `"scheme"`). */
  key?: K;
  /** The policy used when the section does not name one. */
  default: string;
  /** The section's other fields, the same for every policy. */
  fields?: F;
  /** Registered names the section does not offer (internal members). */
  exclude?: readonly string[];
  /** Parameters that live beside `options` (`fields`), not in it. */
  omit?: readonly string[];
  /**
   * `"default"`: `options` defaults to `{}` in the parsed section; `"optional"`: absent stays
   * absent (for sections that had no `options` before, so a parsed scenario's hash is unchanged).
   */
  options?: "default" | "optional";
  description?: string;
}

/** The parsed section: the chosen name under `K`, its options, and the shared fields. */
export type SelectionOutput<K extends string, F extends z.ZodRawShape> = { [P in K]: string } & { options?: PolicyOptionsRecord } & z.output<z.ZodObject<F>>;

/**
 * A registry from policy name to entry, one per policy family. Built from one barrel file, so
 * adding a policy is one file plus one line; library users add theirs with `register` (before the
 * first scenario is loaded: the generated schema is fixed from then on).
 *
 * @example
 * import { lruEntry } from "./cache/algorithms/lru.ts";
 * const registry = new PolicyRegistry("cache", [lruEntry]);
 * registry.get("lru").definition.name // => "lru"
 */
export class PolicyRegistry<T, Options = Record<string, unknown>> {
  private readonly entries = new Map<string, PolicyEntry<T, Options>>();
  /** Set once a generated schema was resolved: registering later would not reach it. */
  private sealed = false;

  constructor(
    readonly family: string,
    entries: readonly PolicyEntry<T, Options>[],
    /** Keys the family passes to every member (a cache's capacity), never a member's parameter. */
    readonly familyKeys: readonly string[] = [],
  ) {
    for (const entry of entries) this.register(entry);
  }

  /**
   * Adds `entry` under its definition's name. Throws when the name is taken or when a scenario
   * schema was already generated from this registry (register before loading a scenario).
   *
   * @example
   * const registry = new PolicyRegistry("prefetch", []);
   * class Mine { onDemandRead() {} }
   * registry.register({ definition: { name: "mine", description: "mine", parameters: {} }, create: () => new Mine() });
   * registry.has("mine") // => true
   */
  register(entry: PolicyEntry<T, Options>): void {
    const name = entry.definition.name;
    if (this.entries.has(name)) throw new Error(`${this.family} policy "${name}" registered twice`);
    if (this.sealed) throw new Error(`${this.family} policy "${name}" registered after a scenario schema was generated; register policies before loading a scenario`);
    this.entries.set(name, entry);
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

  /**
   * Creates the policy `name` from `options`: its declared parameters validated and defaulted
   * (an InputError names `<where>.<key>` for an unknown key or a bad value), the inputs and
   * family keys passed on as given.
   *
   * @example
   * prefetchPolicies.create("obl", { degree: 2 }).degree // => 2
   */
  create(name: string, options: Readonly<Record<string, unknown>> = {}, where = name): T {
    const entry = this.get(name, this.family, where);
    return entry.create(resolveParameters(this.family, entry.definition, options, this.familyKeys, where) as Options);
  }

  /**
   * Whether policy `name` declares input `key` as required (what the framework must prepare).
   *
   * @example
   * prefetchPolicies.needsInput("profile", "profile") // => true
   */
  needsInput(name: string, key: string): boolean {
    return this.get(name, this.family).definition.inputs?.[key]?.required === true;
  }

  definitions(): PolicyDefinition[] {
    return [...this.entries.values()].map((entry) => entry.definition);
  }

  /**
   * The scenario section choosing one policy of this family: a discriminated union on `key`,
   * one strict object per offered policy with `key`, its strict `options` and the shared
   * `fields`. Generated when first used, so policies registered before then are in it.
   *
   * @example
   * prefetchPolicies.selection({ default: "none" }).parse({ policy: "obl", options: { degree: 2 } }) // => { policy: "obl", options: { degree: 2 } }
   */
  selection<const K extends string = "policy", F extends z.ZodRawShape = Record<never, never>>(spec: SelectionSpec<K, F>): z.ZodType<SelectionOutput<K, F>, unknown> {
    const key = (spec.key ?? "policy") as K;
    const build = () => {
      this.sealed = true;
      const offered = this.names().filter((name) => !(spec.exclude ?? []).includes(name));
      if (!offered.includes(spec.default)) throw new Error(`${this.family}: default policy "${spec.default}" is not offered`);
      const variants = offered.map((name) => {
        const definition = this.entries.get(name)?.definition as PolicyDefinition;
        const options = optionsSchema(this.family, definition, spec.omit);
        const discriminator = name === spec.default ? z.literal(name).default(name) : z.literal(name);
        return z
          .strictObject({
            ...(spec.fields ?? {}),
            [key]: discriminator.meta({ description: `${this.family} policy (default ${spec.default})` }),
            options: (spec.options === "optional" ? options.optional() : options.default({})).meta({ description: `parameters of ${name} (docs/parameters.md)` }),
          })
          .meta({ description: definition.description });
      });
      return z.discriminatedUnion(key, variants as unknown as [z.ZodObject, ...z.ZodObject[]]);
    };
    const schema = z.lazy(build);
    return (spec.description ? schema.meta({ description: spec.description }) : schema) as unknown as z.ZodType<SelectionOutput<K, F>, unknown>;
  }
}
