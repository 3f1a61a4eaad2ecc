/**
 * The class of an I/O and the narrow interface of a class-aware I/O scheduler: what the media
 * agent's fetch queue, the storage devices' queues (class-aware dispatch) and the scheduling
 * policies all speak. It lives in contracts/ because models/ (the device queues) and policies/
 * (the schedulers) both need it and neither may import the other's layer for it.
 */

/**
 * Class of an I/O, in priority order: the guest's `"demand"` reads first, then `"prestage"`
 * fetches of predicted blocks, then the relocation's `"relocation"` copy stream. A prefetcher
 * emits only the last two (`Exclude<IoClass, "demand">`): a fetch nobody waits for.
 *
 * @example
 * const ioClass: IoClass = "demand";
 */
export type IoClass = "demand" | "prestage" | "relocation";

/**
 * Every I/O class, highest priority first.
 *
 * @example
 * IO_CLASSES // => ["demand", "prestage", "relocation"]
 */
export const IO_CLASSES: readonly IoClass[] = ["demand", "prestage", "relocation"];

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
 * A non-work-conserving policy (a limit: mClock's, a token bucket's) may return undefined from
 * `dequeue` while I/Os are queued; it then says from `nextReadyAt` when one becomes eligible, and
 * the caller asks again at that time.
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
  /** The next I/O to dispatch at time `now` (ns), removed from the queue; undefined when none is eligible. */
  dequeue(now: number): QueuedIo | undefined;
  /** Removes a queued I/O (e.g. a pre-stage made useless by a demand fetch of the same chunk). */
  remove(id: number): boolean;
  /** Queued I/Os in all classes. */
  readonly size: number;
  /** Queued I/Os per class. */
  sizeOf(ioClass: IoClass): number;
  /**
   * Earliest time (ns, > `now`) at which a queued I/O becomes eligible, after `dequeue(now)`
   * returned undefined with I/Os queued; absent on work-conserving policies (never needed).
   */
  nextReadyAt?(now: number): number;
}
