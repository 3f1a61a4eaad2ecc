/**
 * `kind: queue-station`: a G/G/c FIFO station on the kernel, with the closed form alongside when
 * one exists (M/M/c by Erlang C, M/G/1 by Pollaczek–Khinchine, hence M/M/1 and M/D/1). Used by
 * the validation scenarios to check the kernel against queueing theory.
 */
import { z } from "zod";
import { makeDistribution } from "../../kernel/distribution-spec.ts";
import { mg1, mmc, type QueueMetrics } from "../../metrics/queueing-theory.ts";
import { runQueueStation } from "../../models/queueing/station.ts";
import { count } from "../../scenario/fields.ts";
import { durationDistributionSchema, toKernelSpec, type DurationDistributionSpec } from "../../scenario/distribution.ts";
import { checkStable, stationNeeds } from "./station-load.ts";
import type { MetricValue, ModelKind, ReplicationContext, ReplicationResult } from "../../contracts/model-kind.ts";

const schema = z.strictObject({
  kind: z.literal("queue-station"),
  servers: count(10_000).default(1).meta({ description: "number of identical servers c" }),
  arrival: durationDistributionSchema.meta({ description: "inter-arrival time distribution" }),
  service: durationDistributionSchema.meta({ description: "service time distribution" }),
  customers: count(1e9).default(100_000).meta({ description: "customers measured per replication" }),
  warmupCustomers: z.number().int().min(0).max(1e9).default(10_000).meta({ description: "customers discarded first (warm-up deletion)" }),
}).superRefine((spec, ctx) => checkStable([spec], spec.servers, ["service"], ctx));

type QueueStationSpec = z.output<typeof schema>;

const NS_PER_MS = 1e6;

/**
 * The closed-form steady state for the station, when theory has one for its distributions.
 *
 * @example
 * analyticQueue({ kind: "queue-station", servers: 1, customers: 1, warmupCustomers: 0,
 *   arrival: { distribution: "exponential", mean: 1.25e6 }, service: { distribution: "constant", value: 1e6 } })?.meanWait
 * // ≈ 2000000 // M/D/1, ns
 */
export function analyticQueue(spec: QueueStationSpec): QueueMetrics | undefined {
  if (spec.arrival.distribution !== "exponential") return undefined;
  const arrivalRate = 1 / spec.arrival.mean;
  const service = makeDistribution(toKernelSpec(spec.service));
  if (arrivalRate * service.mean >= spec.servers) return undefined;
  if (spec.service.distribution === "exponential") return mmc(arrivalRate, service.mean, spec.servers);
  if (spec.servers === 1 && Number.isFinite(service.variance)) return mg1(arrivalRate, service.mean, service.variance);
  return undefined;
}

function runReplication(spec: QueueStationSpec, context: Pick<ReplicationContext, "streams" | "onProgress">): ReplicationResult {
  const result = runQueueStation(
    {
      interarrival: toKernelSpec(spec.arrival as DurationDistributionSpec),
      service: toKernelSpec(spec.service as DurationDistributionSpec),
      servers: spec.servers,
      customers: spec.customers,
      warmUpCustomers: spec.warmupCustomers,
    },
    context.streams,
    // The customers departed (warm-up ones as they arrive) over those planned, for a progress line.
    { fingerprint: true, onProgress: context.onProgress },
  );
  const theory = analyticQueue(spec);
  const metrics: MetricValue[] = [
    { name: "waitMean", unit: "ms", value: result.meanWaitNs / NS_PER_MS, analytic: theory && theory.meanWait / NS_PER_MS, description: "mean time in queue" },
    { name: "responseMean", unit: "ms", value: result.meanResponseNs / NS_PER_MS, analytic: theory && theory.meanResponse / NS_PER_MS, description: "mean time in system" },
    { name: "utilisation", unit: "fraction", value: result.utilisation, analytic: theory?.utilisation, description: "busy server time / (servers × window)" },
    { name: "queueLengthMean", unit: "customers", value: result.meanInQueue, analytic: theory?.meanInQueue, description: "time-average number waiting" },
    { name: "inSystemMean", unit: "customers", value: result.meanInSystem, analytic: theory?.meanInSystem, description: "time-average number in system" },
    { name: "customersServed", unit: "customers", value: result.customersServed },
  ];
  return { metrics, fingerprint: result.fingerprint ?? "", events: result.events };
}

/** The queue-station model kind. */
export const queueStationKind: ModelKind<QueueStationSpec> = {
  kind: "queue-station",
  description: "G/G/c FIFO queue station, with the closed form where one exists (validation)",
  schema,
  runReplication,
  estimate: (spec) => stationNeeds(spec.customers + spec.warmupCustomers),
};
