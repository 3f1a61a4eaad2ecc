/**
 * Running one task attempt on a VSA and a media agent, in one of two models.
 *
 * - **Flow model** (backups, and restores without `restore.pipeline`): setup time, then the
 *   bytes in chunks over the network (progress checkpointed per chunk), then the think time.
 *   A calibrated coarse instant restore (`task.liveMount`) is shaped as the pipeline's live
 *   mount: the VSA's slot is held for the setup time (mount, register, power-on) and freed; the
 *   bytes then flow media agent → host (not through the VSA) at most at the guest's read rate
 *   (its boot's reads spread over the boot), then the think time; the VM keeps its media agent
 *   until then, and a media agent failure restarts it from a new mount (its reads wasted).
 * - **Pipeline** (restores with `restore.pipeline`): the restore pipeline plays the VM's restore.
 *   Instant: a live mount (mount → register → power-on → boot trace through the media agent's
 *   cache and storage). Full: mount → every block of the disk copied media agent → VSA → the
 *   VM's datastore → register → power-on → boot trace from the datastore. The VSA holds a task
 *   slot until power-on (orchestrating; for a full restore, also moving the data) and then frees
 *   it; a full restore also leaves its media agent then (the disk is on primary). The task
 *   completes at the guest's service ready.
 *
 * An abort (a failure) invalidates the attempt: its flows in flight are cancelled (no callback)
 * and their bytes, with everything the attempt had delivered, counted as wasted, so bytes are
 * conserved: sent = credited + wasted. A flow task resumes from its last chunk; a pipeline task
 * starts again from scratch (a new mount).
 */
import type { Simulation } from "../kernel/simulation.ts";
import { CancellableTransport } from "../restore/transport.ts";
import type { Fabric, FleetTask, MediaAgentState, Vsa } from "./components.ts";
import type { RestorePipeline } from "./pipeline.ts";

/** Byte and task counters of an execution. */
export interface ExecutionCounters {
  /** Bytes handed to the network by task attempts. */
  sent: number;
  /** Bytes credited to tasks (pipeline: delivered by the final attempts, counted by `settle`). */
  credited: number;
  /** Bytes of aborted attempts: delivered before the abort or cut off in flight. */
  wasted: number;
  /** Credited bytes that crossed sites. */
  crossSite: number;
}

/**
 * Starts, aborts and finishes task attempts. `onReleased(vsa)` runs when a task frees its slot;
 * `onCompleted(task)` when it is done (after its think time, or at service ready).
 *
 * @example
 * import { Fabric, MediaAgentState, Vsa } from "./components.ts";
 * import { generateEstate } from "./estate.ts";
 * import { Network } from "../models/network/network.ts";
 * import { createBalancingPolicy } from "../policies/balancing/index.ts";
 * import { Coordinator } from "./coordinator.ts";
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
 * c.attach(exec); c.submit(tasks); // the coordinator calls exec.start(task, vsa, ma)
 * sim.run();
 * [done.length, exec.counters.sent, exec.counters.wasted] // => [1, 1073741824, 0]
 */
export class Execution {
  readonly counters: ExecutionCounters = { sent: 0, credited: 0, wasted: 0, crossSite: 0 };

  constructor(
    private readonly sim: Simulation,
    private readonly fabric: Fabric,
    private readonly chunk: number,
    private readonly streamRate: number,
    private readonly onReleased: (vsa: Vsa) => void,
    private readonly onCompleted: (task: FleetTask) => void,
    /** Restores (instant and full) run this pipeline when given. */
    private readonly pipeline: RestorePipeline | null = null,
  ) {}

  /** Starts an attempt of `task` on `vsa` (which has a free slot) with media agent `ma`. */
  start(task: FleetTask, vsa: Vsa, ma: MediaAgentState): void {
    const now = this.sim.now;
    task.attempt++;
    task.vsa = vsa;
    task.ma = ma;
    task.orchestrator = vsa;
    if (task.firstStart < 0) task.firstStart = now;
    vsa.running.add(task);
    vsa.streams.set(now, vsa.running.size);
    ma.active.add(task);
    const token = task.attempt;
    if (this.pipeline !== null && task.kind !== "backup") {
      this.startPipeline(this.pipeline, task, vsa, ma, token);
      return;
    }
    this.sim.schedule(task.overhead, "fleet.task-set-up", function taskSetUp(this: void, self: Execution) {
      if (task.attempt !== token) return;
      if (task.liveMount !== undefined) self.release(task, vsa);
      self.nextChunk(task, token);
    }, this);
  }

  /** Aborts the running attempt of `task`: frees its slot and media agent without callbacks. */
  abort(task: FleetTask): void {
    task.attempt++;
    const chunk = task.chunk;
    if (chunk !== null && chunk.handle.cancel()) this.counters.wasted += chunk.bytes;
    task.chunk = null;
    const live = task.live;
    if (live !== null) {
      live.transport.abort();
      live.attempt.abort();
      this.counters.sent += live.transport.sent;
      this.counters.wasted += live.transport.sent;
      task.live = null;
      // A new mount reads everything again: nothing of the aborted attempt carries over.
      task.bytesDone = 0;
    }
    if (task.liveMount !== undefined && task.bytesDone > 0) {
      // A coarse live mount, as the pipeline's, starts again with a new mount: what it had read is wasted.
      this.counters.credited -= task.bytesDone;
      this.counters.wasted += task.bytesDone;
      if (task.ma !== null && task.ma.site !== task.site) this.counters.crossSite -= task.bytesDone;
      task.bytesDone = 0;
    }
    this.detach(task);
  }

