import type { PolicyEntry } from "../registry.ts";
import type { IoScheduler } from "../../contracts/io-class.ts";

// One definition for the whole code base (../io-class.ts); re-exported because the scheduler's
// interface is where most readers look for it.
export { IO_CLASSES, type IoClass } from "../io-class.ts";

/**
 * One I/O waiting for dispatch, and the scheduler interface (contracts/io-class.ts: the device
 * queues speak them too).
 *
 * @example
 * const io: QueuedIo = { id: 7, ioClass: "prestage", bytes: 65536, enqueuedAt: 1_000_000 };
 */
export type { IoScheduler, QueuedIo } from "../../contracts/io-class.ts";

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
