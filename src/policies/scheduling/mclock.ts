import type { PolicyDefinition } from "../registry.ts";
import { ClassQueues } from "./class-queues.ts";
import { numberParameter } from "../registry.ts";
import { IO_CLASSES, type IoClass, type QueuedIo, type SchedulingOptions, type SchedulingPolicyEntry } from "./types.ts";

const NS_PER_S = 1e9;

const DEFAULTS: Readonly<Record<IoClass, readonly [number, number, number]>> = { demand: [0, 8, 0], prestage: [0, 2, 0], relocation: [0, 1, 0] };

/** The three parameters of one class: reservation, weight, limit. */
function classParameters(ioClass: IoClass): PolicyDefinition["parameters"] {
  const [reservation, weight, limit] = DEFAULTS[ioClass];
  return {
    [`${ioClass}Reservation`]: { type: "number", unit: "I/Os per second", description: `I/O rate guaranteed to the ${ioClass} class while it is backlogged (0 = none)`, default: reservation, minimum: 0 },
    [`${ioClass}Weight`]: { type: "number", description: `share of the ${ioClass} class in the capacity left over by the reservations`, default: weight, minimum: 0.001 },
    [`${ioClass}Limit`]: { type: "number", unit: "I/Os per second", description: `most I/Os per second the ${ioClass} class is dispatched (0 = no limit)`, default: limit, minimum: 0 },
  };
}

/**
 * Definition of `mclock`: reservation, weight and limit per class (Gulati, Merchant & Varman,
 * OSDI 2010); defaults weights 8 : 2 : 1, no reservations, no limits.
 *
 * @example
 * definition.parameters.relocationWeight.default // => 1
 */
export const definition: PolicyDefinition = {
  name: "mclock",
  description:
    "mClock (Gulati, Merchant & Varman, OSDI 2010; dmClock in Ceph): per class a reservation (I/Os per second it is guaranteed), a weight (its share of the rest) and a limit (I/Os per second it never exceeds); reservations are served first by their tags, then the classes under their limits by weight tags. Not work-conserving when every backlogged class is at its limit.",
  parameters: { ...classParameters("demand"), ...classParameters("prestage"), ...classParameters("relocation") },
};

/** One class's tags (ns): reservation R, limit L and proportional-share P of its last dispatch. */
interface Tags {
  r: number;
  l: number;
  p: number;
}

/**
 * mClock (A. Gulati, A. Merchant, P. J. Varman, "mClock: handling throughput variability for
 * hypervisor IO scheduling", OSDI 2010, Algorithm 1), one client per I/O class, one I/O = one
 * unit of cost (the paper's IOPS). With reservation `r`, weight `w` and limit `l` of a class,
 * its I/O arriving at `a` gets, from the tags of the class's previous I/O:
 *
 * - `R = max(R' + 1e9 / r, a)` (Infinity when `r` = 0), `L = max(L' + 1e9 / l, a)` (−Infinity when
 *   `l` = 0), `P = max(P' + 1e9 / w, a)`, in ns;
 * - `dequeue(t)`, constraint phase: among heads with `R <= t`, the smallest `R`;
 * - otherwise weight phase: among heads with `L <= t`, the smallest `P`; the class served this
 *   way has its reservation chain pulled back by `1e9 / r` (the paper subtracts it from the R tags
 *   of its queued requests), so weight-phase service does not count against its reservation;
 * - otherwise (every backlogged class at its limit) nothing: `nextReadyAt(t)` is the smallest `L`
 *   (or `R`) of a head.
 *
 * Ties go to the higher-priority class. Tags are computed when an I/O reaches the head of its
 * class, from its arrival time: the paper's tags at arrival, since a backlogged class's previous
 * tag already dominates. The `max(…, a)` restarts an idle class at the current time, the
 * paper's guard against an idle class banking credit. Guarantee (paper, section 3): a class
 * backlogged with `sum r <= capacity` is dispatched at least `r` I/Os per second.
 *
 * @example
 * const s = new MClockScheduler({ relocationReservation: 100, relocationWeight: 1, demandWeight: 100 });
 * s.enqueue({ id: 1, ioClass: "demand", bytes: 4096, enqueuedAt: 0 });
 * s.enqueue({ id: 2, ioClass: "demand", bytes: 4096, enqueuedAt: 0 });
 * s.enqueue({ id: 3, ioClass: "relocation", bytes: 4096, enqueuedAt: 0 });
 * [s.dequeue(0)?.id, s.dequeue(1)?.id, s.dequeue(2)?.id] // => [3, 1, 2] // relocation's R tag 0 <= t: reserved first
 */
