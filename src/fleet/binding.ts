/**
 * Which resource binds a fleet phase: read from the metrics the phase reports (measure.ts, and
 * the restore pipeline's `restore.maDiskBusy` and `restore.maQueue.mean`), averaged over replications.
 *
 * Definition. A throughput resource (media agents' storage, ingest and NICs, the WAN, the VSAs'
 * throughput) binds when its utilisation over the phase is at least `BINDING_THRESHOLD` (0.8);
 * of several, the highest. Otherwise a queue binds when the tasks spent at least
 * `WAIT_THRESHOLD` (0.25) of their time (mean wait + run) in it; of the two, the larger share:
 * the VSA task slots (mean wait for a slot) or, for pipeline restores, the media agents'
 * storage (`restore.maQueue.mean`: the time the VMs' demand reads waited for a fetch slot and
 * then for a disk under the dedup store, per VM). Otherwise nothing binds ("none"): each VM's
 * time is its own latency (mount, boot, unloaded reads), and more capacity of any kind will not
 * shorten it much.
 *
 * Why queues are measured by waiting, not occupancy: a task holds its slot for its whole run, so
 * slots read busy whenever tasks queue, whatever makes each task slow; with a saturated device
 * more slots only share it thinner (Little's law: throughput = tasks in progress / time per
 * task, and the time per task grows with them). And a live mount leaves its slot at power-on,
 * so occupancy over the phase is diluted by the boots that follow. The media agents' disks are
 * diluted the other way: a mass restore mounts for 33 s (disks idle), then every VM boots at
 * once, so the disks can queue every read through the boots and still read busy 0.57 over the
 * phase (mass-restore, 1 media agent, 16 VSAs: demand reads queued 0.54 of the VMs' time, TTS
 * p95 1.99 min; 1.42 with two agents). What more slots or media agents remove is the wait: its
 * share of a task's time is what they can save at most (for the media agents an upper bound:
 * a VM's overlapping reads each count their wait).
 *
 * Why 0.8: utilisation is averaged over the whole phase, the drain at its end included (the
 * last VMs finishing on a part of the fleet), so a resource saturated through the bulk of a
 * restore reads below 1; and at utilisation 0.8 a single server's mean queueing delay is already
 * four service times (M/M/1: ρ/(1−ρ)), the usual knee of the latency curve. Why 0.25 for
 * waits: enough slots or agents would then shorten the tasks' mean time by a quarter or more, a
 * gain a planner acts on; below it, most of each VM's time is its own restore. Both are
 * parameters of `bindingResource` for users who want others.
 */

/** Utilisation at or above which a throughput resource binds (see the module comment). */
export const BINDING_THRESHOLD = 0.8;

/** Share of the tasks' time spent waiting in a queue (VSA slots, media-agent storage) at or above which it binds. */
export const WAIT_THRESHOLD = 0.25;

/** A throughput resource a fleet phase can be bound by, and the metrics (fractions) that measure it. */
interface ResourceMetrics {
  name: string;
  /** The phase's metrics measuring it (the largest present counts). */
  metrics: (phase: string) => string[];
}

/**
 * Throughput resources, in tie-break order. "MA storage" is the pipeline's disks under the
 * dedup store (`restore.maDiskBusy`) or, in the flow model, the media agents' restore read rate.
 * The media agents' ingest and NIC count by their mean and by the busiest agent: a task goes to
 * an agent at its VSA's site (the least busy there), so one agent per site saturates while
 * another site's idles (nightly-backup, 3 agents and 12 VSAs: the first site's ingest 0.93,
 * the mean 0.6), and a saturated agent means its site's are. Not the read rate: one restore
 * stream can take all of a flow agent's read rate while other agents idle.
 */
const THROUGHPUT: readonly ResourceMetrics[] = [
  { name: "MA storage", metrics: (p) => [`${p}.maDiskBusy`, `${p}.maReadUtilisation`] },
  { name: "MA ingest", metrics: (p) => [`${p}.maIngestUtilisation`, `${p}.maIngestUtilisation.max`] },
  { name: "MA NIC", metrics: (p) => [`${p}.maNicUtilisation`, `${p}.maNicUtilisation.max`] },
  { name: "WAN", metrics: (p) => [`${p}.wanUtilisation`] },
  { name: "VSA throughput", metrics: (p) => [`${p}.vsaLinkUtilisation`] },
];

/** The VSA slots' measure: the share of the tasks' time spent waiting for a slot. */
const SLOTS = "VSA slots";

/** The media agents' storage queue's measure (in `measures`): the share of the tasks' time their demand reads spent queued there. */
const MA_QUEUE = "MA queue";

