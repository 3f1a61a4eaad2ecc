import type { PolicyDefinition } from "../registry.ts";
import { IoFifo } from "./io-fifo.ts";
import type { IoScheduler, QueuedIo, SchedulingPolicyEntry } from "./types.ts";

/**
 * Definition of `fifo`: one queue in arrival order, classes ignored. What "priority off" means.
 *
 * @example
 * definition.name // => "fifo"
 */
export const definition: PolicyDefinition = {
  name: "fifo",
  description: "No priority: one queue, I/Os dispatched in arrival order whatever their class.",
  parameters: {},
};

/**
 * First in, first out across all classes: a demand read waits behind every pre-stage and
 * relocation I/O queued before it.
 *
 * @example
 * const s = new FifoScheduler();
 * s.enqueue({ id: 1, ioClass: "relocation", bytes: 4096, enqueuedAt: 0 });
 * s.enqueue({ id: 2, ioClass: "demand", bytes: 4096, enqueuedAt: 1 });
 * s.dequeue(1)?.id // => 1
 */
export class FifoScheduler extends IoFifo implements IoScheduler {
  enqueue(io: QueuedIo): void {
    this.push(io);
  }

  dequeue(_now: number): QueuedIo | undefined {
    return this.shift();
  }
}

/**
 * Registry entry of `fifo`.
 *
 * @example
 * fifoEntry.create({}) instanceof FifoScheduler // => true
 */
export const fifoEntry: SchedulingPolicyEntry = { definition, create: () => new FifoScheduler() };
