/**
 * The metrics and tables of one restore replication, each metric with its unit.
 */
import { InvariantError } from "../../../util/errors.ts";
import { READ_SOURCES, RESTORE_PHASES, type LatencyHistogram } from "../../../restore/metrics.ts";
import type { MetricValue, Table } from "../../model-kind.ts";
import type { RestoreWorld } from "./build.ts";

const S = 1e9;
const MS = 1e6;
const MIB = 2 ** 20;

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function latencyMetrics(prefix: string, h: LatencyHistogram, what: string): MetricValue[] {
  if (h.count === 0) return [];
  return [
    { name: `${prefix}P50`, unit: "ms", value: h.percentile(0.5) / MS, description: `median ${what}` },
    { name: `${prefix}P95`, unit: "ms", value: h.percentile(0.95) / MS, description: `95th percentile ${what}` },
    { name: `${prefix}P99`, unit: "ms", value: h.percentile(0.99) / MS, description: `99th percentile ${what}` },
    { name: `${prefix}Max`, unit: "ms", value: h.max / MS, description: `largest ${what}` },
  ];
}

/**
 * Checks that every guest request issued was completed (the kernel ran dry, so one left over was
 * lost); throws an InvariantError naming the VM otherwise.
 */
export function checkRequestsAccounted(world: RestoreWorld): void {
  for (const restore of world.restores) {
    for (const replay of [restore.boot, restore.servicePhase]) {
      if (replay !== null && replay.issued !== replay.completed) {
        throw new InvariantError(`${restore.parts.vm.name}: at t=${world.sim.now} ns, ${replay.issued - replay.completed} guest request(s) issued and never completed`);
      }
    }
  }
}

/**
 * The scalar results of a finished replication.
 *
 * @example
 * restoreMetrics(world).find((m) => m.name === "tts")?.unit // => "s"
 */
