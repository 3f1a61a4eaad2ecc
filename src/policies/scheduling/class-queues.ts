import { IoFifo } from "./io-fifo.ts";
import type { IoClass, IoScheduler, QueuedIo } from "./types.ts";

/**
 * Base of the class-aware schedulers: one FIFO per class, with enqueue, remove and the counts
 * done here; a subclass only decides which class's head goes next in `dequeue`.
 *
 * @example
 * class DemandOnly extends ClassQueues {
 *   dequeue(): QueuedIo | undefined { return this.take("demand"); }
 * }
 */
export abstract class ClassQueues implements IoScheduler {
  protected readonly queues: Record<IoClass, IoFifo> = { demand: new IoFifo(), prestage: new IoFifo(), relocation: new IoFifo() };

  get size(): number {
    return this.queues.demand.size + this.queues.prestage.size + this.queues.relocation.size;
  }

  sizeOf(ioClass: IoClass): number {
    return this.queues[ioClass].size;
  }

  enqueue(io: QueuedIo): void {
    // Explicit checks in IO_CLASSES order (no closure per I/O); an empty queue holds no id, so
    // its table is not probed (one or two of the three queues are empty most of the time).
    const queues = this.queues;
    const id = io.id;
    if (holds(queues.demand, id) || holds(queues.prestage, id) || holds(queues.relocation, id)) throw new Error(`I/O ${id} is already queued`);
    queues[io.ioClass].push(io);
  }

  remove(id: number): boolean {
    const queues = this.queues;
    return queues.demand.remove(id) || queues.prestage.remove(id) || queues.relocation.remove(id);
  }

  abstract dequeue(now: number): QueuedIo | undefined;

  /** Removes and returns the head of `ioClass`'s queue. */
  protected take(ioClass: IoClass): QueuedIo | undefined {
    return this.queues[ioClass].shift();
  }
}

/** True when `queue` holds an I/O with this id. */
function holds(queue: IoFifo, id: number): boolean {
  return queue.size > 0 && queue.has(id);
}
