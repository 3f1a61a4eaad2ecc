/**
 * One phase of a fleet run (the nightly backup, or a mass restore) on its own simulation: places
 * VSAs and media agents, builds the tasks, schedules failures, runs, checks that no task was lost
 * and bytes were conserved, and measures.
 */
import type { RngStreams } from "../kernel/rng.ts";
import { Simulation, watchProgress, type ProgressOptions } from "../kernel/simulation.ts";
import { Network } from "../models/network/network.ts";
import { createBalancingPolicy } from "../policies/balancing/index.ts";
import { InputError, InvariantError } from "../util/errors.ts";
import { Fabric, MediaAgentState, Vsa, type FleetTask } from "./components.ts";
import { Coordinator, type DispatchRecord } from "./coordinator.ts";
import { apportion, type Estate, type EstateHost, type EstateVm } from "./estate.ts";
import { Execution } from "./execution.ts";
import type { RestorePipeline, RestorePipelineFactory } from "./pipeline.ts";
import { phaseProgress } from "./progress.ts";
import { phaseMetrics, UtilisationSampler, type FleetMetric, type FleetUtilisationRow } from "./measure.ts";
import { vsaSlots, type FleetSpec } from "./spec.ts";

/** Which job a phase runs. */
export type PhaseName = "backup" | "restore";

/** What a phase returns. */
export interface PhaseResult {
  metrics: FleetMetric[];
  utilisation: FleetUtilisationRow[];
  fingerprint: string;
  events: number;
  /** The tasks with their final bookkeeping (tests inspect them). */
  tasks: FleetTask[];
  coordinator: Coordinator;
}

/**
 * Options: observers (tests, and a progress line's `onProgress`: the phase's `phaseProgress`,
 * progress.ts) and the restore pipeline's builder.
 */
export interface PhaseOptions extends ProgressOptions {
  onDispatch?: (record: DispatchRecord) => void;
  /** Builds the restore pipeline restores (instant and full) run when the spec has `restore.pipeline`. */
  pipeline?: RestorePipelineFactory;
  /**
   * About how many kernel events restoring `vm` through the pipeline takes: `runFleet` weighs
   * the phases of the progress line by it (progress.ts `phaseWeights`); absent, a restore counts
   * as a flow of chunks.
   */
  restoreEvents?: (vm: EstateVm) => number;
}

/** VM count per site, in estate site order. */
function vmsPerSite(estate: Estate): number[] {
  return estate.sites.map((site) => estate.vms.filter((vm) => vm.host.site === site).length);
}

/**
 * The tasks of a phase: a backup task per disk (one Veeam task slot per disk), a restore task per
 * VM. A pipeline restore's size is what its boot trace reads before service ready.
 */
function buildTasks(spec: FleetSpec, estate: Estate, phase: PhaseName, streams: RngStreams, pipeline: RestorePipeline | null): FleetTask[] {
  const tasks: FleetTask[] = [];
  const add = (vm: EstateVm, kind: FleetTask["kind"], datastore: string, bytes: number, overhead: number, think: number, liveMount?: { readRate: number }) => {
    const h = vm.host;
    tasks.push({
      id: tasks.length, kind, vmRef: vm, vm: vm.name, host: h.name, site: h.site, datacenter: h.datacenter, subnet: h.subnet, group: h.group,
      datastore, bytes, predictedBytes: bytes, overhead, think, bytesDone: 0, firstStart: -1, completedAt: -1, completions: 0, attempt: 0, vsa: null, ma: null, rebalanced: false,
      chunk: null, live: null, orchestrator: null, ...(liveMount ? { liveMount } : {}),
    });
  };
  if (phase === "backup") {
    const overhead = spec.backup?.taskOverhead ?? 0;
    for (const vm of estate.vms) for (const disk of vm.disks) add(vm, "backup", disk.datastore, disk.changedBytes, overhead, 0);
    return tasks;
  }
  const restore = spec.restore;
  if (!restore) return tasks;
  // The ransomware victims: a uniform sample without replacement (partial Fisher–Yates).
  const pool = estate.vms.filter((vm) => restore.site === undefined || vm.host.site === restore.site);
  const rng = streams.stream("fleet.restore.victims");
  const count = Math.min(restore.vms, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.double() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
    const vm = pool[i];
    const instant = restore.mode === "instant";
    const fit = instant && pipeline === null ? restore.coarse : undefined;
    if (fit !== undefined) {
      const type = fit.byType[vm.host.type];
      if (type === undefined) throw new InputError("scenario", "model.restore.coarseFit", `a fit with VM type '${vm.host.type}' (it has ${Object.keys(fit.byType).join(", ")})`);
      add(vm, "restore-instant", vm.disks[0].datastore, type.workingSet, fit.slotTime, type.think, { readRate: type.readRate });
      continue;
    }
    const bytes = instant ? (pipeline !== null ? pipeline.predictedBytes(vm) : vm.bootWorkingSet) : vm.disks.reduce((sum, d) => sum + d.size, 0);
    add(vm, restore.mode === "instant" ? "restore-instant" : "restore-full", vm.disks[0].datastore, bytes, restore.mountTime, restore.serviceReady);
  }
  return tasks;
}

