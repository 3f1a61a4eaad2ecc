import type { PolicyDefinition } from "../registry.ts";
import { ClassQueues } from "./class-queues.ts";
import { numberParameter } from "../registry.ts";
import type { IoFifo } from "./io-fifo.ts";
import type { QueuedIo, SchedulingOptions, SchedulingPolicyEntry } from "./types.ts";

/**
 * Definition of `strict-priority`: demand > prestage > relocation, FIFO within a class, with a
 * starvation bound `maxWaitNs` (ns; default 100 ms; 0 or Infinity = pure strict priority).
 *
 * @example
 * definition.parameters.maxWaitNs.default // => 100000000
 */
export const definition: PolicyDefinition = {
  name: "strict-priority",
  description:
    "Demand before prestage before relocation, FIFO within a class; an I/O that has waited longer than maxWaitNs is served oldest-first ahead of the priority order.",
  parameters: {
    maxWaitNs: {
      type: "duration",
      description: "Starvation bound (ns): longest wait before an I/O jumps the priority order; 0 or Infinity disables it.",
      default: 100_000_000,
      minimum: 0,
    },
  },
};

/**
 * Strict priority with a starvation bound (aging). The rule at `dequeue(now)`:
 *
 * 1. An I/O is *overdue* when it has waited strictly longer than the bound:
 *    `now - enqueuedAt > maxWaitNs`. Only class heads are looked at (FIFO within a class, so a
 *    class's head is its oldest I/O).
 * 2. If any class head is overdue, serve the overdue head with the earliest `enqueuedAt`
 *    (ties: the higher-priority class).
 * 3. Otherwise serve the head of the highest-priority non-empty class.
 *
 * Guarantee (with `enqueuedAt` non-decreasing, as callers enqueue in time order): once an I/O
 * `x` is overdue, every I/O dispatched before it was enqueued no later than `x`. So `x` waits at
 * most `maxWaitNs` plus the dispatch of the I/Os older than it still queued at
 * `x.enqueuedAt + maxWaitNs` — FIFO's bound shifted by `maxWaitNs` — for every class, including
 * demand under overload. While nothing is overdue the order is pure strict priority. The
 * scheduler is non-preemptive: "served next" means at the next `dequeue`.
 *
 * @example
 * const s = new StrictPriorityScheduler({ maxWaitNs: 100 });
 * s.enqueue({ id: 1, ioClass: "relocation", bytes: 4096, enqueuedAt: 0 });
 * s.enqueue({ id: 2, ioClass: "demand", bytes: 4096, enqueuedAt: 50 });
 * s.enqueue({ id: 3, ioClass: "demand", bytes: 4096, enqueuedAt: 60 });
 * s.dequeue(100)?.id // => 2 // relocation 1 has waited exactly 100: not overdue
 * s.dequeue(101)?.id // => 1 // overdue: waited 101 > 100
 * s.dequeue(102)?.id // => 3
 */
export class StrictPriorityScheduler extends ClassQueues {
  /** Starvation bound (ns); Infinity when disabled. */
  readonly maxWaitNs: number;

  constructor(options: SchedulingOptions = {}) {
    super();
    const bound = numberParameter("scheduling", options, definition, "maxWaitNs");
    this.maxWaitNs = bound === 0 ? Infinity : bound;
  }

  dequeue(now: number): QueuedIo | undefined {
    // The classes in IO_CLASSES order, unrolled (no iterator or keyed lookup per dispatch).
    const { demand, prestage, relocation } = this.queues;
    const maxWait = this.maxWaitNs;
    let overdue: IoFifo | undefined;
    let oldest = Infinity;
    let first: IoFifo | undefined;
    const d = demand.peek();
    if (d !== undefined) {
      first = demand;
      if (now - d.enqueuedAt > maxWait && d.enqueuedAt < oldest) {
        overdue = demand;
        oldest = d.enqueuedAt;
      }
    }
    const p = prestage.peek();
    if (p !== undefined) {
      first ??= prestage;
      // Strict `<` keeps the higher-priority class on equal enqueue times.
      if (now - p.enqueuedAt > maxWait && p.enqueuedAt < oldest) {
        overdue = prestage;
        oldest = p.enqueuedAt;
      }
    }
    const r = relocation.peek();
    if (r !== undefined) {
      first ??= relocation;
      if (now - r.enqueuedAt > maxWait && r.enqueuedAt < oldest) overdue = relocation;
    }
    const next = overdue ?? first;
    return next === undefined ? undefined : next.shift();
  }
}

/**
 * Registry entry of `strict-priority`.
 *
 * @example
 * strictPriorityEntry.create({ maxWaitNs: 0 }).dequeue(0) // => undefined
 */
export const strictPriorityEntry: SchedulingPolicyEntry = { definition, create: (options) => new StrictPriorityScheduler(options) };
