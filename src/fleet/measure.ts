/**
 * Measuring a fleet phase: utilisation of VSAs (busy task slots) and media agents (the busier of
 * NIC and storage) per window, and the phase's scalar metrics.
 */
import type { MetricValue } from "../contracts/model-kind.ts";
import type { Simulation } from "../kernel/simulation.ts";
import type { Link, Network } from "../models/network/network.ts";
import type { FleetTask, MediaAgentState, Vsa } from "./components.ts";
import type { Coordinator } from "./coordinator.ts";
import type { ExecutionCounters } from "./execution.ts";
import { mean, quantile } from "../metrics/statistics.ts";
import { jainIndex, maxOverMean } from "./fairness.ts";
import { InputError } from "../util/errors.ts";

/** One scalar result of a phase: a replication's `MetricValue` (contracts/), reported as is. */
export type FleetMetric = MetricValue;

/** A row of the utilisation table (tidy, for `utilisationOverTime`). */
export interface FleetUtilisationRow {
  phase: string;
  /** End of the window, simulated seconds. */
  timeS: number;
  resource: string;
  utilisation: number;
  [key: string]: string | number;
}

/** Rows of the utilisation table a run may fill (a small object each: about 1 GB at most). */
export const MAX_UTILISATION_ROWS = 5_000_000;

/**
 * Samples utilisation every `interval` ns until stopped, then once more for the partial window.
 *
 * @example
 * import { Fabric, MediaAgentState, Vsa } from "./components.ts";
 * import { generateEstate } from "./estate.ts";
 * const spec = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as FleetSpec;
 * const network = new Network(sim);
 * const fabric = new Fabric(network, spec);
 * const host = generateEstate(spec, new RngStreams("1/0")).hosts[0];
 * const vsas = [new Vsa(0, host, 2, 1e9, fabric, 0, false)];
 * const mas = [new MediaAgentState(0, "a", fabric, spec.mediaAgents, 0)];
 * const sampler = new UtilisationSampler(sim, network, "backup", vsas, mas, 60e9);
 * sampler.start();
 * sim.schedule(90e9, "example.event", () => sampler.stop()); // one full window and a partial one
 * sim.run();
 * sampler.rows.map((row) => `${row.resource} ${row.timeS} s: ${row.utilisation}`)
 * // => ["vsa0 60 s: 0", "ma0 60 s: 0", "vsa0 90 s: 0", "ma0 90 s: 0"] // idle: nothing was submitted
 */
export class UtilisationSampler {
  readonly rows: FleetUtilisationRow[] = [];
  private last = 0;
  private handle = -1;
  private readonly areas = new Map<Vsa, number>();
  private readonly carried = new Map<string, number>();

  constructor(
    private readonly sim: Simulation,
    private readonly network: Network,
    private readonly phase: string,
    private readonly vsas: readonly Vsa[],
    private readonly mediaAgents: readonly MediaAgentState[],
    private readonly interval: number,
  ) {}

  start(): void {
    this.handle = this.sim.schedule(this.interval, "fleet.utilisation-sample", function sampleUtilisation(self: UtilisationSampler) {
      self.sample();
      self.start();
    }, this);
  }

  /** Takes the last (partial) window and stops sampling. */
  stop(): void {
    this.sim.cancel(this.handle);
    if (this.sim.now > this.last) this.sample();
  }

  private sample(): void {
    const now = this.sim.now;
    const span = now - this.last;
    if (this.rows.length >= MAX_UTILISATION_ROWS) {
      throw new InputError("scenario", "model.sampleInterval", `an interval wide enough for at most ${MAX_UTILISATION_ROWS} utilisation rows per run: this run had not finished at ${now / 1e9} s (simulated), sampled every ${this.interval / 1e9} s; a wider sampleInterval, or faster links and devices if the run should be shorter`);
    }
    this.network.sync();
    const timeS = now / 1e9;
    for (const vsa of this.vsas) {
      const area = vsa.streams.area(now);
      const busy = area - (this.areas.get(vsa) ?? 0);
      this.areas.set(vsa, area);
      this.rows.push({ phase: this.phase, timeS, resource: vsa.id, utilisation: busy / (vsa.slots * span) });
    }
    for (const ma of this.mediaAgents) {
      let busiest = 0;
      for (const link of [ma.nic, ma.ingest, ma.read]) {
        const delta = link.bytesCarried - (this.carried.get(link.name) ?? 0);
        this.carried.set(link.name, link.bytesCarried);
        busiest = Math.max(busiest, delta / ((link.bandwidth * span) / 1e9));
      }
      this.rows.push({ phase: this.phase, timeS, resource: ma.id, utilisation: Math.min(1, busiest) });
    }
    this.last = now;
  }
}

