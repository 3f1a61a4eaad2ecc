import type { ModelDefinition, ParameterDefinition } from "../../util/definitions.ts";

/**
 * One parameter a physical model (device, link, host) declares: the same contract as a policy's
 * (util/definitions.ts, the bottom layer), so the scenario schema is generated the same way for
 * both. `duration` defaults are ns, `size` defaults bytes, `rate` defaults bytes/s.
 */
export type ModelParameter = ParameterDefinition;

/**
 * A model's registry name, description and parameters (util/definitions.ts).
 *
 * @example
 * const definition: ModelDefinition = { name: "x", description: "x", parameters: {} };
 */
export type { ModelDefinition };

/**
 * Fills `options` with the defaults of `definition` and returns a complete parameter record.
 * Keys the definition does not declare are an Error (a programming bug: scenario loading has
 * already rejected unknown keys with an InputError). A parameter with no default that is not
 * given stays absent.
 *
 * @example
 * const def = { name: "x", description: "", parameters: { n: { type: "integer", description: "", default: 2 } } };
 * withDefaults(def, {}) // => { n: 2 }
 */
export function withDefaults<T extends object>(definition: ModelDefinition, options: Partial<T>): T {
  const result: Record<string, unknown> = {};
  for (const [key, parameter] of Object.entries(definition.parameters)) {
    const given = (options as Record<string, unknown>)[key];
    if (given !== undefined) result[key] = given;
    else if (parameter.default !== undefined) result[key] = parameter.default;
  }
  for (const key of Object.keys(options)) {
    if (!(key in definition.parameters)) {
      throw new Error(`${definition.name} has no parameter "${key}"; expected one of ${Object.keys(definition.parameters).join(", ")}`);
    }
  }
  return result as T;
}
