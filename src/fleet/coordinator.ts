/**
 * The VSA coordinator: groups hosts and assigns VSAs to groups, dispatches every task to a VSA
 * queue through a balancing policy, runs queues on task slots, rebalances while jobs run (an idle
 * VSA takes queued work; a periodic check moves work off a VSA that falls behind), reassigns the
 * tasks of a failed VSA or media agent, and creates VSAs when the create mode says so.
 */
import type { Rng } from "../kernel/rng.ts";
import type { Simulation } from "../kernel/simulation.ts";
import type { BalancingPolicy, VsaView } from "../policies/balancing/types.ts";
import { predictedFinish } from "../policies/balancing/bin-packing.ts";
import type { FleetTask, MediaAgentState, Vsa } from "./components.ts";
import type { Execution } from "./execution.ts";
import { assignGroups } from "./groups.ts";
import type { FleetSpec } from "./spec.ts";

/** One dispatch decision, for observers (tests check locality on these). */
export interface DispatchRecord {
  time: number;
  task: FleetTask;
  vsa: Vsa;
  /** How it got there: first dispatch, after a failure, or moved by rebalancing. */
  reason: "dispatch" | "reassign" | "steal" | "rebalance";
  /** Every alive VSA's view just before the decision. */
  views: VsaView[];
}

/** Creates a VSA on a host (the phase owns placement and resources); null when none fits. */
export type VsaFactory = (group: string, preferredHost: string) => Vsa | null;

/** Options of a coordinator. */
export interface CoordinatorOptions {
  rebalance: FleetSpec["rebalance"];
  create: FleetSpec["create"];
  onDispatch?: (record: DispatchRecord) => void;
}

/**
 * Drives one phase's tasks over VSAs and media agents.
 *
 * @example
 * import { Fabric, MediaAgentState, Vsa } from "./components.ts";
 * import { generateEstate } from "./estate.ts";
 * import { Network } from "../models/network/network.ts";
 * import { createBalancingPolicy } from "../policies/balancing/index.ts";
 * import { Execution } from "./execution.ts";
 * const spec = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as FleetSpec;
 * const estate = generateEstate(spec, new RngStreams("1/0"));
 * const fabric = new Fabric(new Network(sim), spec);
 * const vsas = [new Vsa(0, estate.hosts[0], 2, 1e9, fabric, 0, false)]; // 2 task slots, 1 GB/s
 * const mas = [new MediaAgentState(0, estate.sites[0], fabric, spec.mediaAgents, 0)];
 * const policy = createBalancingPolicy("least-loaded", {});
 * const c = new Coordinator(sim, policy, rng, vsas, mas, { rebalance: spec.rebalance, create: spec.create }, () => null); // creates no VSA
 * const done: FleetTask[] = [];
 * const exec = new Execution(sim, fabric, spec.chunk, spec.vsas.streamRate, (vsa) => c.pump(vsa), (task) => { done.push(task); c.completed(); });
 * const vm = estate.vms[0], h = vm.host; // one 1 GiB backup task of the first VM
 * const tasks: FleetTask[] = [{ id: 0, kind: "backup", vmRef: vm, vm: vm.name, host: h.name, site: h.site, datacenter: h.datacenter, subnet: h.subnet, group: h.group,
 *   datastore: vm.disks[0].datastore, bytes: 2 ** 30, predictedBytes: 2 ** 30, overhead: 0, think: 0, bytesDone: 0, firstStart: -1, completedAt: -1, completions: 0,
 *   attempt: 0, vsa: null, ma: null, rebalanced: false, chunk: null, live: null, orchestrator: null }];
 * c.attach(exec); c.submit(tasks); sim.run(); c.finished // => true
 * tasks[0].completedAt // => 1073741824 // 1 GiB at the VSA's 1 GB/s
 */
export class Coordinator {
  reassigned = 0;
  rebalanced = 0;
  stolen = 0;
  created = 0;
  finished = false;
  /** Called once when every task has completed. */
  onFinished: (() => void) | null = null;
  private execution: Execution | null = null;
  private tasks: FleetTask[] = [];
  private unassigned: FleetTask[] = [];
  private remaining = 0;
  private tick = -1;

  constructor(
    private readonly sim: Simulation,
    private readonly policy: BalancingPolicy,
    private readonly rng: Rng,
    readonly vsas: Vsa[],
    readonly mediaAgents: MediaAgentState[],
    private readonly options: CoordinatorOptions,
    private readonly createVsa: VsaFactory,
  ) {}

  /** Connects the execution whose slot releases and completions drive the coordinator. */
  attach(execution: Execution): void {
    this.execution = execution;
  }

