/**
 * The metrics and tables of one restore replication, each metric with its unit. A replication
 * runs as one or more partitions (./partitions.ts); each partition's world is summed up as plain data (a
 * {@link RestorePart}, which can cross threads) and the parts merge into the replication's
 * results, exactly as if one kernel had run the whole world.
 */
import { mean, quantile } from "../../../metrics/statistics.ts";
import { InvariantError } from "../../../util/errors.ts";
import type { VmMilestone } from "../../../models/hosts/vm.ts";
import { LatencyCollector, READ_SOURCES, RelocationProgress, RESTORE_PHASES, type LatencyCollectorState, type LatencyHistogram } from "../../../restore/metrics.ts";
import type { MetricValue, Table } from "../../../contracts/model-kind.ts";
import { type GuestReplay, milestoneBandAt } from "../../../workloads/replay/driver.ts";
import type { RestoreWorld } from "./build.ts";

const S = 1e9;
const MS = 1e6;
const MIB = 2 ** 20;

/** The mean, 0 for no values: a replication in which no VM reached service reports tts 0 (as it always has). */
const meanOrZero = (values: readonly number[]): number => (values.length === 0 ? 0 : mean(values));

function latencyMetrics(prefix: string, h: LatencyHistogram, what: string): MetricValue[] {
  if (h.count === 0) return [];
  return [
    { name: `${prefix}P50`, unit: "ms", value: h.percentile(0.5) / MS, description: `median ${what}` },
    { name: `${prefix}P95`, unit: "ms", value: h.percentile(0.95) / MS, description: `95th percentile ${what}` },
    { name: `${prefix}P99`, unit: "ms", value: h.percentile(0.99) / MS, description: `99th percentile ${what}` },
    { name: `${prefix}Max`, unit: "ms", value: h.max / MS, description: `largest ${what}` },
  ];
}

/** One VM's outcome in a partition. */
export interface VmOutcome {
  /** VM number (i in `vms.vm<i>`). */
  vm: number;
  name: string;
  milestones: Partial<Record<VmMilestone, number>>;
  ttsNs?: number;
  /** TTS under the slack and chain readings of the boot trace (model band), ns. */
  ttsBandNs?: { lower: number; upper: number };
  ttiNs?: number;
  /** Time-to-independence under the same two readings (see {@link independenceBand}), ns. */
  ttiBandNs?: { lower: number; upper: number };
  /** Service ready to the service window's end (`serviceEnd`, closed-loop trace service phases only), ns. */
  serviceWindowNs?: number;
  /** The same under the slack and chain readings of the service trace (model band), ns. */
  serviceWindowBandNs?: { lower: number; upper: number };
  bytesFromMediaAgent: number;
  /** The relocation copier's run, when the VM had one. */
  copier: { startedAt: number; finishedAt: number; bytesCopied: number } | null;
}

/** One media agent's counters at the end of a partition. */
export interface AgentOutcome {
  agent: number;
  chunkSize: number;
  fetches: number;
  prestageInserted: number;
  prestageRead: number;
  demandMissed: number;
  prestageOnTime: number;
  prestageLate: number;
  /** Busy CPU cores integrated over time (cores × ns) up to the partition's end, and busy cores then. */
  cpuBusyArea: number;
  cpuBusyAtEnd: number;
  cpuCores: number;
  /** The partition's end (ns), where the CPU area above stops. */
  endNs: number;
  nicBusyNs: number;
  storageBusyNs: number;
}

/** What a partition of a replication hands over for merging: plain data, safe to post between threads. */
export interface RestorePart {
  fingerprint: string;
  events: number;
  /** Simulated time (ns) of the partition's last event. */
  endNs: number;
  vms: VmOutcome[];
  agents: AgentOutcome[];
  latencies: LatencyCollectorState;
  progress: [number, number][];
  progressTotalBytes: number;
}

