import { PolicyRegistry } from "../registry.ts";
import { fifoEntry } from "./fifo.ts";
import { mclockEntry } from "./mclock.ts";
import { strictPriorityEntry } from "./strict-priority.ts";
import { tokenBucketEntry } from "./token-bucket.ts";
import type { IoScheduler, SchedulingOptions } from "./types.ts";
import { weightedFairEntry } from "./weighted-fair.ts";

/**
 * Every I/O scheduling policy, by name. Adding one is one file plus one line here.
 *
 * @example
 * schedulingPolicies.names() // => ["fifo", "strict-priority", "weighted-fair", "mclock", "token-bucket"]
 * schedulingPolicies.get("strict-priority").create({ maxWaitNs: 50_000_000 })
 */
export const schedulingPolicies = new PolicyRegistry<IoScheduler, SchedulingOptions>("scheduling", [
  fifoEntry,
  strictPriorityEntry,
  weightedFairEntry,
  mclockEntry,
  tokenBucketEntry,
]);

/**
 * The class list, in priority order.
 *
 * @example
 * IO_CLASSES[0] // => "demand"
 */
export { IO_CLASSES } from "./types.ts";

/**
 * The scheduling interface types (IoScheduler, QueuedIo, IoClass, SchedulingOptions, ...).
 *
 * @example
 * import type { IoScheduler } from "./index.ts";
 */
export type * from "./types.ts";