/**
 * Runs one phase of the fleet on a fresh simulation.
 *
 * @example
 * import { generateEstate } from "./estate.ts";
 * const spec = loadScenario("scenarios/fleet/nightly-backup.yaml").variants[0].scenario.model as FleetSpec;
 * const streams = new RngStreams("1/0");
 * const result = runPhase(spec, generateEstate(spec, streams), "backup", streams);
 * result.metrics.find((m) => m.name === "backupWindow")?.unit // => "h"
 */
export function runPhase(spec: FleetSpec, estate: Estate, phase: PhaseName, streams: RngStreams, options: PhaseOptions = {}): PhaseResult {
  const sim = new Simulation({ fingerprint: true });
  // Fleet traffic is mostly flows alone on their links (a guest read, one chunk): rate them at once.
  const network = new Network(sim, { directWhenAlone: true });
  const fabric = new Fabric(network, spec);
  const perSite = vmsPerSite(estate);
  const slots = vsaSlots(spec.vsas.cores, spec.vsas.ram, spec.vsas.ramPerTask);
  const used = new Map<string, { cores: number; ram: number; vsas: number }>();
  const occupy = (host: EstateHost) => {
    const u = used.get(host.name) ?? { cores: 0, ram: 0, vsas: 0 };
    used.set(host.name, { cores: u.cores + spec.vsas.cores, ram: u.ram + spec.vsas.ram, vsas: u.vsas + 1 });
  };
  const vsas: Vsa[] = [];
  apportion(spec.vsas.count, perSite).forEach((n, s) => {
    const hosts = estate.hostsBySite.get(estate.sites[s]) ?? [];
    for (let k = 0; k < n; k++) {
      const host = hosts[Math.floor((k * hosts.length) / n)];
      occupy(host);
      vsas.push(new Vsa(vsas.length, host, slots, spec.vsas.throughput, fabric, 0, false));
    }
  });
  const mediaAgents: MediaAgentState[] = [];
  // A calibrated coarse restore reads at the fitted effective rate of the media agent's storage.
  const fit = phase === "restore" && spec.restore?.pipeline === undefined ? spec.restore?.coarse : undefined;
  const maOptions = fit === undefined ? spec.mediaAgents : { ...spec.mediaAgents, read: fit.maRead };
  // All at the site keeping the backups when the scenario names one; else spread like the VMs.
  const maSite = spec.mediaAgents.site;
  const maWeights = maSite === undefined ? perSite : estate.sites.map((site) => (site === maSite ? 1 : 0));
  apportion(spec.mediaAgents.count, maWeights).forEach((n, s) => {
    for (let k = 0; k < n; k++) mediaAgents.push(new MediaAgentState(mediaAgents.length, estate.sites[s], fabric, maOptions, spec.network.lanLatency));
  });
  // Reuse before create: a created VSA goes on a host of the group with spare cores and RAM, the task's own host first.
  const createVsa = (group: string, preferred: string): Vsa | null => {
    const hosts = estate.hosts.filter((h) => h.group === group);
    hosts.sort((a, b) => Number(b.name === preferred) - Number(a.name === preferred) || (used.get(a.name)?.vsas ?? 0) - (used.get(b.name)?.vsas ?? 0));
    const host = hosts.find((h) => {
      const u = used.get(h.name) ?? { cores: 0, ram: 0 };
      return u.cores + spec.vsas.cores <= spec.hosts.spareCores && u.ram + spec.vsas.ram <= spec.hosts.spareRam;
    });
    if (!host) return null;
    occupy(host);
    return new Vsa(vsas.length, host, slots, spec.vsas.throughput, fabric, sim.now + spec.create.time, true);
  };
  const policy = createBalancingPolicy(spec.balancing.policy, { ...spec.balancing.options, by: spec.balancing.by });
  const coordinator = new Coordinator(sim, policy, streams.stream(`fleet.${phase}.balancing`), vsas, mediaAgents,
    { rebalance: spec.rebalance, create: spec.create, onDispatch: options.onDispatch }, createVsa);
  const pipeline = phase === "restore" && spec.restore?.pipeline !== undefined ? buildPipeline(options, sim, fabric, mediaAgents) : null;
  const execution = new Execution(sim, fabric, spec.chunk, spec.vsas.streamRate, (vsa) => coordinator.pump(vsa), () => coordinator.completed(), pipeline);
  coordinator.attach(execution);
  const sampler = new UtilisationSampler(sim, network, phase, vsas, mediaAgents, spec.sampleInterval);
  coordinator.onFinished = () => sampler.stop();
  for (const failure of spec.failures) {
    if (failure.phase !== phase) continue;
    sim.scheduleAt(failure.at, "fleet.failure", function componentFails() {
      if (failure.target === "vsa") coordinator.failVsa(failure.index);
      else coordinator.failMediaAgent(failure.index);
    });
  }
  const tasks = buildTasks(spec, estate, phase, streams, pipeline);
  sampler.start();
  coordinator.submit(tasks);
  watchProgress(sim, options, () => phaseProgress(tasks));
  sim.run();
  checkConservation(phase, coordinator, execution, tasks);
  const metrics = phaseMetrics(phase, { tasks, vsas: coordinator.vsas, mediaAgents, coordinator, counters: execution.counters, end: sim.now, wan: spec.sites.length > 1 ? fabric.wanLinks() : undefined });
  if (pipeline !== null) metrics.push(...pipeline.metrics());
  return { metrics, utilisation: sampler.rows, fingerprint: sim.fingerprint() ?? "", events: sim.eventsExecuted, tasks, coordinator };
}