export function restoreMetrics(world: RestoreWorld): MetricValue[] {
  const { restores, latencies, agents, sim } = world;
  const tts = restores.map((r) => r.parts.vm.timeTo("serviceReady")).filter((t): t is number => t !== undefined).map((t) => t / S);
  const tti = restores.map((r) => r.parts.vm.timeTo("switchedOver")).filter((t): t is number => t !== undefined).map((t) => t / S);
  const metrics: MetricValue[] = [{ name: "tts", unit: "s", value: mean(tts), description: "time to service: restore request to service ready (mean over VMs)" }];
  if (tts.length > 1) {
    metrics.push({ name: "ttsP50", unit: "s", value: quantile(tts, 0.5), description: "median TTS over VMs" });
    metrics.push({ name: "ttsP95", unit: "s", value: quantile(tts, 0.95), description: "95th percentile TTS over VMs" });
    metrics.push({ name: "ttsMax", unit: "s", value: Math.max(...tts), description: "slowest VM's TTS" });
  }
  if (tti.length > 0) metrics.push({ name: "timeToIndependence", unit: "s", value: mean(tti), description: "restore request to switch-over (mean over VMs)" });
  metrics.push(...latencyMetrics("demandLatency", latencies.overall, "demand read latency"));
  for (const phase of RESTORE_PHASES) {
    const h = latencies.byPhase[phase];
    if (h.count > 0) metrics.push({ name: `demandLatencyP99.${phase}`, unit: "ms", value: h.percentile(0.99) / MS, description: `p99 demand read latency, ${phase} (${h.count} reads)` });
  }
  for (const source of READ_SOURCES) {
    const h = latencies.bySource[source];
    if (h.count > 0) metrics.push({ name: `demandLatencyP99.${source}`, unit: "ms", value: h.percentile(0.99) / MS, description: `p99 demand read latency served from ${source} (${h.count} reads)` });
  }
  let fetched = 0;
  let prestageInserted = 0;
  let prestageRead = 0;
  let demandMissed = 0;
  let onTime = 0;
  let late = 0;
  for (const { service, tracker } of agents) {
    const s = service.stats;
    fetched += s.fetches * service.options.chunkSize;
    prestageInserted += tracker.stats.insertedByClass.prestage;
    prestageRead += tracker.stats.firstReadsByClass.prestage;
    demandMissed += s.demandMissed;
    onTime += s.prestageOnTime;
    late += s.prestageLate;
  }
  const chunk = agents[0]?.service.options.chunkSize ?? 0;
  const fromMa = restores.reduce((sum, r) => sum + (r.io?.stats.bytesFromMediaAgent ?? 0), 0);
  // Everything the media agents delivered: guest reads plus the relocation's copies. Relative to
  // guest reads alone the ratio explodes once relocation pre-staging fetches the whole disk.
  const delivered = fromMa + restores.reduce((sum, r) => sum + (r.copier?.bytesCopied ?? 0), 0);
  metrics.push({ name: "bytesFromSecondary", unit: "MiB", value: fetched / MIB, description: "chunk bytes fetched from secondary storage (all classes)" });
  metrics.push({ name: "readAmplification", unit: "ratio", value: delivered > 0 ? fetched / delivered : 0, description: "bytes fetched from secondary storage (all classes) per byte the media agents delivered (guest reads and relocation copies)" });
  if (prestageInserted > 0) {
    metrics.push({ name: "prestageAccuracy", unit: "fraction", value: prestageRead / prestageInserted, description: "pre-staged chunks later read by the guest" });
    metrics.push({ name: "prestageCoverage", unit: "fraction", value: prestageRead / Math.max(1, prestageRead + demandMissed), description: "demand-needed chunks brought in by pre-staging" });
    metrics.push({ name: "prestageTimeliness", unit: "fraction", value: onTime + late > 0 ? onTime / (onTime + late) : 0, description: "demand reads of pre-staged chunks that found them ready" });
    metrics.push({ name: "prestageWastedBytes", unit: "MiB", value: ((prestageInserted - prestageRead) * chunk) / MIB, description: "pre-staged chunk bytes never read by the guest" });
  }
  const rates = restores.filter((r) => r.copier !== null && r.copier.finishedAt > r.copier.startedAt).map((r) => {
    const c = r.copier!;
    return c.bytesCopied / MIB / ((c.finishedAt - c.startedAt) / S);
  });
  if (rates.length > 0) metrics.push({ name: "relocationThroughput", unit: "MiB/s", value: mean(rates), description: "bytes copied per second of relocation (mean over VMs)" });
  const elapsed = Math.max(1, sim.now);
  world.network.sync();
  metrics.push({ name: "mediaAgentCpu", unit: "fraction", value: mean(agents.map((a) => a.agent.cpu.utilisation())), description: "media agent CPU utilisation over the run" });
  metrics.push({ name: "mediaAgentNic", unit: "fraction", value: mean(agents.map((a) => a.agent.nic.tx.busyNs / elapsed)), description: "share of the run the media agent NIC sent data" });
  metrics.push({ name: "mediaAgentStorage", unit: "fraction", value: mean(agents.map((a) => a.agent.storage.counters().busyNs / elapsed)), description: "share of the run secondary storage was busy" });
  return metrics;
}

/** Milestones drawn as marks on the latency chart, with the labels the chart shows. */
const PHASE_MARKS = [
  ["poweredOn", "power-on"],
  ["serviceReady", "service ready"],
  ["switchedOver", "switch-over"],
] as const;

/**
 * The tidy tables of a replication: latency percentiles per window, the first VM's phase marks
 * (power-on, service ready, switch-over: with many VMs, one VM's marks keep the chart legible),
 * the media agent's hit ratio per window, relocation progress, TTS per VM.
 *
 * @example
 * restoreTables(world).map((t) => t.name) // => ["latencyOverTime", "phases", "hitRatioOverTime", "relocationProgress", "tts"]
 */
export function restoreTables(world: RestoreWorld): Table[] {
  const first = world.restores[0]?.parts.vm;
  const phases = PHASE_MARKS.flatMap(([milestone, label]) => {
    const at = first?.milestones[milestone];
    return at === undefined ? [] : [{ timeS: at / S, label }];
  });
  return [
    { name: "latencyOverTime", rows: world.latencies.windowRows() },
    { name: "phases", rows: phases },
    { name: "hitRatioOverTime", rows: world.latencies.hitRatioRows() },
    { name: "relocationProgress", rows: world.progress.rows() },
    { name: "tts", rows: world.restores.map((r) => ({ vm: r.parts.vm.name, ttsSeconds: (r.parts.vm.timeTo("serviceReady") ?? Number.NaN) / S })) },
  ];
}