/** What `phaseMetrics` reads. */
export interface PhaseMeasures {
  tasks: readonly FleetTask[];
  vsas: readonly Vsa[];
  mediaAgents: readonly MediaAgentState[];
  coordinator: Coordinator;
  counters: ExecutionCounters;
  /** End of the phase, ns. */
  end: number;
  /** The WAN links of an estate with more than one site (`wanUtilisation`); absent with one site. */
  wan?: readonly Link[];
}

const NS_PER_MIN = 60e9;
const GIB = 2 ** 30;

/**
 * The scalar metrics of a phase. Backup: `backupWindow` (h); restore: `tts.p50/p95/p99/max` (min) and
 * `restore.makespan`. Both, prefixed by the phase: wait and run time (mean, p95, min), VSA and
 * media-agent utilisation, imbalance (max/mean, Jain's index over bytes per VSA), bytes crossing
 * sites, VSAs created, tasks reassigned after failures and moved by rebalancing. When every
 * restore's final attempt has a service-ready model band (pipeline restores), the TTS
 * percentiles carry one: the same percentile of the VMs' lower and of their upper ends.
 *
 * @example
 * const coordinator = { created: 0, reassigned: 0, stolen: 0, rebalanced: 0 } as Coordinator; // the counters phaseMetrics reads
 * const measures: PhaseMeasures = { tasks: [], vsas: [], mediaAgents: [], coordinator, counters: { sent: 0, credited: 0, wasted: 0, crossSite: 0 }, end: 0 };
 * phaseMetrics("backup", measures).map((m) => m.name).slice(0, 3) // => ["backupWindow", "backup.wait.mean", "backup.wait.p95"]
 */
