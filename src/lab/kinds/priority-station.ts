/**
 * `kind: priority-station`: one server, customer classes in priority order (the first is the most
 * important), non-preemptive or preemptive-resume; with the closed forms alongside when every
 * class has Poisson arrivals (Cobham's formula, the M/G/1 preemptive-resume formula). Used by
 * the validation scenarios to check the kernel against priority queueing theory.
 */
import { z } from "zod";
import { makeDistribution } from "../../kernel/distribution-spec.ts";
import { nonPreemptivePriority, preemptiveResumePriority, type PriorityClassLoad, type PriorityClassMetrics } from "../../metrics/queueing-theory.ts";
import { PRIORITY_DISCIPLINES, runPriorityStation, type PriorityDiscipline } from "../../models/queueing/priority-station.ts";
import { count } from "../../scenario/fields.ts";
import { durationDistributionSchema, toKernelSpec } from "../../scenario/distribution.ts";
import { checkStable, stationNeeds } from "./station-load.ts";
import type { MetricValue, ModelKind, ReplicationContext, ReplicationResult } from "../../contracts/model-kind.ts";

const classSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z_]\w{0,31}$/, { message: "a class name of letters, digits and _ (it becomes part of metric names, e.g. waitMean.high)" })
    .meta({ description: "class name, used in metric names (waitMean.<name>)" }),
  arrival: durationDistributionSchema.meta({ description: "inter-arrival time distribution of this class" }),
  service: durationDistributionSchema.meta({ description: "service time distribution of this class" }),
});

const schema = z.strictObject({
  kind: z.literal("priority-station"),
  discipline: z
    .enum(PRIORITY_DISCIPLINES as [PriorityDiscipline, ...PriorityDiscipline[]])
    .meta({ description: "non-preemptive: finish the customer in service; preemptive-resume: a more important arrival evicts it, it resumes later" }),
  classes: z
    .array(classSchema)
    .min(1)
    .max(16)
    .superRefine((classes, ctx) => {
      const seen = new Set<string>();
      classes.forEach((c, i) => {
        if (seen.has(c.name)) ctx.addIssue({ code: "custom", message: `a class name used once (${c.name} is repeated)`, path: [i, "name"] });
        seen.add(c.name);
      });
    })
    .meta({ description: "customer classes, most important first" }),
  customers: count(1e9).default(100_000).meta({ description: "customers measured per replication (all classes)" }),
  warmupCustomers: z.number().int().min(0).max(1e9).default(10_000).meta({ description: "customers discarded first (warm-up deletion)" }),
}).superRefine((spec, ctx) => checkStable(spec.classes, 1, ["classes"], ctx));

type PriorityStationSpec = z.output<typeof schema>;

const NS_PER_MS = 1e6;

/**
 * The closed-form per-class steady state, when every class has Poisson arrivals, a service time
 * of finite variance and the total load is below 1 (times in ns).
 *
 * @example
 * analyticPriority({ kind: "priority-station", discipline: "non-preemptive", customers: 1, warmupCustomers: 0, classes: [
 *   { name: "high", arrival: { distribution: "exponential", mean: 4e6 }, service: { distribution: "exponential", mean: 1e6 } },
 *   { name: "low", arrival: { distribution: "exponential", mean: 2e6 }, service: { distribution: "exponential", mean: 1e6 } }] })?.map((c) => c.meanWait)
 * // => [1000000, 4000000] // ρ = 0.25 + 0.5, W0 = 0.75 ms
 */
export function analyticPriority(spec: PriorityStationSpec): PriorityClassMetrics[] | undefined {
  const loads: PriorityClassLoad[] = [];
  let total = 0;
  for (const c of spec.classes) {
    if (c.arrival.distribution !== "exponential" || !(c.arrival.mean > 0)) return undefined;
    const service = makeDistribution(toKernelSpec(c.service));
    if (!(service.mean > 0) || !Number.isFinite(service.variance)) return undefined;
    loads.push({ arrivalRate: 1 / c.arrival.mean, meanService: service.mean, serviceVariance: service.variance });
    total += service.mean / c.arrival.mean;
  }
  if (!(total < 1)) return undefined;
  return spec.discipline === "non-preemptive" ? nonPreemptivePriority(loads) : preemptiveResumePriority(loads);
}

function runReplication(spec: PriorityStationSpec, context: Pick<ReplicationContext, "streams" | "onProgress">): ReplicationResult {
  const result = runPriorityStation(
    {
      classes: spec.classes.map((c) => ({ interarrival: toKernelSpec(c.arrival), service: toKernelSpec(c.service) })),
      discipline: spec.discipline,
      customers: spec.customers,
      warmUpCustomers: spec.warmupCustomers,
    },
    context.streams,
    // The customers departed (warm-up ones as they arrive) over those planned, for a progress line.
    { fingerprint: true, onProgress: context.onProgress },
  );
  const theory = analyticPriority(spec);
  const perClass = (name: string, unit: string, description: string, value: (k: number) => number, analytic?: (t: PriorityClassMetrics) => number): MetricValue[] =>
    spec.classes.map((c, k) => {
      const exact = theory && analytic ? analytic(theory[k]) : undefined;
      return { name: `${name}.${c.name}`, unit, value: value(k), ...(exact !== undefined ? { analytic: exact } : {}), description: `${description} of class ${c.name}` };
    });
  const metrics: MetricValue[] = [
    ...perClass("waitMean", "ms", "mean time waiting (response − own service)", (k) => result.classes[k].meanWaitNs / NS_PER_MS, (t) => t.meanWait / NS_PER_MS),
    ...perClass("responseMean", "ms", "mean time in system", (k) => result.classes[k].meanResponseNs / NS_PER_MS, (t) => t.meanResponse / NS_PER_MS),
    ...perClass("utilisation", "fraction", "server time share", (k) => result.classes[k].utilisation, (t) => t.utilisation),
    { name: "utilisation", unit: "fraction", value: result.utilisation, analytic: theory?.reduce((sum, t) => sum + t.utilisation, 0), description: "busy server time / window" },
    ...perClass("customersServed", "customers", "measured customers served", (k) => result.classes[k].customersServed),
    { name: "customersServed", unit: "customers", value: result.customersServed },
    { name: "preemptions", unit: "services", value: result.preemptions, description: "services interrupted by a more important arrival" },
  ];
  return { metrics, fingerprint: result.fingerprint ?? "", events: result.events };
}

/** The priority-station model kind. */
export const priorityStationKind: ModelKind<PriorityStationSpec> = {
  kind: "priority-station",
  description: "single-server priority queue (non-preemptive or preemptive-resume), with the closed forms for Poisson arrivals (validation)",
  schema,
  runReplication,
  estimate: (spec) => stationNeeds(spec.customers + spec.warmupCustomers),
};
