import type { IoClass, IoScheduler, QueuedIo } from "../../../src/policies/scheduling/types.ts";

/** A 4 KiB I/O of `ioClass` queued at `enqueuedAt` (ns). */
export function io(id: number, ioClass: IoClass, enqueuedAt = 0, bytes = 4096): QueuedIo {
  return { id, ioClass, bytes, enqueuedAt };
}

/** Ids of everything `scheduler` dispatches at `now` until it is empty. */
export function drain(scheduler: IoScheduler, now = 0): number[] {
  const ids: number[] = [];
  for (let next = scheduler.dequeue(now); next; next = scheduler.dequeue(now)) ids.push(next.id);
  return ids;
}

/** Enqueues `[id, ioClass, enqueuedAt]` triples of 4 KiB I/Os, in order; returns `scheduler`. */
export function enqueueAll<S extends IoScheduler>(scheduler: S, ios: readonly (readonly [number, IoClass, number?])[]): S {
  for (const [id, ioClass, enqueuedAt] of ios) scheduler.enqueue(io(id, ioClass, enqueuedAt));
  return scheduler;
}
