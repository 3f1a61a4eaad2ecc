import type { PolicyDefinition } from "../registry.ts";
import { ClassQueues } from "./class-queues.ts";
import { numberParameter } from "../registry.ts";
import type { IoClass, QueuedIo, SchedulingOptions, SchedulingPolicyEntry } from "./types.ts";

type Background = Exclude<IoClass, "demand">;

/**
 * Definition of `token-bucket`: strict priority with a token-bucket rate limit on each
 * background class (`prestageRate`, `relocationRate`, bytes/s, 0 = unlimited; `burst` bytes).
 *
 * @example
 * definition.parameters.burst.default // => 8388608
 */
export const definition: PolicyDefinition = {
  name: "token-bucket",
  description:
    "Demand first, then prestage, then relocation (FIFO within a class); each background class is limited by a token bucket of `burst` bytes filled at its rate. Not work-conserving: a background I/O without tokens waits even when the device is idle.",
  parameters: {
    prestageRate: { type: "rate", description: "bytes/s the prestage class may be dispatched over time (0 = unlimited)", default: 0, minimum: 0 },
    relocationRate: { type: "rate", description: "bytes/s the relocation class may be dispatched over time (0 = unlimited)", default: 0, minimum: 0 },
    burst: { type: "size", description: "bucket depth: bytes a background class may be dispatched at once after an idle spell", default: 8_388_608, minimum: 1 },
  },
};

/** One background class's bucket: tokens (bytes) as of `at` (ns). */
interface Bucket {
  rate: number;
  tokens: number;
  at: number;
}

/**
 * Strict priority (demand > prestage > relocation, FIFO within a class) with a token bucket
 * per background class, as Linux's blk-throttle limits a cgroup's bytes/s or QEMU's
 * `throttle-group` a drive's (leaky bucket with a burst). A bucket holds at most `burst` bytes
 * and fills at its rate (bytes/s); it starts full. A background head of `b` bytes is eligible
 * when its bucket holds at least `min(b, burst)` tokens, and dispatching it takes `b` tokens (the
 * bucket may go negative, so an I/O larger than the burst still costs its size: over any
 * interval of length `T` the class gets at most `burst + rate · T` bytes plus one I/O). Demand is
 * never limited. When no head is eligible, `dequeue` returns undefined and `nextReadyAt` says
 * when the first bucket will hold enough.
 *
 * @example
 * const s = new TokenBucketScheduler({ relocationRate: 1_000_000, burst: 4096 });
 * s.enqueue({ id: 1, ioClass: "relocation", bytes: 4096, enqueuedAt: 0 });
 * s.enqueue({ id: 2, ioClass: "relocation", bytes: 4096, enqueuedAt: 0 });
 * s.dequeue(0)?.id // => 1
 * s.dequeue(0) // => undefined // bucket empty
 * s.nextReadyAt(0) // => 4096000 // 4096 bytes at 1 MB/s
 * s.dequeue(4_096_000)?.id // => 2
 */
export class TokenBucketScheduler extends ClassQueues {
  readonly burst: number;
  private readonly buckets: Record<Background, Bucket>;

  constructor(options: SchedulingOptions = {}) {
    super();
    this.burst = numberParameter("scheduling", options, definition, "burst");
    const bucket = (rate: number): Bucket => ({ rate, tokens: this.burst, at: 0 });
    this.buckets = {
      prestage: bucket(numberParameter("scheduling", options, definition, "prestageRate")),
      relocation: bucket(numberParameter("scheduling", options, definition, "relocationRate")),
    };
  }

  dequeue(now: number): QueuedIo | undefined {
    if (this.queues.demand.size > 0) return this.take("demand");
    for (const ioClass of ["prestage", "relocation"] as const) {
      const head = this.queues[ioClass].peek();
      if (head === undefined) continue;
      const bucket = this.buckets[ioClass];
      if (bucket.rate === 0) return this.take(ioClass);
      this.fill(bucket, now);
      if (bucket.tokens >= Math.min(head.bytes, this.burst)) {
        bucket.tokens -= head.bytes;
        return this.take(ioClass);
      }
    }
    return undefined;
  }

  /** When the first background head's bucket holds enough tokens (ns, rounded up). */
  nextReadyAt(now: number): number {
    let next = Infinity;
    for (const ioClass of ["prestage", "relocation"] as const) {
      const head = this.queues[ioClass].peek();
      if (head === undefined) continue;
      const bucket = this.buckets[ioClass];
      if (bucket.rate === 0) return now;
      this.fill(bucket, now);
      const missing = Math.min(head.bytes, this.burst) - bucket.tokens;
      next = Math.min(next, missing <= 0 ? now : now + Math.ceil((missing / bucket.rate) * 1e9));
    }
    return next;
  }

  private fill(bucket: Bucket, now: number): void {
    if (now > bucket.at) {
      bucket.tokens = Math.min(this.burst, bucket.tokens + (bucket.rate * (now - bucket.at)) / 1e9);
      bucket.at = now;
    }
  }
}

/**
 * Registry entry of `token-bucket`.
 *
 * @example
 * tokenBucketEntry.create({ relocationRate: 50e6 }).burst // => 8388608
 */
export const tokenBucketEntry: SchedulingPolicyEntry = { definition, create: (options) => new TokenBucketScheduler(options) };
