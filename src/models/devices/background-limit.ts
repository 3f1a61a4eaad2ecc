/**
 * How many background (pre-stage, relocation) requests a storage device holds at once, in its
 * reorder queue and in service: no bound, a fixed bound, or an adaptive bound driven by the
 * demand latency the device delivers. Demand requests are never held back by it.
 */
import type { IoClass } from "../../contracts/io-class.ts";
import type { ModelDefinition } from "./definition.ts";

/** The three modes of the bound. */
export type BackgroundLimitMode = "off" | "fixed" | "adaptive";

/** Parameters of the bound (times in ns). */
export interface BackgroundLimitOptions {
  backgroundLimit: BackgroundLimitMode;
  /** The fixed bound; the adaptive bound's starting value. */
  limit: number;
  /** The adaptive bound's floor and ceiling. */
  minLimit: number;
  maxLimit: number;
  /** Mean demand latency at the device the adaptive controller keeps below, ns. */
  latencyTarget: number;
  /** The controller's observation window, ns. */
  window: number;
  /** Consecutive windows without demand after which the adaptive bound grows. */
  idleWindows: number;
}

/**
 * Definition of a device's class-aware queue (`model.mediaAgents.deviceQueues` beside the
 * scheduling policy that orders it): the background bound and its controller.
 *
 * @example
 * deviceQueuesDefinition.parameters.window.default // => 100000000
 */
export const deviceQueuesDefinition: ModelDefinition = {
  name: "device-queues",
  description:
    "Class-aware dispatch in the storage devices' queues: each device's waiting requests are ordered by the scheduling policy named beside these fields, and at most `limit` background (prestage, relocation) requests are inside the device at once (off, fixed, or adaptive as Linux blk-iolatency: halve on a window whose mean demand latency exceeds latencyTarget, grow by max(1, maxLimit/16) on a window that met it or after idleWindows windows without demand)",
  parameters: {
    backgroundLimit: { type: "string", description: "bound on background requests inside a device: off, fixed (`limit`) or adaptive (between minLimit and maxLimit, from `limit`)", default: "off", enum: ["off", "fixed", "adaptive"] },
    limit: { type: "integer", description: "background requests inside a device at once (fixed), or the adaptive bound's start", default: 4, minimum: 1 },
    minLimit: { type: "integer", description: "adaptive bound's floor", default: 1, minimum: 1 },
    maxLimit: { type: "integer", description: "adaptive bound's ceiling", default: 32, minimum: 1 },
    latencyTarget: { type: "duration", description: "adaptive: mean demand latency at the device (queue wait + service) to stay under", default: 50_000_000, minimum: 0, exclusiveMinimum: true },
    window: { type: "duration", description: "adaptive: observation window (blk-iolatency: 100 ms)", default: 100_000_000, minimum: 0, exclusiveMinimum: true },
    idleWindows: { type: "integer", description: "adaptive: consecutive windows without demand after which the bound grows (demand idle)", default: 10, minimum: 1 },
  },
};

/** The bound a device's class-aware queue asks before admitting a background request. */
export interface BackgroundLimit {
  /** Background requests allowed inside the device now (Infinity: no bound). */
  readonly value: number;
  /** A request of `ioClass` completed at `now` after `latencyNs` (queue wait + service). */
  observe(now: number, ioClass: IoClass, latencyNs: number): void;
}

/**
 * A bound that never changes (`Infinity` for `off`).
 *
 * @example
 * new FixedBackgroundLimit(4).value // => 4
 */
export class FixedBackgroundLimit implements BackgroundLimit {
  constructor(readonly value: number) {}
  observe(): void {}
}