  /**
   * Credits the bytes of every task's final pipeline attempt once the kernel has run dry, and
   * checks that none has a transfer still in flight. Returns the tasks whose attempt does.
   */
  settle(tasks: readonly FleetTask[]): FleetTask[] {
    const unfinished: FleetTask[] = [];
    for (const task of tasks) {
      const live = task.live;
      if (live === null) continue;
      if (live.transport.pending > 0 || live.transport.sent !== live.transport.delivered) unfinished.push(task);
      this.counters.sent += live.transport.sent;
      this.counters.credited += live.transport.delivered;
      live.ma.bytesServed += live.transport.delivered;
      if (live.crossSite) this.counters.crossSite += live.transport.delivered;
    }
    return unfinished;
  }

  private detach(task: FleetTask): void {
    const vsa = task.vsa;
    if (vsa && vsa.running.delete(task)) vsa.streams.set(this.sim.now, vsa.running.size);
    task.ma?.active.delete(task);
  }

  private startPipeline(pipeline: RestorePipeline, task: FleetTask, vsa: Vsa, ma: MediaAgentState, token: number): void {
    const live = this.fabric.livePaths(ma, task.vmRef.host);
    const copy = task.kind === "restore-full" ? this.fabric.copyPath(task, vsa, ma) : null;
    const transport = new CancellableTransport(this.fabric.network);
    const route = { transport, toHost: live.toHost, toMediaAgent: live.toMediaAgent, toDatastore: copy?.path ?? null };
    const attempt = pipeline.start(task.vmRef, ma, route, {
      poweredOn: () => {
        if (task.attempt !== token) return;
        // The copy is done and the disk is on primary: a media agent failing now harms nothing.
        if (copy !== null) ma.active.delete(task);
        this.poweredOn(task, vsa);
      },
      serviceReady: () => {
        if (task.attempt === token) this.serviceReady(task, ma);
      },
    });
    task.live = { attempt, transport, crossSite: copy?.crossSite ?? live.crossSite, ma };
  }

  /** The VSA's part is done: its slot goes to the next task; the VM keeps its media agent. */
  private poweredOn(task: FleetTask, vsa: Vsa): void {
    task.bytesDone = task.bytes;
    vsa.bytesProcessed += task.bytes;
    if (vsa.running.delete(task)) vsa.streams.set(this.sim.now, vsa.running.size);
    task.vsa = null;
    this.onReleased(vsa);
  }

  private serviceReady(task: FleetTask, ma: MediaAgentState): void {
    ma.active.delete(task);
    task.completions++;
    task.completedAt = this.sim.now;
    this.onCompleted(task);
  }

  /** A calibrated coarse live mount is powered on: its VSA slot goes to the next task. */
  private release(task: FleetTask, vsa: Vsa): void {
    if (vsa.running.delete(task)) vsa.streams.set(this.sim.now, vsa.running.size);
    task.vsa = null;
    this.onReleased(vsa);
  }

  private nextChunk(task: FleetTask, token: number): void {
    const vsa = task.vsa;
    const ma = task.ma as MediaAgentState;
    const bytes = Math.min(this.chunk, task.bytes - task.bytesDone);
    const { path, crossSite } = vsa === null ? this.fabric.liveReadPath(ma, task.vmRef.host) : this.fabric.path(task, vsa, ma);
    this.counters.sent += bytes;
    const handle = this.fabric.network.transfer(
      path,
      bytes,
      () => {
        // Only the attempt's own chunk calls back: an abort cancels it first.
        if (task.attempt !== token) throw new Error(`fleet: chunk of an aborted attempt of ${task.vm} arrived`);
        task.chunk = null;
        task.bytesDone += bytes;
        if (vsa !== null) vsa.bytesProcessed += bytes;
        ma.bytesServed += bytes;
        this.counters.credited += bytes;
        if (crossSite) this.counters.crossSite += bytes;
        if (task.bytesDone < task.bytes) this.nextChunk(task, token);
        else this.transferred(task, vsa);
      },
      // A live mount's guest reads are not a VSA stream: they go at the guest's own read rate.
      { cap: vsa === null ? (task.liveMount?.readRate ?? this.streamRate) : this.streamRate },
    );
    task.chunk = { handle, bytes };
  }

  private transferred(task: FleetTask, vsa: Vsa | null): void {
    // A coarse live mount keeps its media agent until service ready (its guest runs from the
    // backup), so a media agent failing during its think time restarts it, as in the pipeline.
    const live = task.liveMount !== undefined;
    if (live) task.vsa = null;
    else {
      this.detach(task);
      task.vsa = null;
      if (vsa !== null) this.onReleased(vsa);
    }
    const token = task.attempt;
    this.sim.schedule(task.think, "fleet.task-ready", function taskReady(this: void, self: Execution) {
      if (task.attempt !== token) return;
      if (live) task.ma?.active.delete(task);
      task.completions++;
      task.completedAt = self.sim.now;
      self.onCompleted(task);
    }, this);
  }
}
