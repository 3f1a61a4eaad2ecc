/**
 * What a physical model (device, link, host) declares about itself, in the same shape as a
 * policy's `PolicyDefinition`, so the scenario schema is generated the same way for both.
 * Models sit above policies in the layer order, so the shape is restated here, not imported.
 */

/** One parameter a model declares: its type, unit, default and meaning. */
export interface ModelParameter {
  /** `duration` defaults are ns, `size` defaults bytes, `rate` defaults bytes/s. */
  type: "number" | "integer" | "boolean" | "string" | "size" | "duration" | "rate";
  description: string;
  default?: number | boolean | string;
  minimum?: number;
  maximum?: number;
  enum?: readonly string[];
}

/** A model's registry name, description and parameters. */
export interface ModelDefinition {
  name: string;
  description: string;
  parameters: Record<string, ModelParameter>;
}

/**
 * Fills `options` with the defaults of `definition` and returns a complete parameter record.
 * Keys the definition does not declare are an Error (a programming bug: scenario loading has
 * already rejected unknown keys with an InputError); so is a required parameter left out.
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
