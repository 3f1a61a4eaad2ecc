import type { PolicyEntry } from "../registry.ts";
import type { IoClass } from "../io-class.ts";

// One definition for the whole code base (../io-class.ts); re-exported because the scheduler's
// interface is where most readers look for it.
export { IO_CLASSES, type IoClass } from "../io-class.ts";

/**
 * One I/O waiting for dispatch. `id` is unique among queued I/Os (the caller's handle for
 * {@link IoScheduler.remove}); `bytes` its size; `enqueuedAt` when it was queued (ns).
 *
 * @example
 * const io: QueuedIo = { id: 7, ioClass: "prestage", bytes: 65536, enqueuedAt: 1_000_000 };
 */
export interface QueuedIo {
  id: number;
  ioClass: IoClass;
  bytes: number;
  /** Time it was queued (ns). */
  enqueuedAt: number;
}

/**
 * The narrow interface every I/O scheduling policy implements: a queue of I/Os of three classes
 * that decides which goes next. Pure: time arrives as `now`, nothing is read from a clock.
 * Callers enqueue in time order (`enqueuedAt` never decreases).
 *
 * @example
 * const s = schedulingPolicies.get("strict-priority").create({});
 * s.enqueue({ id: 1, ioClass: "relocation", bytes: 4096, enqueuedAt: 0 });
 * s.enqueue({ id: 2, ioClass: "demand", bytes: 4096, enqueuedAt: 0 });
 * s.dequeue(0)?.id // => 2
 */
export interface IoScheduler {
  /** Queues `io`; throws when an I/O with the same id is already queued. */
  enqueue(io: QueuedIo): void;
  /** The next I/O to dispatch at time `now` (ns), removed from the queue; undefined when empty. */
  dequeue(now: number): QueuedIo | undefined;
  /** Removes a queued I/O (e.g. a pre-stage made useless by a demand fetch of the same chunk). */
  remove(id: number): boolean;
  /** Queued I/Os in all classes. */
  readonly size: number;
  /** Queued I/Os per class. */
  sizeOf(ioClass: IoClass): number;
}

/**
 * What every scheduling policy factory receives: its declared parameters (units as in its
 * definition: durations in ns, sizes in bytes). Absent parameters take their defaults.
 *
 * @example
 * const options: SchedulingOptions = { maxWaitNs: 50_000_000 };
 */
export interface SchedulingOptions {
  /** `strict-priority`: starvation bound (ns); 0 or Infinity = pure strict priority. */
  maxWaitNs?: number;
  /** `weighted-fair`: weight of the demand class. */
  demandWeight?: number;
  /** `weighted-fair`: weight of the prestage class. */
  prestageWeight?: number;
  /** `weighted-fair`: weight of the relocation class. */
  relocationWeight?: number;
  [parameter: string]: unknown;
}

/**
 * A scheduling policy as registered: its definition and factory.
 *
 * @example
 * import { definition, FifoScheduler } from "./fifo.ts";
 * const entry: SchedulingPolicyEntry = { definition, create: () => new FifoScheduler() };
 * entry.create({}).size // => 0
 */
export type SchedulingPolicyEntry = PolicyEntry<IoScheduler, SchedulingOptions>;
