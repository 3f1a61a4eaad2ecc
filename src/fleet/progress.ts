/**
 * How far a fleet phase has come, for a progress line: read from the tasks' bookkeeping, changing
 * nothing (runPhase polls it through the kernel's progress pulse, so a run observed executes the
 * events of one that is not).
 */
import type { FleetTask } from "./components.ts";
import type { Estate, EstateVm } from "./estate.ts";
import type { FleetSpec } from "./spec.ts";

/** Kernel events of a flow task besides its chunks (set-up, ready), and per chunk it moves: about, as lab/kinds/fleet/estimate.ts counts. */
const EVENTS_PER_TASK = 3;
const EVENTS_PER_CHUNK = 3;

/** What {@link phaseProgress} reads of a task. */
export type TaskProgressView = Pick<FleetTask, "bytes" | "bytesDone" | "completions"> & {
  readonly live: { readonly attempt: { progress(): number } } | null;
};

/**
 * A phase's progress in [0, 1]: the share of its tasks' bytes moved. A completed task has moved
 * all of its bytes; a flow task (a backup, a flow-model restore), the bytes of its checkpointed
 * chunks; a pipeline restore, its running attempt's `progress()` (boot requests completed over
 * its plan's count, a full restore's copy too) times its size. (Counting completed tasks apart
 * would hold the line still and then jump when VMs restored side by side reach service ready
 * together.) The share of tasks completed when no task has bytes; 1 for a phase without tasks.
 * An aborted attempt's work is lost, so this can fall back a little after a failure
 * (`watchProgress` holds the line at its highest).
 *
 * @example
 * phaseProgress([
 *   { bytes: 100, bytesDone: 50, completions: 0, live: null }, // a flow task, half moved
 *   { bytes: 300, bytesDone: 300, completions: 1, live: null }, // done
 *   { bytes: 400, bytesDone: 400, completions: 0, live: { attempt: { progress: () => 0.25 } } }, // a pipeline restore, powered on, a quarter booted
 * ]) // => 0.5625 // (50 + 300 + 100) / 800
 * phaseProgress([{ bytes: 0, bytesDone: 0, completions: 1, live: null }, { bytes: 0, bytesDone: 0, completions: 0, live: null }]) // => 0.5
 */
export function phaseProgress(tasks: readonly TaskProgressView[]): number {
  if (tasks.length === 0) return 1;
  let completed = 0;
  let bytes = 0;
  let moved = 0;
  for (const task of tasks) {
    bytes += task.bytes;
    if (task.completions > 0) {
      completed++;
      moved += task.bytes;
    } else if (task.live !== null) moved += Math.min(1, task.live.attempt.progress()) * task.bytes;
    else moved += Math.min(task.bytesDone, task.bytes);
  }
  return bytes > 0 ? moved / bytes : completed / tasks.length;
}

/**
 * The share of a fleet replication's progress line each phase gets, in proportion to its kernel
 * events estimated from the estate before either runs (they decide how long a phase takes): a
 * backup task per disk moving its changed bytes in chunks; a restore task per victim (the mean
 * over the VMs it is drawn from), a flow of its working set (instant) or disks (full) in chunks,
 * or through the pipeline `restoreEvents(vm)`, which the caller that built the pipeline
 * estimates. A phase the spec does not run gets 0.
 *
 * @example
 * import { generateEstate } from "./estate.ts";
 * const spec = loadScenario("scenarios/fleet/nightly-backup.yaml").variants[0].scenario.model as FleetSpec;
 * const estate = generateEstate(spec, new RngStreams("1/0"));
 * phaseWeights(spec, estate) // => { backup: 1, restore: 0 }
 * const both = { ...spec, restore: { vms: 10, mode: "full" as const, mountTime: 0, serviceReady: 0 } };
 * phaseWeights(both, estate).restore // ≈ 0.077 // 10 whole VMs restored, against every changed disk backed up
 */
export function phaseWeights(spec: FleetSpec, estate: Estate, restoreEvents?: (vm: EstateVm) => number): { backup: number; restore: number } {
  const flow = (bytes: number) => EVENTS_PER_TASK + Math.ceil(bytes / spec.chunk) * EVENTS_PER_CHUNK;
  let backup = 0;
  if (spec.backup) for (const vm of estate.vms) for (const disk of vm.disks) backup += flow(disk.changedBytes);
  let restore = 0;
  const job = spec.restore;
  if (job) {
    const pool = estate.vms.filter((vm) => job.site === undefined || vm.host.site === job.site);
    const perVm = (vm: EstateVm): number => {
      if (job.pipeline !== undefined && restoreEvents !== undefined) return restoreEvents(vm);
      if (job.mode === "full") return flow(vm.disks.reduce((sum, d) => sum + d.size, 0));
      return flow(job.coarse?.byType[vm.host.type]?.workingSet ?? vm.bootWorkingSet);
    };
    const mean = pool.length === 0 ? 0 : pool.reduce((sum, vm) => sum + perVm(vm), 0) / pool.length;
    restore = Math.max(1, Math.min(job.vms, pool.length) * mean);
  }
  const total = backup + restore;
  if (total > 0) return { backup: backup / total, restore: restore / total };
  // An estate without a disk to back up: the backup alone has the whole line.
  return { backup: spec.backup ? 1 : 0, restore: 0 };
}
