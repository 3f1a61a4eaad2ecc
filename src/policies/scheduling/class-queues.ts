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
    // Explicit checks in IO_CLASSES order (no closure per I/O).
    const queues = this.queues;
    const id = io.id;
    if (queues.demand.has(id) || queues.prestage.has(id) || queues.relocation.has(id)) throw new Error(`I/O ${id} is already queued`);
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
