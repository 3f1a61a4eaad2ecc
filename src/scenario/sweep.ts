/**
 * The `sweep:` block of a scenario: a grid (cartesian product) or an explicit list of field
 * overrides, and the number of replications of every point. Values are raw scenario values
 * (`"2ms"`, `4`, `{ device: hdd }`): each point is applied like `--set` and validated with the
 * scenario schema, so a sweep can vary any field, of any model kind.
 */
import { z } from "zod";
import { count } from "./fields.ts";

const fieldValues = z.array(z.unknown()).min(1).max(10_000);

/**
 * Schema of the `sweep:` block. Exactly one of `grid` and `list`.
 *
 * @example
 * sweepSchema.parse({ grid: { "model.servers": [1, 2] }, replications: 5 }).replications // => 5
 */
export const sweepSchema = z
  .strictObject({
    grid: z
      .record(z.string(), fieldValues)
      .optional()
      .meta({ description: 'field path → values; every combination is a point: { "model.servers": [1, 2, 4] }' }),
    list: z
      .array(z.record(z.string(), z.unknown()))
      .min(1)
      .max(100_000)
      .optional()
      .meta({ description: 'explicit points, each a map of field path → value: [{ "model.servers": 1 }, ...]' }),
    frontier: z
      .strictObject({
        x: z.string().min(1).meta({ description: "metric on the x axis (lower is better), e.g. timeToIndependence" }),
        y: z.string().min(1).meta({ description: "metric on the y axis (lower is better), e.g. demandLatencyP99.duringRelocation" }),
      })
      .optional()
      .meta({ description: "also chart every point's mean of two metrics against each other with the Pareto frontier marked (charts/frontier)" }),
    replications: count(100_000)
      .optional()
      .meta({ description: "replications of every point (default: the scenario's replications)" }),
  })
  .refine((sweep) => (sweep.grid === undefined) !== (sweep.list === undefined), {
    message: "exactly one of grid (every combination) or list (explicit points)",
  })
  .meta({ description: "a parameter sweep run by `rtolab sweep`: grid or list of field overrides × variants × replications" });

/** A validated `sweep:` block. */
export type SweepSpec = z.output<typeof sweepSchema>;