/** The binding resource of one phase. */
export interface Binding {
  phase: string;
  /** The resource that binds, or "none". */
  resource: string;
  /** The binding resource's measure: utilisation, or a wait share (`by: "wait"`); with "none", the busiest throughput resource's utilisation. */
  value: number;
  /** What `value` is: a utilisation, or the share of the tasks' time spent waiting in the resource's queue. */
  by: "utilisation" | "wait";
  /** The busiest throughput resource (of the measured ones). */
  busiest: string;
  /** Every measured resource by name: throughput resources' utilisation; "VSA slots" and (pipeline restores) "MA queue": wait shares. */
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
 * // no slot wait, the disks busy 0.57 over the phase, but the VMs' reads queued 1.1 of their 2 min there
 * bindingResource(m({ "restore.wait.mean": 0, "restore.run.mean": 2, "restore.maDiskBusy": 0.57, "restore.maQueue.mean": 1.1 }), "restore")
 * // => { phase: "restore", resource: "MA storage", value: 0.55, by: "wait", busiest: "MA storage", measures: { "MA storage": 0.57, "VSA slots": 0, "MA queue": 0.55 } }
 */
export function bindingResource(metrics: ReadonlyMap<string, { mean: number }>, phase: string, threshold = BINDING_THRESHOLD, waitThreshold = WAIT_THRESHOLD): Binding | undefined {
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
  const share = (time: number) => (wait + run > 0 ? time / (wait + run) : 0);
  const waitShare = share(wait);
  measures[SLOTS] = waitShare;
  const queued = metrics.get(`${phase}.maQueue.mean`)?.mean;
  const queueShare = queued === undefined ? 0 : Math.min(1, share(queued));
  if (queued !== undefined) measures[MA_QUEUE] = queueShare;
  const top = busiest ?? { name: "", value: 0 };
  const bound = (resource: string, value: number, by: Binding["by"]): Binding => ({ phase, resource, value, by, busiest: top.name, measures });
  if (top.value >= threshold) return bound(top.name, top.value, "utilisation");
  // The larger wait binds; the slots win a tie (they are the first queue a task meets).
  if (queueShare > waitShare && queueShare >= waitThreshold) return bound("MA storage", queueShare, "wait");
  if (waitShare >= waitThreshold) return bound(SLOTS, waitShare, "wait");
  return bound("none", top.value, "utilisation");
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
 * A binding as text: the resource and its measure ("wait" for the slots' wait share, "queue" for
 * the media agents' storage queue), or "none" with the busiest throughput resource and the wait
 * shares; the phase in front when `withPhase`.
 *
 * @example
 * const measures = { "MA storage": 0.934, "VSA slots": 0.1 };
 * bindingLabel({ phase: "restore", resource: "MA storage", value: 0.934, by: "utilisation", busiest: "MA storage", measures }, false) // => "MA storage 0.93"
 * bindingLabel({ phase: "restore", resource: "VSA slots", value: 0.55, by: "wait", busiest: "MA NIC", measures }, false) // => "VSA slots (wait 0.55)"
 * bindingLabel({ phase: "restore", resource: "MA storage", value: 0.54, by: "wait", busiest: "MA storage", measures }, false) // => "MA storage (queue 0.54)"
 * bindingLabel({ phase: "restore", resource: "none", value: 0.42, by: "utilisation", busiest: "MA storage", measures }, true) // => "restore: none (MA storage 0.42, slot wait 0.10)"
 * bindingLabel({ phase: "restore", resource: "none", value: 0.2, by: "utilisation", busiest: "MA storage", measures: { "VSA slots": 0, "MA queue": 0.21 } }, false) // => "none (MA storage 0.20, slot wait 0.00, MA queue 0.21)"
 */
export function bindingLabel(binding: Binding, withPhase: boolean): string {
  const at = withPhase ? `${binding.phase}: ` : "";
  const f = (x: number) => x.toFixed(2);
  if (binding.by === "wait") return `${at}${binding.resource} (${binding.resource === SLOTS ? "wait" : "queue"} ${f(binding.value)})`;
  if (binding.resource !== "none") return `${at}${binding.resource} ${f(binding.value)}`;
  const busiest = binding.busiest === "" ? "" : `${binding.busiest} ${f(binding.value)}, `;
  const queue = binding.measures[MA_QUEUE] === undefined ? "" : `, MA queue ${f(binding.measures[MA_QUEUE])}`;
  return `${at}none (${busiest}slot wait ${f(binding.measures[SLOTS] ?? 0)}${queue})`;
}