export function phaseMetrics(phase: string, m: PhaseMeasures): FleetMetric[] {
  const out: FleetMetric[] = [];
  const add = (name: string, unit: string, value: number, description: string, band: Pick<FleetMetric, "lower" | "upper"> = {}) =>
    out.push({ name, unit, value, ...band, description });
  const done = m.tasks.map((t) => t.completedAt);
  const makespan = done.length > 0 ? Math.max(...done) : 0;
  if (phase === "backup") add("backupWindow", "h", makespan / 3600e9, "time from job start until the last task finished");
  else {
    const tts = done.map((t) => t / NS_PER_MIN);
    const band = ttsBands(m.tasks);
    const of = (statistic: (values: number[]) => number) => (band === null ? {} : { lower: statistic(band.lower), upper: statistic(band.upper) });
    const at = (q: number) => (values: number[]) => quantile(values, q);
    add("tts.p50", "min", quantile(tts, 0.5), "time to service-ready, median over restored VMs", of(at(0.5)));
    add("tts.p95", "min", quantile(tts, 0.95), "time to service-ready, 95th percentile", of(at(0.95)));
    add("tts.p99", "min", quantile(tts, 0.99), "time to service-ready, 99th percentile", of(at(0.99)));
    add("tts.max", "min", Math.max(...tts), "time until the last VM is service-ready", of((values) => Math.max(...values)));
    add("restore.makespan", "min", makespan / NS_PER_MIN, "time until the last restore finished");
  }
  const waits = m.tasks.map((t) => t.firstStart / NS_PER_MIN);
  const runs = m.tasks.map((t) => (t.completedAt - t.firstStart) / NS_PER_MIN);
  add(`${phase}.wait.mean`, "min", mean(waits), "time a task waited for its first slot");
  add(`${phase}.wait.p95`, "min", quantile(waits, 0.95), "95th percentile of waiting");
  add(`${phase}.run.mean`, "min", mean(runs), "first start to completion");
  add(`${phase}.run.p95`, "min", quantile(runs, 0.95), "95th percentile of run time");
  const span = Math.max(1, makespan);
  const slotTime = m.vsas.reduce((sum, v) => sum + v.slots * Math.max(0, span - v.readyAt), 0);
  add(`${phase}.vsaUtilisation`, "fraction", m.vsas.reduce((sum, v) => sum + v.streams.area(span), 0) / Math.max(1, slotTime), "busy task slots over available slot time");
  const carried = (l: Link) => l.bytesCarried / ((l.bandwidth * span) / 1e9);
  const maBusy = m.mediaAgents.map((ma) => Math.max(...[ma.nic, ma.ingest, ma.read].map(carried)));
  add(`${phase}.maUtilisation`, "fraction", mean(maBusy), "media agents' busiest link (NIC or storage), mean over agents");
  // Each throughput resource on its own, so a plan can name the one that binds (fleet/binding.ts).
  const over = <T>(items: readonly T[], link: (item: T) => Link) => (items.length > 0 ? mean(items.map((item) => carried(link(item)))) : 0);
  add(`${phase}.maNicUtilisation`, "fraction", over(m.mediaAgents, (ma) => ma.nic), "bytes over the media agents' NICs (outbound) over their capacity in the phase, mean over agents");
  add(`${phase}.maIngestUtilisation`, "fraction", over(m.mediaAgents, (ma) => ma.ingest), "bytes the media agents ingested (backup writes) over their ingest rate in the phase, mean over agents");
  add(`${phase}.maReadUtilisation`, "fraction", over(m.mediaAgents, (ma) => ma.read), "bytes the media agents read back (the flow model's restore read rate) over that rate in the phase, mean over agents");
  // The busiest agent too: one agent per site can saturate while the others idle (their mean hides it; fleet/binding.ts).
  const busiest = (link: (ma: MediaAgentState) => Link) => (m.mediaAgents.length > 0 ? Math.max(...m.mediaAgents.map((ma) => carried(link(ma)))) : 0);
  add(`${phase}.maNicUtilisation.max`, "fraction", busiest((ma) => ma.nic), "bytes over the busiest media agent's NIC (outbound) over its capacity in the phase");
  add(`${phase}.maIngestUtilisation.max`, "fraction", busiest((ma) => ma.ingest), "bytes the busiest media agent ingested over its ingest rate in the phase");
  add(`${phase}.vsaLinkUtilisation`, "fraction", over(m.vsas, (v) => v.link), "bytes through the VSAs over their throughput in the phase, mean over VSAs");
  if (m.wan !== undefined) add(`${phase}.wanUtilisation`, "fraction", m.wan.length > 0 ? Math.max(...m.wan.map(carried)) : 0, "bytes over the busiest WAN link (one per ordered site pair) over its capacity in the phase");
  const loads = m.vsas.map((v) => v.bytesProcessed);
  add(`${phase}.imbalance.maxMean`, "ratio", maxOverMean(loads), "max over mean of bytes per VSA");
  add(`${phase}.imbalance.jain`, "index", jainIndex(loads), "Jain's fairness index of bytes per VSA (1 = balanced)");
  add(`${phase}.crossSite`, "GiB", m.counters.crossSite / GIB, "bytes moved across sites");
  add(`${phase}.bytes`, "GiB", m.counters.credited / GIB, "bytes moved by the tasks");
  add(`${phase}.wasted`, "GiB", m.counters.wasted / GIB, "bytes of attempts aborted by failures (delivered or cut off in flight; sent again)");
  add(`${phase}.tasks`, "tasks", m.tasks.length, "tasks in the phase");
  add(`${phase}.vsasCreated`, "VSAs", m.coordinator.created, "VSAs created during the phase");
  add(`${phase}.tasksReassigned`, "tasks", m.coordinator.reassigned, "tasks reassigned after a failure");
  add(`${phase}.tasksStolen`, "tasks", m.coordinator.stolen, "queued tasks taken by a VSA that ran out of work");
  add(`${phase}.tasksRebalanced`, "tasks", m.coordinator.rebalanced, "queued tasks moved off a VSA that fell behind");
  return out;
}

/**
 * Each restore's service-ready band (minutes from the phase start), lower and upper ends in
 * task order; null unless every task's final attempt has one.
 */
function ttsBands(tasks: readonly FleetTask[]): { lower: number[]; upper: number[] } | null {
  const lower: number[] = [];
  const upper: number[] = [];
  for (const task of tasks) {
    const band = task.live?.attempt.serviceReadyBandNs?.();
    if (band === undefined) return null;
    lower.push(band.lower / NS_PER_MIN);
    upper.push(band.upper / NS_PER_MIN);
  }
  return lower.length > 0 ? { lower, upper } : null;
}
