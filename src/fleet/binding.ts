/**
 * Which resource binds a fleet phase: read from the metrics the phase reports (measure.ts, and
 * the restore pipeline's `restore.maDiskBusy`), averaged over replications.
 *
 * Definition. A throughput resource (media agents' storage, ingest and NICs, the WAN, the VSAs'
 * throughput) binds when its utilisation over the phase is at least `BINDING_THRESHOLD` (0.8);
 * of several, the highest. The VSA task slots bind when no throughput resource does and the
 * tasks spent at least `SLOT_WAIT_THRESHOLD` (0.25) of their time waiting for a slot (mean wait
 * over mean wait + run). Otherwise nothing binds ("none"): each VM's time is its own latency
 * (mount, boot), and more capacity of any kind will not shorten it much.
 *
 * Why slots are measured by waiting, not occupancy: a task holds its slot for its whole run, so
 * slots read busy whenever tasks queue, whatever makes each task slow; with a saturated device
 * more slots only share it thinner (Little's law: throughput = tasks in progress / time per
 * task, and the time per task grows with them). And a live mount leaves its slot at power-on,
 * so occupancy over the phase is diluted by the boots that follow. What more slots remove is
 * the wait for one: its share of a task's time is what adding VSAs can save at most.
 *
 * Why 0.8: utilisation is averaged over the whole phase, the drain at its end included (the
 * last VMs finishing on a part of the fleet), so a resource saturated through the bulk of a
 * restore reads below 1; and at utilisation 0.8 a single server's mean queueing delay is already
 * four service times (M/M/1: ρ/(1−ρ)), the usual knee of the latency curve. Why 0.25 for slots:
 * enough slots would then shorten the tasks' mean time by a quarter or more, a gain a planner
 * acts on; below it, most of each VM's time is its own restore. Both are parameters of
 * `bindingResource` for users who want others.
 */

/** Utilisation at or above which a throughput resource binds (see the module comment). */
export const BINDING_THRESHOLD = 0.8;

/** Share of the tasks' time spent waiting for a VSA slot at or above which the slots bind. */
export const SLOT_WAIT_THRESHOLD = 0.25;

/** A throughput resource a fleet phase can be bound by, and the metrics (fractions) that measure it. */
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

/** The VSA slots' measure: the share of the tasks' time spent waiting for a slot. */
const SLOTS = "VSA slots";

/** The binding resource of one phase. */
export interface Binding {
  phase: string;
  /** The resource that binds, or "none". */
  resource: string;
  /** The binding resource's measure: utilisation, or for VSA slots the wait share; with "none", the busiest throughput resource's utilisation. */
  value: number;
  /** The busiest throughput resource (of the measured ones). */
  busiest: string;
  /** Every measured resource by name: throughput resources' utilisation, and "VSA slots": the wait share. */
  measures: Record<string, number>;
}

/**
 * The binding resource of `phase` from its metrics' means (`metrics.get(name).mean`), or
 * undefined when the metrics have no phase of that name (`<phase>.wait.mean` or `.run.mean` absent).
 *
 * @example
 * const m = (values: Record<string, number>) => new Map(Object.entries(values).map(([k, v]) => [k, { mean: v }]));
 * const waits = { "restore.wait.mean": 3, "restore.run.mean": 1 }; // tasks waited 3/4 of their time for a slot
 * bindingResource(m({ ...waits, "restore.maNicUtilisation": 0.31, "restore.maReadUtilisation": 0.92 }), "restore")?.resource
 * // => "MA storage" // the slots are full because the storage is slow
 * bindingResource(m({ ...waits, "restore.maNicUtilisation": 0.31 }), "restore")?.resource // => "VSA slots"
 * bindingResource(m({ "restore.wait.mean": 0.1, "restore.run.mean": 1, "restore.maNicUtilisation": 0.31 }), "restore")?.resource // => "none"
 */
export function bindingResource(metrics: ReadonlyMap<string, { mean: number }>, phase: string, threshold = BINDING_THRESHOLD, slotThreshold = SLOT_WAIT_THRESHOLD): Binding | undefined {
  const wait = metrics.get(`${phase}.wait.mean`)?.mean;
  const run = metrics.get(`${phase}.run.mean`)?.mean;
  if (wait === undefined || run === undefined) return undefined;
  const measures: Record<string, number> = {};
  let busiest: { name: string; value: number } | undefined;
  for (const resource of THROUGHPUT) {
    const values = resource.metrics(phase).flatMap((name) => {
      const value = metrics.get(name)?.mean;
      return value === undefined ? [] : [value];
    });
    if (values.length === 0) continue;
    const value = Math.max(...values);
    measures[resource.name] = value;
    // The first of the highest wins a tie (the order of THROUGHPUT).
    if (busiest === undefined || value > busiest.value) busiest = { name: resource.name, value };
  }
  const waitShare = wait + run > 0 ? wait / (wait + run) : 0;
  measures[SLOTS] = waitShare;
  const top = busiest ?? { name: "", value: 0 };
  if (top.value >= threshold) return { phase, resource: top.name, value: top.value, busiest: top.name, measures };
  if (waitShare >= slotThreshold) return { phase, resource: SLOTS, value: waitShare, busiest: top.name, measures };
  return { phase, resource: "none", value: top.value, busiest: top.name, measures };
}

/**
 * The bindings of every fleet phase the metrics report (backup first, then restore).
 *
 * @example
 * const m = new Map([["restore.wait.mean", { mean: 1 }], ["restore.run.mean", { mean: 1 }], ["restore.maNicUtilisation", { mean: 0.2 }]]);
 * fleetBindings(m).map((b) => `${b.phase}: ${b.resource}`) // => ["restore: VSA slots"]
 */
export function fleetBindings(metrics: ReadonlyMap<string, { mean: number }>): Binding[] {
  return ["backup", "restore"].flatMap((phase) => bindingResource(metrics, phase) ?? []);
}

/**
 * A binding as text: the resource and its measure ("wait" for the slots' wait share), or
 * "none" with the busiest throughput resource and the wait share; the phase in front when `withPhase`.
 *
 * @example
 * const measures = { "MA storage": 0.934, "VSA slots": 0.1 };
 * bindingLabel({ phase: "restore", resource: "MA storage", value: 0.934, busiest: "MA storage", measures }, false) // => "MA storage 0.93"
 * bindingLabel({ phase: "restore", resource: "VSA slots", value: 0.55, busiest: "MA NIC", measures }, false) // => "VSA slots (wait 0.55)"
 * bindingLabel({ phase: "restore", resource: "none", value: 0.42, busiest: "MA storage", measures }, true) // => "restore: none (MA storage 0.42, slot wait 0.10)"
 */
export function bindingLabel(binding: Binding, withPhase: boolean): string {
  const at = withPhase ? `${binding.phase}: ` : "";
  const f = (x: number) => x.toFixed(2);
  if (binding.resource === SLOTS) return `${at}${SLOTS} (wait ${f(binding.value)})`;
  if (binding.resource !== "none") return `${at}${binding.resource} ${f(binding.value)}`;
  const busiest = binding.busiest === "" ? "" : `${binding.busiest} ${f(binding.value)}, `;
  return `${at}none (${busiest}slot wait ${f(binding.measures[SLOTS] ?? 0)})`;
}
