/**
 * The offered load of a queueing station, checked when a scenario loads: at ρ ≥ 1 the queue of
 * a station whose arrivals never stop grows without bound, until memory runs out, so such a
 * station is refused with the field to change rather than simulated.
 */
import type { z } from "zod";
import type { ResourceNeed } from "../../contracts/model-kind.ts";
import { makeDistribution } from "../../kernel/distribution-spec.ts";
import { distributionProblem, toKernelSpec, type DurationDistributionSpec } from "../../scenario/distribution.ts";

/**
 * ρ = Σ mean service / (mean inter-arrival × servers) over the classes; Infinity when a mean
 * service is infinite (a Pareto with shape ≤ 1).
 *
 * @example
 * offeredLoad([{ arrival: { distribution: "exponential", mean: 1.25e6 }, service: { distribution: "exponential", mean: 1e6 } }], 1) // => 0.8
 */
export function offeredLoad(classes: readonly { arrival: DurationDistributionSpec; service: DurationDistributionSpec }[], servers: number): number {
  let rho = 0;
  for (const c of classes) rho += makeDistribution(toKernelSpec(c.service)).mean / (makeDistribution(toKernelSpec(c.arrival)).mean * servers);
  return rho;
}

/**
 * Adds an issue at `path` when the load is 1 or more (or not a number).
 *
 * @example
 * const issues: unknown[] = [];
 * checkStable([{ arrival: { distribution: "constant", value: 1e6 }, service: { distribution: "constant", value: 2e6 } }], 1, ["service"], { addIssue: (i: unknown) => issues.push(i) } as never);
 * (issues[0] as { message: string }).message // => "a stable station: offered load ρ = mean service / (mean inter-arrival × servers) below 1, got 2 (the queue would grow without bound)"
 */
export function checkStable(
  classes: readonly { arrival: DurationDistributionSpec; service: DurationDistributionSpec }[],
  servers: number,
  path: PropertyKey[],
  ctx: z.core.$RefinementCtx,
): void {
  // zod runs this even when a distribution already has an issue: that one is the message to show.
  if (classes.some((c) => distributionProblem(c.arrival) || distributionProblem(c.service))) return;
  const rho = offeredLoad(classes, servers);
  if (rho < 1) return;
  const shown = Number.isFinite(rho) ? Number(rho.toPrecision(4)) : rho;
  ctx.addIssue({ code: "custom", path, message: `a stable station: offered load ρ = mean service / (mean inter-arrival × servers) below 1, got ${shown} (the queue would grow without bound)` });
}

/** Per customer: its arrival and start times (two doubles in growing arrays, with slack). */
const BYTES_PER_CUSTOMER = 32;
/** Per customer: an arrival and a departure. */
const EVENTS_PER_CUSTOMER = 2;

/**
 * What a station replication of `customers` (measured plus warm-up) holds and executes: the
 * station keeps every customer's arrival and start time until the run ends.
 *
 * @example
 * stationNeeds(1_000_000)[0].bytes // => 32000000
 */
export function stationNeeds(customers: number): ResourceNeed[] {
  return [{ field: "model.customers", what: `${customers} customers (measured and warm-up)`, bytes: customers * BYTES_PER_CUSTOMER, events: customers * EVENTS_PER_CUSTOMER }];
}
