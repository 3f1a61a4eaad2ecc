import { availableParallelism } from "node:os";
import { InputError } from "../../util/errors.ts";

/**
 * The `--workers` of `run` and `plan`: the machine's cores when not given, 0 for this thread.
 * Throws an InputError naming `--workers` unless it is a whole number from 0 to 1024.
 *
 * @example
 * workersOption(3)         // => 3
 * import { availableParallelism } from "node:os";
 * workersOption(undefined) // => availableParallelism() // e.g. 2
 */
export function workersOption(workers: number | undefined): number {
  if (workers === undefined) return availableParallelism();
  if (!Number.isInteger(workers) || workers < 0 || workers > 1024) throw new InputError("--workers", String(workers), "a whole number of worker threads, 0 to 1024");
  return workers;
}