function buildPipeline(options: PhaseOptions, sim: Simulation, fabric: Fabric, mediaAgents: readonly MediaAgentState[]): RestorePipeline {
  if (options.pipeline === undefined) throw new Error("fleet: the spec has restore.pipeline but runFleet got no pipeline builder (options.pipeline)");
  return options.pipeline({ sim, fabric, mediaAgents });
}

/**
 * No task lost: every task completed exactly once (a flow task with all its bytes; a pipeline
 * restore with every guest request of its final attempt completed and nothing of it in flight);
 * bytes add up: sent = credited + wasted, and flow tasks' credited bytes equal their sizes.
 */
function checkConservation(phase: PhaseName, coordinator: Coordinator, execution: Execution, tasks: readonly FleetTask[]): void {
  const lost = coordinator.lostTasks();
  if (lost.length > 0) {
    const t = lost[0];
    throw new InvariantError(`fleet ${phase}: ${lost.length} task(s) lost, first ${t.vm} (${t.completions} completions, ${t.bytesDone} of ${t.bytes} bytes)`);
  }
  const flowBytes = tasks.reduce((sum, t) => sum + (t.live === null ? t.bytes : 0), 0);
  if (execution.counters.credited !== flowBytes) {
    throw new InvariantError(`fleet ${phase}: ${execution.counters.credited} bytes credited to flow tasks, ${flowBytes} expected`);
  }
  for (const task of tasks) {
    const attempt = task.live?.attempt;
    if (attempt && !(attempt.finished && attempt.issued === attempt.completed)) {
      throw new InvariantError(`fleet ${phase}: ${task.vm}'s final restore attempt left ${attempt.issued - attempt.completed} guest request(s) issued and never completed (finished: ${attempt.finished})`);
    }
  }
  const unfinished = execution.settle(tasks);
  if (unfinished.length > 0) throw new InvariantError(`fleet ${phase}: ${unfinished.length} final restore attempt(s) with transfers in flight, first ${unfinished[0].vm}`);
  const { sent, credited, wasted } = execution.counters;
  if (sent !== credited + wasted) throw new InvariantError(`fleet ${phase}: ${sent} bytes sent, ${credited} credited + ${wasted} wasted`);
}
