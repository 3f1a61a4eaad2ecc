/**
 * Which resource binds a fleet phase: read from the utilisation metrics the phase reports
 * (measure.ts, and the restore pipeline's `restore.maDiskBusy`), averaged over replications.
 *
 * Definition. A throughput resource (media agents' storage, ingest and NICs, the WAN, the VSAs'
 * throughput) binds when its utilisation over the phase is at least `BINDING_THRESHOLD` (0.8);
 * of several, the highest. VSA task slots bind only when no throughput resource does and their
 * occupancy is at least the threshold. Otherwise nothing binds ("none"): the phase's length is
 * set by each VM's own latency (a boot, a mount), and more capacity of any kind will not
 * shorten it much.
 *
 * Why slots come last: a task holds its slot for its whole run, so slots read busy whenever
 * tasks queue, whatever makes each task slow; when a device or link is saturated, more slots
 * only share it thinner (Little's law: throughput = tasks in progress / time per task, and the
 * time per task grows with them). Slots are the constraint only when they are full and the
 * throughput resources are not.
 *
 * Why 0.8: utilisation is averaged over the whole phase, the drain at its end included (the
 * last VMs finishing on a part of the fleet), so a resource saturated through the bulk of a
 * restore reads below 1; and at utilisation 0.8 a single server's mean queueing delay is already
 * four service times (M/M/1: ρ/(1−ρ)), the usual knee of the latency curve. The threshold is a
 * parameter of `bindingResource` for users who want another.
 */

/** Utilisation at or above which a resource is said to bind (see the module comment). */
export const BINDING_THRESHOLD = 0.8;

/** A resource a fleet phase can be bound by, and the metrics (fractions) that measure it. */
interface ResourceMetrics {
  name: string;
  /** The phase's metrics measuring it (the largest present counts). */
  metrics: (phase: string) => string[];
}

/**
 * Throughput resources, in tie-break order. "MA storage" is the pipeline's disks under the
 * dedup store (`restore.maDiskBusy`) or, in the flow model, the media agents' restore read rate.
 */
const THROUGHPUT: readonly ResourceMetrics[] = [
  { name: "MA storage", metrics: (p) => [`${p}.maDiskBusy`, `${p}.maReadUtilisation`] },
  { name: "MA ingest", metrics: (p) => [`${p}.maIngestUtilisation`] },
  { name: "MA NIC", metrics: (p) => [`${p}.maNicUtilisation`] },
  { name: "WAN", metrics: (p) => [`${p}.wanUtilisation`] },
  { name: "VSA throughput", metrics: (p) => [`${p}.vsaLinkUtilisation`] },
];
const SLOTS: ResourceMetrics = { name: "VSA slots", metrics: (p) => [`${p}.vsaUtilisation`] };

/** The binding resource of one phase. */
export interface Binding {
  phase: string;
  /** The resource that binds, or "none" when no utilisation reaches the threshold. */
  resource: string;
  /** Utilisation of the binding resource; with "none", that of the busiest one. */
  utilisation: number;
  /** The busiest resource (the binding one unless "none"). */
  busiest: string;
  /** Every resource the metrics measure, by name: its utilisation. */
  utilisations: Record<string, number>;
}

/**
 * The binding resource of `phase` from its metrics' means (`metrics.get(name).mean`), or
 * undefined when the metrics have no phase of that name (`<phase>.vsaUtilisation` absent).
 *
 * @example
 * const m = (values: Record<string, number>) => new Map(Object.entries(values).map(([k, v]) => [k, { mean: v }]));
 * bindingResource(m({ "restore.vsaUtilisation": 0.97, "restore.maNicUtilisation": 0.31, "restore.maReadUtilisation": 0.92 }), "restore")?.resource
 * // => "MA storage" // slots are full because the storage is slow
 * bindingResource(m({ "restore.vsaUtilisation": 0.97, "restore.maNicUtilisation": 0.31 }), "restore")?.resource // => "VSA slots"
 * bindingResource(m({ "restore.vsaUtilisation": 0.45, "restore.maNicUtilisation": 0.31 }), "restore")?.resource // => "none"
 */
export function bindingResource(metrics: ReadonlyMap<string, { mean: number }>, phase: string, threshold = BINDING_THRESHOLD): Binding | undefined {
  if (!metrics.has(SLOTS.metrics(phase)[0])) return undefined;
  const utilisations: Record<string, number> = {};
  const measured: { name: string; value: number }[] = [];
  for (const resource of [...THROUGHPUT, SLOTS]) {
    const values = resource.metrics(phase).flatMap((name) => {
      const value = metrics.get(name)?.mean;
      return value === undefined ? [] : [value];
    });
    if (values.length === 0) continue;
    const value = Math.max(...values);
    utilisations[resource.name] = value;
    measured.push({ name: resource.name, value });
  }
  // The first of the highest wins a tie (the order of THROUGHPUT).
  const highest = (list: readonly { name: string; value: number }[]) =>
    list.reduce<{ name: string; value: number } | undefined>((best, r) => (best === undefined || r.value > best.value ? r : best), undefined);
  const throughput = highest(measured.filter((r) => r.name !== SLOTS.name));
  const slots = measured.find((r) => r.name === SLOTS.name) as { name: string; value: number };
  const busiest = highest(measured) as { name: string; value: number };
  const binds = throughput !== undefined && throughput.value >= threshold ? throughput : slots.value >= threshold ? slots : undefined;
  return binds === undefined
    ? { phase, resource: "none", utilisation: busiest.value, busiest: busiest.name, utilisations }
    : { phase, resource: binds.name, utilisation: binds.value, busiest: busiest.name, utilisations };
}

/**
 * The bindings of every fleet phase the metrics report (backup first, then restore).
 *
 * @example
 * const m = new Map([["restore.vsaUtilisation", { mean: 0.9 }], ["restore.maNicUtilisation", { mean: 0.2 }]]);
 * fleetBindings(m).map((b) => `${b.phase}: ${b.resource}`) // => ["restore: VSA slots"]
 */
export function fleetBindings(metrics: ReadonlyMap<string, { mean: number }>, threshold = BINDING_THRESHOLD): Binding[] {
  return ["backup", "restore"].flatMap((phase) => bindingResource(metrics, phase, threshold) ?? []);
}

/**
 * A binding as text: the resource and its utilisation, or "none" with the busiest one; the phase
 * in front when `withPhase`.
 *
 * @example
 * bindingLabel({ phase: "restore", resource: "MA storage", utilisation: 0.934, busiest: "MA storage", utilisations: {} }, false) // => "MA storage 0.93"
 * bindingLabel({ phase: "restore", resource: "none", utilisation: 0.42, busiest: "VSA slots", utilisations: {} }, true) // => "restore: none (busiest VSA slots 0.42)"
 */
export function bindingLabel(binding: Binding, withPhase: boolean): string {
  const at = withPhase ? `${binding.phase}: ` : "";
  const u = binding.utilisation.toFixed(2);
  return binding.resource === "none" ? `${at}none (busiest ${binding.busiest} ${u})` : `${at}${binding.resource} ${u}`;
}