/**
 * The adaptive bound: a controller in the manner of Linux's blk-iolatency (block/blk-iolatency.c,
 * J. Bacik, 2018). blk-iolatency protects a cgroup's latency target by throttling the queue depth
 * of the others: it takes the protected group's *mean* latency over a window (100 ms on rotating
 * disks, "writes can be particularly fast, which could give us a false sense of the impact"),
 * halves the others' depth on a window that missed the target and raises it by a sixteenth of the
 * device depth (at least 1) on one that met it. Followed here with demand as the protected class
 * and the background classes as the others:
 *
 * - a window is `window` ns long and closes at the first observation at or after its end (no
 *   timer event: windows with no completion at all are skipped, as blk-iolatency skips idle ones);
 * - a closed window with demand completions whose mean latency exceeds `latencyTarget`:
 *   `value = max(minLimit, floor(value / 2))`;
 * - a closed window with demand that met the target, and every `idleWindows`-th consecutive
 *   window without demand (demand idle: a disk sees a demand read only now and then, so one empty
 *   window says little; BFQ likewise hands the disk to other queues only once the idle slice of
 *   the waiting one expired): `value = min(maxLimit, value + max(1, floor(maxLimit / 16)))`.
 *   Windows in which nothing completed at all count as windows without demand.
 *
 * Not followed: blk-iolatency's per-cgroup hierarchy, its use of a percentile on SSDs, and BFQ's
 * idling itself (holding the disk idle for a few ms after a demand completion): the simulated
 * guest's next read arrives through the media agent, not from the same process's queue.
 *
 * @example
 * const limit = new AdaptiveBackgroundLimit({ limit: 8, minLimit: 1, maxLimit: 32, latencyTarget: 10e6, window: 100e6, idleWindows: 2 });
 * limit.observe(50e6, "demand", 30e6);  // mean 30 ms > 10 ms target, window still open
 * limit.observe(100e6, "relocation", 5e6); // closes the window: halve
 * limit.value // => 4
 * limit.observe(350e6, "relocation", 5e6); // closes [100, 300) ms: two windows with no demand, grow by 32/16
 * limit.value // => 6
 */
export class AdaptiveBackgroundLimit implements BackgroundLimit {
  value: number;
  private windowEnd: number;
  private demandCount = 0;
  private demandSum = 0;
  /** Consecutive windows without demand not yet turned into growth. */
  private idle = 0;

  constructor(private readonly options: Omit<BackgroundLimitOptions, "backgroundLimit">) {
    this.value = Math.min(options.maxLimit, Math.max(options.minLimit, options.limit));
    this.windowEnd = options.window;
  }

  observe(now: number, ioClass: IoClass, latencyNs: number): void {
    if (now >= this.windowEnd) this.close(now);
    if (ioClass === "demand") {
      this.demandCount++;
      this.demandSum += latencyNs;
    }
  }

  /** Closes the window ending at `windowEnd` and the empty ones after it, up to `now`. */
  private close(now: number): void {
    const { minLimit, maxLimit, latencyTarget, window, idleWindows } = this.options;
    const step = Math.max(1, Math.floor(maxLimit / 16));
    const next = (Math.floor(now / window) + 1) * window;
    let empty = Math.round((next - this.windowEnd) / window) - 1;
    if (this.demandCount === 0) empty++;
    else if (this.demandSum / this.demandCount > latencyTarget) {
      this.value = Math.max(minLimit, Math.floor(this.value / 2));
      this.idle = 0;
    } else {
      this.value = Math.min(maxLimit, this.value + step);
      this.idle = 0;
    }
    this.idle += empty;
    const grows = Math.floor(this.idle / idleWindows);
    this.idle -= grows * idleWindows;
    this.value = Math.min(maxLimit, this.value + grows * step);
    this.demandCount = 0;
    this.demandSum = 0;
    this.windowEnd = next;
  }
}

/**
 * The bound `options` describe, one per device.
 *
 * @example
 * backgroundLimitOf({ backgroundLimit: "off", limit: 4, minLimit: 1, maxLimit: 32, latencyTarget: 5e7, window: 1e8, idleWindows: 10 }).value // => Infinity
 */
export function backgroundLimitOf(options: BackgroundLimitOptions): BackgroundLimit {
  if (options.backgroundLimit === "adaptive") return new AdaptiveBackgroundLimit(options);
  return new FixedBackgroundLimit(options.backgroundLimit === "fixed" ? options.limit : Infinity);
}