  /** Dispatches every task (largest first for policies that ask) and starts the queues. */
  submit(tasks: FleetTask[]): void {
    this.tasks = tasks;
    this.remaining = tasks.length;
    this.replan();
    const order = this.policy.largestFirst ? [...tasks].sort((a, b) => b.predictedBytes - a.predictedBytes || a.id - b.id) : tasks;
    for (const task of order) this.dispatch(task, "dispatch");
    for (const vsa of this.vsas) this.pump(vsa);
    if (this.remaining === 0) this.finish();
    else if (this.options.rebalance.enabled) this.tick = this.sim.schedule(this.options.rebalance.interval, "fleet.rebalance", rebalanceTick, this);
  }

  /** The periodic rebalancing check; re-arms itself until the phase is finished. */
  onTick(): void {
    if (this.finished) return;
    this.rebalanceNow();
    this.tick = this.sim.schedule(this.options.rebalance.interval, "fleet.rebalance", rebalanceTick, this);
  }

  /** Counts a completed task; the phase ends with the last one. */
  completed(): void {
    if (--this.remaining === 0) this.finish();
  }

  /** Starts queued tasks on `vsa` while it has free slots; an idle VSA then takes queued work. */
  pump(vsa: Vsa): void {
    if (!vsa.alive || vsa.readyAt > this.sim.now) return;
    while (vsa.running.size < vsa.slots) {
      if (vsa.queue.length === 0 && !this.steal(vsa)) break;
      const task = vsa.dequeue(0);
      this.execution?.start(task, vsa, this.mediaAgentFor(vsa));
    }
  }

  /** A VSA fails: its running and queued tasks go back through the policy. */
  failVsa(index: number): void {
    const vsa = this.vsas[index];
    if (!vsa?.alive) return;
    vsa.alive = false;
    const orphans = [...vsa.running];
    for (const task of orphans) this.execution?.abort(task);
    while (vsa.queue.length > 0) orphans.push(vsa.dequeue(0));
    this.replan();
    for (const task of orphans) {
      this.reassigned++;
      this.dispatch(task, "reassign");
    }
    for (const other of this.vsas) this.pump(other);
  }

  /**
   * A media agent fails: its tasks restart (a flow task from its last chunk, a pipeline restore
   * from scratch) at the head of the queue of the VSA that ran them; a pipeline restore past
   * power-on has left its VSA, so it goes back to that VSA if alive, else through the policy.
   */
  failMediaAgent(index: number): void {
    const ma = this.mediaAgents[index];
    if (!ma?.alive) return;
    ma.alive = false;
    const touched = new Set<Vsa>();
    const homeless: FleetTask[] = [];
    for (const task of [...ma.active]) {
      const vsa = task.vsa ?? task.orchestrator;
      this.execution?.abort(task);
      this.reassigned++;
      if (vsa?.alive) {
        vsa.enqueue(task, true);
        touched.add(vsa);
      } else homeless.push(task);
    }
    for (const vsa of touched) this.pump(vsa);
    for (const task of homeless) this.dispatch(task, "reassign");
  }

  /** Every task that is not complete exactly once, with its byte count; empty when all is well. */
  lostTasks(): FleetTask[] {
    return this.tasks.filter((t) => t.completions !== 1 || t.bytesDone !== t.bytes);
  }

  private alive(): Vsa[] {
    return this.vsas.filter((v) => v.alive);
  }

  private replan(): void {
    const loads = new Map<string, { key: string; site: string; bytes: number }>();
    for (const task of this.tasks) {
      const load = loads.get(task.group) ?? { key: task.group, site: task.site, bytes: 0 };
      load.bytes += task.bytes - task.bytesDone;
      loads.set(task.group, load);
    }
    const alive = this.alive();
    const plan = assignGroups([...loads.values()], alive.map((v) => ({ id: v.id, site: v.site, hostGroup: v.host.group })));
    for (const vsa of alive) vsa.groups = plan.get(vsa.id) ?? [];
  }

  /** The least busy alive media agent of the VSA's site, else of any site. */
  private mediaAgentFor(vsa: Vsa): MediaAgentState {
    let best: MediaAgentState | undefined;
    const rank = (ma: MediaAgentState) => (ma.site === vsa.site ? 0 : 1e9) + ma.active.size;
    for (const ma of this.mediaAgents) if (ma.alive && (best === undefined || rank(ma) < rank(best))) best = ma;
    if (!best) throw new Error("fleet coordinator has no alive media agent (the scenario check should have refused this)");
    return best;
  }