export class MClockScheduler extends ClassQueues {
  /** Per class: [reservation, weight, limit] as given (I/Os per second, weight). */
  readonly settings: Readonly<Record<IoClass, { reservation: number; weight: number; limit: number }>>;
  private readonly last: Record<IoClass, Tags> = { demand: fresh(), prestage: fresh(), relocation: fresh() };
  /** Tags of each class's head, computed when it became head (undefined: not yet). */
  private readonly head: Record<IoClass, Tags | undefined> = { demand: undefined, prestage: undefined, relocation: undefined };
  private readonly headId: Record<IoClass, number> = { demand: -1, prestage: -1, relocation: -1 };

  constructor(options: SchedulingOptions = {}) {
    super();
    const of = (ioClass: IoClass) => ({
      reservation: numberParameter("scheduling", options, definition, `${ioClass}Reservation`),
      weight: numberParameter("scheduling", options, definition, `${ioClass}Weight`),
      limit: numberParameter("scheduling", options, definition, `${ioClass}Limit`),
    });
    this.settings = { demand: of("demand"), prestage: of("prestage"), relocation: of("relocation") };
  }

  dequeue(now: number): QueuedIo | undefined {
    let reserved: IoClass | undefined;
    let weighted: IoClass | undefined;
    for (const ioClass of IO_CLASSES) {
      const tags = this.headTags(ioClass);
      if (tags === undefined) continue;
      if (tags.r <= now && (reserved === undefined || tags.r < (this.head[reserved] as Tags).r)) reserved = ioClass;
      if (tags.l <= now && (weighted === undefined || tags.p < (this.head[weighted] as Tags).p)) weighted = ioClass;
    }
    const chosen = reserved ?? weighted;
    if (chosen === undefined) return undefined;
    const tags = this.head[chosen] as Tags;
    const reservation = this.settings[chosen].reservation;
    // Weight-phase service does not use up the reservation (the paper's R-tag adjustment).
    this.last[chosen] = { r: reserved === undefined && reservation > 0 ? tags.r - NS_PER_S / reservation : tags.r, l: tags.l, p: tags.p };
    this.head[chosen] = undefined;
    return this.take(chosen);
  }

  override remove(id: number): boolean {
    for (const ioClass of IO_CLASSES) if (this.headId[ioClass] === id) this.head[ioClass] = undefined;
    return super.remove(id);
  }

  /**
   * The earliest time a head becomes eligible: its L tag (under its limit again) or R tag.
   *
   * @example
   * const s = new MClockScheduler({ relocationLimit: 10 });
   * s.enqueue({ id: 1, ioClass: "relocation", bytes: 4096, enqueuedAt: 0 });
   * s.enqueue({ id: 2, ioClass: "relocation", bytes: 4096, enqueuedAt: 0 });
   * s.dequeue(0)?.id // => 1
   * s.dequeue(0) // => undefined
   * s.nextReadyAt(0) // => 100000000 // 1 / 10 per second later
   */
  nextReadyAt(now: number): number {
    let next = Infinity;
    for (const ioClass of IO_CLASSES) {
      const tags = this.headTags(ioClass);
      if (tags === undefined) continue;
      const at = Math.min(tags.l, tags.r);
      if (at > now && at < next) next = at;
    }
    return Math.ceil(next);
  }

  private headTags(ioClass: IoClass): Tags | undefined {
    const io = this.queues[ioClass].peek();
    if (io === undefined) return undefined;
    const known = this.head[ioClass];
    if (known !== undefined && this.headId[ioClass] === io.id) return known;
    const { reservation, weight, limit } = this.settings[ioClass];
    const last = this.last[ioClass];
    const a = io.enqueuedAt;
    const tags = {
      r: reservation > 0 ? Math.max(last.r + NS_PER_S / reservation, a) : Infinity,
      l: limit > 0 ? Math.max(last.l + NS_PER_S / limit, a) : -Infinity,
      p: Math.max(last.p + NS_PER_S / weight, a),
    };
    this.head[ioClass] = tags;
    this.headId[ioClass] = io.id;
    return tags;
  }
}

function fresh(): Tags {
  return { r: -Infinity, l: -Infinity, p: -Infinity };
}

/**
 * Registry entry of `mclock`.
 *
 * @example
 * mclockEntry.create({ relocationReservation: 50 }).size // => 0
 */
export const mclockEntry: SchedulingPolicyEntry = { definition, create: (options) => new MClockScheduler(options) };
