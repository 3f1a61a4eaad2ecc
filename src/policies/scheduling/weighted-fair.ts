import type { PolicyDefinition } from "../registry.ts";
import { ClassQueues } from "./class-queues.ts";
import { numberParameter } from "../registry.ts";
import { IO_CLASSES, type IoClass, type QueuedIo, type SchedulingOptions, type SchedulingPolicyEntry } from "./types.ts";

const weightParameter = (ioClass: IoClass, weight: number) => ({
  type: "number" as const,
  description: `Share weight of the ${ioClass} class (bytes served in proportion to the weights while backlogged).`,
  default: weight,
  minimum: 0.001,
});

/**
 * Definition of `weighted-fair`: start-time fair queueing over the three classes, by bytes, with
 * weights `demandWeight` 8, `prestageWeight` 2, `relocationWeight` 1 by default.
 *
 * @example
 * definition.parameters.demandWeight.default // => 8
 */
export const definition: PolicyDefinition = {
  name: "weighted-fair",
  description:
    "Start-time fair queueing (Goyal, Vin & Cheng 1996) over the I/O classes: backlogged classes share dispatched bytes in proportion to their weights; work-conserving.",
  parameters: {
    demandWeight: weightParameter("demand", 8),
    prestageWeight: weightParameter("prestage", 2),
    relocationWeight: weightParameter("relocation", 1),
  },
};

/**
 * Byte-based weighted fair queueing by Start-time Fair Queueing (SFQ: P. Goyal, H. M. Vin,
 * H. Cheng, "Start-time fair queueing: a scheduling algorithm for integrated services packet
 * switching networks", SIGCOMM 1996), one flow per class:
 *
 * - I/O `k` of class `c` gets start tag `S = max(v(A), F_c)` and finish tag `F = S + bytes / w_c`,
 *   where `v(A)` is the virtual time at its arrival and `F_c` the finish tag of `c`'s previous I/O.
 * - `dequeue` serves the smallest start tag (ties: the higher-priority class) and sets the
 *   virtual time `v` to that start tag. When the queue empties (end of a busy period), the next
 *   arrival sets `v` to the largest finish tag served.
 *
 * Tags are computed when an I/O reaches the head of its class (equal to SFQ's tags at arrival,
 * since a backlogged class's `F_c` dominates), so `remove` of a queued I/O simply leaves it out,
 * as if it never arrived. Work-conserving: it dispatches whenever anything is queued. Fairness
 * (SFQ's theorem): over any interval in which classes `f` and `m` are both backlogged, the bytes
 * `W` they are served satisfy `|W_f / w_f - W_m / w_m| <= maxBytes_f / w_f + maxBytes_m / w_m`.
 *
 * @example
 * const s = new WeightedFairScheduler(); // weights 8 : 2 : 1
 * s.enqueue({ id: 1, ioClass: "relocation", bytes: 1024, enqueuedAt: 0 });
 * s.enqueue({ id: 2, ioClass: "demand", bytes: 8192, enqueuedAt: 0 });
 * s.enqueue({ id: 3, ioClass: "demand", bytes: 8192, enqueuedAt: 0 });
 * [s.dequeue(0)?.id, s.dequeue(0)?.id, s.dequeue(0)?.id] // => [2, 1, 3]
 */
export class WeightedFairScheduler extends ClassQueues {
  /** Weight per class. */
  readonly weights: Readonly<Record<IoClass, number>>;
  private virtualTime = 0;
  private readonly lastFinish: Record<IoClass, number> = { demand: 0, prestage: 0, relocation: 0 };
  /** Virtual time at each queued I/O's arrival, by id. */
  private readonly arrivalTag = new Map<number, number>();

  constructor(options: SchedulingOptions = {}) {
    super();
    this.weights = {
      demand: numberParameter("scheduling", options, definition, "demandWeight"),
      prestage: numberParameter("scheduling", options, definition, "prestageWeight"),
      relocation: numberParameter("scheduling", options, definition, "relocationWeight"),
    };
  }

  override enqueue(io: QueuedIo): void {
    if (this.size === 0) this.virtualTime = Math.max(this.virtualTime, ...IO_CLASSES.map((c) => this.lastFinish[c]));
    super.enqueue(io);
    this.arrivalTag.set(io.id, this.virtualTime);
  }

  override remove(id: number): boolean {
    this.arrivalTag.delete(id);
    return super.remove(id);
  }

  dequeue(_now: number): QueuedIo | undefined {
    let next: IoClass | undefined;
    let nextStart = Infinity;
    for (const ioClass of IO_CLASSES) {
      const head = this.queues[ioClass].peek();
      if (!head) continue;
      const start = this.startTag(ioClass, head);
      if (start < nextStart) {
        next = ioClass;
        nextStart = start;
      }
    }
    if (next === undefined) return undefined;
    const io = this.take(next) as QueuedIo;
    this.arrivalTag.delete(io.id);
    this.virtualTime = nextStart;
    this.lastFinish[next] = nextStart + io.bytes / this.weights[next];
    return io;
  }

  private startTag(ioClass: IoClass, head: QueuedIo): number {
    return Math.max(this.arrivalTag.get(head.id) ?? this.virtualTime, this.lastFinish[ioClass]);
  }
}

/**
 * Registry entry of `weighted-fair`.
 *
 * @example
 * weightedFairEntry.create({ relocationWeight: 4 }).weights // => { demand: 8, prestage: 2, relocation: 4 }
 */
export const weightedFairEntry: SchedulingPolicyEntry = { definition, create: (options) => new WeightedFairScheduler(options) };