  private dispatch(task: FleetTask, reason: DispatchRecord["reason"]): void {
    const created = this.maybeCreate(task);
    const alive = this.alive();
    const views = alive.map((v) => v.view());
    const id = created?.id ?? this.policy.choose(task, views, { now: this.sim.now, rng: this.rng });
    const vsa = alive.find((v) => v.id === id);
    if (!vsa) {
      this.unassigned.push(task);
      return;
    }
    this.options.onDispatch?.({ time: this.sim.now, task, vsa, reason, views });
    vsa.enqueue(task);
    this.pump(vsa);
  }

  /** Reuse before create: "always-create" makes a VSA for every group without one on its hosts; "combined" only when no VSA can finish the task by the deadline. */
  private maybeCreate(task: FleetTask): Vsa | null {
    const { mode, max, deadline } = this.options.create;
    if (mode === "reuse-only" || this.created >= max) return null;
    const alive = this.alive();
    if (mode === "always-create" && alive.some((v) => v.host.group === task.group)) return null;
    if (mode === "combined") {
      const now = this.sim.now;
      if (alive.some((v) => predictedFinish(task, v.view(), now) <= deadline)) return null;
    }
    const vsa = this.createVsa(task.group, task.host);
    if (!vsa) return null;
    this.created++;
    this.vsas.push(vsa);
    vsa.groups = [task.group];
    this.sim.scheduleAt(vsa.readyAt, "fleet.vsa-ready", function vsaReady(this: void, self: Coordinator) {
      self.pump(vsa);
      self.retryUnassigned();
    }, this);
    return vsa;
  }

  private retryUnassigned(): void {
    const waiting = this.unassigned;
    this.unassigned = [];
    for (const task of waiting) this.dispatch(task, "reassign");
  }

  /** An idle VSA takes the last queued task of its own site from the most loaded VSA (any site when crossSite allows). */
  private steal(thief: Vsa): boolean {
    if (!this.options.rebalance.enabled) return false;
    const victims = this.alive().filter((v) => v !== thief && v.queue.length > 0).sort((a, b) => b.outstanding() - a.outstanding() || a.index - b.index);
    for (const victim of victims) {
      for (let i = victim.queue.length - 1; i >= 0; i--) {
        if (victim.queue[i].site === thief.site) return this.move(victim, i, thief, "steal");
      }
    }
    if (!this.options.rebalance.crossSite || victims.length === 0) return false;
    return this.move(victims[0], victims[0].queue.length - 1, thief, "steal");
  }

  private move(from: Vsa, position: number, to: Vsa, reason: "steal" | "rebalance"): boolean {
    const views = this.alive().map((v) => v.view());
    const task = from.dequeue(position);
    this.options.onDispatch?.({ time: this.sim.now, task, vsa: to, reason, views });
    to.enqueue(task);
    if (reason === "steal") this.stolen++;
    else this.rebalanced++;
    return true;
  }

  /** Moves queued work from a VSA that falls behind (by observed throughput) to the one that would finish first. */
  rebalanceNow(): void {
    const now = this.sim.now;
    const alive = this.alive().filter((v) => v.readyAt <= now);
    // Observed rate at full load: bytes per second of all-slots-busy time, cumulative (stable).
    for (const vsa of alive) {
      const fullLoadNs = vsa.streams.area(now) / vsa.slots;
      if (fullLoadNs >= this.options.rebalance.interval) vsa.observedRate = Math.max(0.05 * vsa.rate, (vsa.bytesProcessed / fullLoadNs) * 1e9);
    }
    const finish = (v: Vsa) => (v.outstanding() / v.observedRate) * 1e9;
    const tolerance = this.options.rebalance.tolerance;
    for (let moves = 0; moves < 16; moves++) {
      const source = alive.reduce<Vsa | undefined>((best, v) => (v.queue.some((t) => !t.rebalanced) && (!best || finish(v) > finish(best)) ? v : best), undefined);
      if (!source) return;
      let position = source.queue.length - 1;
      while (position >= 0 && source.queue[position].rebalanced) position--;
      if (position < 0) return;
      const task = source.queue[position];
      // Within the task's site: a remote VSA's observed rate says nothing of the WAN the task would cross.
      const candidates = alive.filter((v) => v !== source && v.site === task.site);
      const target = candidates.sort((a, b) => finish(a) - finish(b) || a.index - b.index)[0];
      // Move only if the target, with the task, would still finish well before the source does now.
      if (!target || finish(target) + ((task.bytes - task.bytesDone) / target.observedRate) * 1e9 + tolerance >= finish(source)) return;
      task.rebalanced = true;
      this.move(source, position, target, "rebalance");
      this.pump(target);
    }
  }

  private finish(): void {
    this.finished = true;
    if (this.tick >= 0) this.sim.cancel(this.tick);
    this.onFinished?.();
  }
}

function rebalanceTick(self: Coordinator): void {
  self.onTick();
}
