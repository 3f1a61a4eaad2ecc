/**
 * How far a fleet phase has come, for a progress line: read from the tasks' bookkeeping, changing
 * nothing (runPhase polls it through the kernel's progress pulse, so a run observed executes the
 * events of one that is not).
 */
import type { FleetTask } from "./components.ts";

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