/** A replication's outcome: its parts merged (VMs and media agents in number order). */
export interface RestoreOutcome {
  endNs: number;
  vms: VmOutcome[];
  agents: AgentOutcome[];
  latencies: LatencyCollector;
  progress: RelocationProgress;
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
 * A finished world (a partition's or the whole replication's) as plain data.
 *
 * @example
 * import { buildRestoreWorld } from "./build.ts";
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: one VM, no relocation
 * const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" };
 * const world = buildRestoreWorld(spec, context); world.sim.run();
 * restorePart(world).vms[0].ttsNs // => 47163580485 // the first VM's TTS, ns
 */
export function restorePart(world: RestoreWorld): RestorePart {
  const { sim } = world;
  world.network.sync();
  const vms = world.restores.map((restore, position): VmOutcome => {
    const vm = restore.parts.vm;
    const copier = restore.copier;
    const ttsNs = vm.timeTo("serviceReady");
    const ttsBandNs = milestoneBandAt(restore.boot, "serviceReady", ttsNs);
    const ttiNs = vm.timeTo("switchedOver");
    return {
      vm: world.vmIndices[position],
      name: vm.name,
      milestones: { ...vm.milestones },
      ttsNs,
      // The replay's service-ready band, shifted by what came before power-on.
      ttsBandNs,
      ttiNs,
      ttiBandNs: independenceBand(restore.parts.timeline.relocationStart, ttsNs, ttsBandNs, ttiNs),
      ...serviceWindow(restore.servicePhase),
      bytesFromMediaAgent: restore.io?.stats.bytesFromMediaAgent ?? 0,
      copier: copier === null ? null : { startedAt: copier.startedAt, finishedAt: copier.finishedAt, bytesCopied: copier.bytesCopied },
    };
  });
  const agents = world.agents.map(({ agent, service, tracker }, position): AgentOutcome => ({
    agent: world.agentIndices[position],
    chunkSize: service.options.chunkSize,
    fetches: service.stats.fetches,
    prestageInserted: tracker.stats.insertedByClass.prestage,
    prestageRead: tracker.stats.firstReadsByClass.prestage,
    demandMissed: service.stats.demandMissed,
    prestageOnTime: service.stats.prestageOnTime,
    prestageLate: service.stats.prestageLate,
    cpuBusyArea: agent.cpu.busy.area(sim.now),
    cpuBusyAtEnd: agent.cpu.busy.value,
    cpuCores: agent.cpu.capacity,
    endNs: sim.now,
    nicBusyNs: agent.nic.tx.busyNs,
    storageBusyNs: agent.storage.counters().busyNs,
  }));
  return {
    fingerprint: sim.fingerprint() ?? "",
    events: sim.eventsExecuted,
    endNs: sim.now,
    vms,
    agents,
    latencies: world.latencies.state(),
    progress: world.progress.state(),
    progressTotalBytes: world.progress.totalBytes,
  };
}

/**
 * A VM's service window (service ready to the `serviceEnd` milestone of its service replay) and
 * its model band, ns; empty when the phase has no such milestone (synthetic or open loop) or did
 * not reach it.
 *
 * @example
 * const phase = { milestoneNs: () => 30e9, milestoneBandNs: () => ({ lower: 28e9, upper: 35e9 }) } as unknown as GuestReplay;
 * serviceWindow(phase) // => { serviceWindowNs: 30e9, serviceWindowBandNs: { lower: 28e9, upper: 35e9 } }
 * serviceWindow(null) // => {}
 */
export function serviceWindow(phase: GuestReplay | null): Pick<VmOutcome, "serviceWindowNs" | "serviceWindowBandNs"> {
  const at = phase?.milestoneNs("serviceEnd");
  if (phase === null || at === undefined) return {};
  const band = phase.milestoneBandNs("serviceEnd");
  return band === undefined ? { serviceWindowNs: at } : { serviceWindowNs: at, serviceWindowBandNs: band };
}

/**
 * The model band of a VM's time-to-independence (switch-over), ns, from its TTS band. A
 * relocation that starts at service ready starts as much earlier or later as service ready does
 * under the slack and chain readings, and the copy after it does not depend on the boot's
 * reading, so the band is the TTS band's offsets applied to the switch-over time. A relocation
 * that starts at or before power-on copies the same blocks whatever the reading; the reading
 * moves only when guest reads compete with the copier, which the band does not re-simulate: its
 * band is the point (first order, docs/replay.md). Undefined without a switch-over or a TTS band.
 *
 * @example
 * independenceBand("after-service-ready", 40e9, { lower: 38e9, upper: 47e9 }, 200e9) // => { lower: 198e9, upper: 207e9 }
 * independenceBand("with-power-on", 40e9, { lower: 38e9, upper: 47e9 }, 200e9) // => { lower: 200e9, upper: 200e9 }
 * independenceBand("after-service-ready", 40e9, undefined, 200e9) // => undefined
 */
export function independenceBand(
  relocationStart: string, ttsNs: number | undefined, ttsBandNs: { lower: number; upper: number } | undefined, ttiNs: number | undefined,
): { lower: number; upper: number } | undefined {
  if (ttiNs === undefined || ttsNs === undefined || ttsBandNs === undefined) return undefined;
  if (relocationStart !== "after-service-ready") return { lower: ttiNs, upper: ttiNs };
  return { lower: ttiNs - (ttsNs - ttsBandNs.lower), upper: ttiNs + (ttsBandNs.upper - ttsNs) };
}

/**
 * Merges a replication's parts (one per partition, any order) into its outcome.
 *
 * @example
 * import { buildRestoreWorld } from "./build.ts";
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: one VM, no relocation
 * const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" };
 * const world = buildRestoreWorld(spec, context); world.sim.run();
 * mergeRestoreParts([restorePart(world)]).vms.length // => 1 // the world's VM count
 */
export function mergeRestoreParts(parts: readonly RestorePart[]): RestoreOutcome {
  const windowNs = parts[0]?.latencies.windowNs ?? 1e9;
  const latencies = new LatencyCollector(windowNs);
  const progress = new RelocationProgress(windowNs, parts[0]?.progressTotalBytes ?? 0);
  for (const part of parts) {
    latencies.merge(part.latencies);
    progress.merge(part.progress);
  }
  return {
    endNs: parts.reduce((end, part) => Math.max(end, part.endNs), 0),
    vms: parts.flatMap((part) => part.vms).sort((a, b) => a.vm - b.vm),
    agents: parts.flatMap((part) => part.agents).sort((a, b) => a.agent - b.agent),
    latencies,
    progress,
  };
}

/**
 * The scalar results of a finished replication.
 *
 * @example
 * import { buildRestoreWorld } from "./build.ts";
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: one VM, no relocation
 * const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" };
 * const world = buildRestoreWorld(spec, context); world.sim.run();
 * restoreMetrics(mergeRestoreParts([restorePart(world)])).find((m) => m.name === "tts")?.unit // => "s"
 */
export function restoreMetrics(outcome: RestoreOutcome): MetricValue[] {
  const { vms, latencies, agents } = outcome;
  const tts = vms.map((vm) => vm.ttsNs).filter((t): t is number => t !== undefined).map((t) => t / S);
  const tti = vms.map((vm) => vm.ttiNs).filter((t): t is number => t !== undefined).map((t) => t / S);
  const banded = vms.filter((vm) => vm.ttsNs !== undefined && vm.ttsBandNs !== undefined);
  const lowers = banded.map((vm) => (vm.ttsBandNs as { lower: number }).lower / S);
  const uppers = banded.map((vm) => (vm.ttsBandNs as { upper: number }).upper / S);
  const band = (of: (values: number[]) => number): Pick<MetricValue, "lower" | "upper"> =>
    banded.length === tts.length && tts.length > 0 ? { lower: of(lowers), upper: of(uppers) } : {};
  const metrics: MetricValue[] = [{ name: "tts", unit: "s", value: meanOrZero(tts), ...band(mean), description: "time to service: restore request to service ready (mean over VMs)" }];
  if (tts.length > 1) {
    metrics.push({ name: "ttsP50", unit: "s", value: quantile(tts, 0.5), ...band((v) => quantile(v, 0.5)), description: "median TTS over VMs" });
    metrics.push({ name: "ttsP95", unit: "s", value: quantile(tts, 0.95), ...band((v) => quantile(v, 0.95)), description: "95th percentile TTS over VMs" });
    metrics.push({ name: "ttsMax", unit: "s", value: Math.max(...tts), ...band((v) => Math.max(...v)), description: "slowest VM's TTS" });
  }
  const ttiBanded = vms.filter((vm) => vm.ttiNs !== undefined && vm.ttiBandNs !== undefined);
  const ttiBand: Pick<MetricValue, "lower" | "upper"> = ttiBanded.length === tti.length && tti.length > 0
    ? { lower: mean(ttiBanded.map((vm) => (vm.ttiBandNs as { lower: number }).lower / S)), upper: mean(ttiBanded.map((vm) => (vm.ttiBandNs as { upper: number }).upper / S)) }
    : {};
  if (tti.length > 0) metrics.push({ name: "timeToIndependence", unit: "s", value: mean(tti), ...ttiBand, description: "restore request to switch-over (mean over VMs)" });
  const windows = vms.filter((vm) => vm.serviceWindowNs !== undefined);
  if (windows.length > 0) {
    const bands = windows.map((vm) => vm.serviceWindowBandNs).filter((b): b is { lower: number; upper: number } => b !== undefined);
    const windowBand = bands.length === windows.length ? { lower: mean(bands.map((b) => b.lower / S)), upper: mean(bands.map((b) => b.upper / S)) } : {};
    metrics.push({ name: "serviceWindow", unit: "s", value: mean(windows.map((vm) => (vm.serviceWindowNs as number) / S)), ...windowBand, description: "service ready to the end of the replayed service trace window (closed loop; mean over VMs)" });
  }
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
  for (const a of agents) {
    fetched += a.fetches * a.chunkSize;
    prestageInserted += a.prestageInserted;
    prestageRead += a.prestageRead;
    demandMissed += a.demandMissed;
    onTime += a.prestageOnTime;
    late += a.prestageLate;
  }
  const chunk = agents[0]?.chunkSize ?? 0;
  const fromMa = vms.reduce((sum, vm) => sum + vm.bytesFromMediaAgent, 0);
  // Everything the media agents delivered: guest reads plus the relocation's copies. Relative to
  // guest reads alone the ratio explodes once relocation pre-staging fetches the whole disk.
  const delivered = fromMa + vms.reduce((sum, vm) => sum + (vm.copier?.bytesCopied ?? 0), 0);
  metrics.push({ name: "bytesFromSecondary", unit: "MiB", value: fetched / MIB, description: "chunk bytes fetched from secondary storage (all classes)" });
  metrics.push({ name: "readAmplification", unit: "ratio", value: delivered > 0 ? fetched / delivered : 0, description: "bytes fetched from secondary storage (all classes) per byte the media agents delivered (guest reads and relocation copies)" });
  if (prestageInserted > 0) {
    metrics.push({ name: "prestageAccuracy", unit: "fraction", value: prestageRead / prestageInserted, description: "pre-staged chunks later read by the guest" });
    metrics.push({ name: "prestageCoverage", unit: "fraction", value: prestageRead / Math.max(1, prestageRead + demandMissed), description: "demand-needed chunks brought in by pre-staging" });
    metrics.push({ name: "prestageTimeliness", unit: "fraction", value: onTime + late > 0 ? onTime / (onTime + late) : 0, description: "demand reads of pre-staged chunks that found them ready" });
    metrics.push({ name: "prestageWastedBytes", unit: "MiB", value: ((prestageInserted - prestageRead) * chunk) / MIB, description: "pre-staged chunk bytes never read by the guest" });
  }
  const rates = vms.flatMap(({ copier: c }) => (c !== null && c.finishedAt > c.startedAt ? [c.bytesCopied / MIB / ((c.finishedAt - c.startedAt) / S)] : []));
  if (rates.length > 0) metrics.push({ name: "relocationThroughput", unit: "MiB/s", value: mean(rates), description: "bytes copied per second of relocation (mean over VMs)" });
  const end = outcome.endNs;
  const elapsed = Math.max(1, end);
  // As Resource.utilisation() at the run's end: a partition that ended earlier stayed as it was since.
  const cpu = (a: AgentOutcome) => (end > 0 ? (a.cpuBusyArea + a.cpuBusyAtEnd * (end - a.endNs)) / end / a.cpuCores : 0);
  metrics.push({ name: "mediaAgentCpu", unit: "fraction", value: mean(agents.map(cpu)), description: "media agent CPU utilisation over the run" });
  metrics.push({ name: "mediaAgentNic", unit: "fraction", value: mean(agents.map((a) => a.nicBusyNs / elapsed)), description: "share of the run the media agent NIC sent data" });
  metrics.push({ name: "mediaAgentStorage", unit: "fraction", value: mean(agents.map((a) => a.storageBusyNs / elapsed)), description: "share of the run secondary storage was busy" });
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
 * import { buildRestoreWorld } from "./build.ts";
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: one VM, no relocation
 * const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" };
 * const world = buildRestoreWorld(spec, context); world.sim.run();
 * const outcome = mergeRestoreParts([restorePart(world)]);
 * restoreTables(outcome).map((t) => t.name) // => ["latencyOverTime", "phases", "hitRatioOverTime", "relocationProgress", "tts"]
 */
export function restoreTables(outcome: RestoreOutcome): Table[] {
  const first = outcome.vms[0];
  const phases = PHASE_MARKS.flatMap(([milestone, label]) => {
    const at = first?.milestones[milestone];
    return at === undefined ? [] : [{ timeS: at / S, label }];
  });
  return [
    { name: "latencyOverTime", rows: outcome.latencies.windowRows() },
    { name: "phases", rows: phases },
    { name: "hitRatioOverTime", rows: outcome.latencies.hitRatioRows() },
    { name: "relocationProgress", rows: outcome.progress.rows() },
    {
      name: "tts",
      rows: outcome.vms.map((vm) => ({
        vm: vm.name, ttsSeconds: (vm.ttsNs ?? Number.NaN) / S,
        ttsLowerSeconds: (vm.ttsBandNs?.lower ?? Number.NaN) / S, ttsUpperSeconds: (vm.ttsBandNs?.upper ?? Number.NaN) / S,
      })),
    },
  ];
}
