/**
 * Running one task attempt on a VSA and a media agent: setup time, then the bytes in chunks over
 * the network (progress checkpointed per chunk), then the think time. An abort (a failure)
 * invalidates the attempt: callbacks of its in-flight chunk are ignored and their bytes counted
 * as wasted, so bytes are conserved (credited + wasted = carried).
 */
import type { Simulation } from "../kernel/simulation.ts";
import type { Fabric, FleetTask, MediaAgentState, Vsa } from "./components.ts";

/** Byte and task counters of an execution. */
export interface ExecutionCounters {
  /** Bytes credited to tasks. */
  credited: number;
  /** Bytes of chunks whose attempt had been aborted. */
  wasted: number;
  /** Credited bytes that crossed sites. */
  crossSite: number;
}

/**
 * Starts, aborts and finishes task attempts. `onReleased(vsa)` runs when a task frees its slot;
 * `onCompleted(task)` when it is done (after its think time).
 *
 * @example
 * const exec = new Execution(sim, fabric, 1 << 30, 200e6, (vsa) => coordinator.pump(vsa), (task) => done.push(task));
 * exec.start(task, vsa, ma);
 */
export class Execution {
  readonly counters: ExecutionCounters = { credited: 0, wasted: 0, crossSite: 0 };

  constructor(
    private readonly sim: Simulation,
    private readonly fabric: Fabric,
    private readonly chunk: number,
    private readonly streamRate: number,
    private readonly onReleased: (vsa: Vsa) => void,
    private readonly onCompleted: (task: FleetTask) => void,
  ) {}

  /** Starts an attempt of `task` on `vsa` (which has a free slot) with media agent `ma`. */
  start(task: FleetTask, vsa: Vsa, ma: MediaAgentState): void {
    const now = this.sim.now;
    task.attempt++;
    task.vsa = vsa;
    task.ma = ma;
    if (task.firstStart < 0) task.firstStart = now;
    vsa.running.add(task);
    vsa.streams.set(now, vsa.running.size);
    ma.active.add(task);
    const token = task.attempt;
    this.sim.schedule(task.overhead, function taskSetUp(this: void, self: Execution) {
      if (task.attempt === token) self.nextChunk(task, token);
    }, this);
  }

  /** Aborts the running attempt of `task`: frees its slot and media agent without callbacks. */
  abort(task: FleetTask): void {
    task.attempt++;
    this.detach(task);
  }

  private detach(task: FleetTask): void {
    const vsa = task.vsa;
    if (vsa && vsa.running.delete(task)) vsa.streams.set(this.sim.now, vsa.running.size);
    task.ma?.active.delete(task);
  }

  private nextChunk(task: FleetTask, token: number): void {
    const vsa = task.vsa as Vsa;
    const ma = task.ma as MediaAgentState;
    const bytes = Math.min(this.chunk, task.bytes - task.bytesDone);
    const { path, crossSite } = this.fabric.path(task, vsa, ma);
    this.fabric.network.transfer(
      path,
      bytes,
      () => {
        if (task.attempt !== token) {
          this.counters.wasted += bytes;
          return;
        }
        task.bytesDone += bytes;
        vsa.bytesProcessed += bytes;
        ma.bytesServed += bytes;
        this.counters.credited += bytes;
        if (crossSite) this.counters.crossSite += bytes;
        if (task.bytesDone < task.bytes) this.nextChunk(task, token);
        else this.transferred(task, vsa);
      },
      { cap: this.streamRate },
    );
  }

  private transferred(task: FleetTask, vsa: Vsa): void {
    this.detach(task);
    task.vsa = null;
    this.onReleased(vsa);
    this.sim.schedule(task.think, function taskReady(this: void, self: Execution) {
      task.completions++;
      task.completedAt = self.sim.now;
      self.onCompleted(task);
    }, this);
  }
}
