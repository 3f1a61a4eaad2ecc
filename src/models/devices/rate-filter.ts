import type { Simulation } from "../../kernel/simulation.ts";

/** Tokens are kept in units of 1e-9 bit, so that `rate` bits/s adds exactly `rate` of them per ns. */
const SCALE = 1_000_000_000n;

/**
 * nbdkit's rate filter (filters/rate/bucket.c and rate.c in libguestfs/nbdkit): a token bucket in
 * bits that holds each read or write until its bits are in the bucket, then lets it pass. The
 * bucket holds `rate × burstiness` bits and starts full. A request of n bytes needs 8n bits; each
 * attempt first refills the bucket by `rate × elapsed` (capped at its capacity), then either takes
 * all the bits it needs and passes, or takes every token there is, sleeps for the time the
 * remaining bits take to accrue (`remaining / rate`, rounded up to a whole ns) and attempts again
 * with what remains. Requests are not queued: one that arrives while another sleeps may take the
 * tokens accrued meanwhile and pass first, and the sleeper then takes what is left and sleeps
 * again (as nbdkit's threads do). Tokens are exact (integer multiples of 1e-9 bit, in BigInt),
 * where nbdkit truncates each refill to whole bits at µs resolution: the difference is under one
 * bit per attempt. A zero-length request passes at once without touching the bucket.
 *
 * @example
 * // 8 Mbit/s (1 MB/s), 1 ms of burst: the bucket holds 8000 bits (1000 bytes) and starts full.
 * const filter = new RateFilter(sim, 8_000_000, 1_000_000);
 * const passed: number[] = [];
 * filter.admit(1000, () => passed.push(sim.now)); // takes the full bucket: passes at once
 * filter.admit(500, () => passed.push(sim.now)); // the bucket is empty: sleeps 0.5 ms for 4000 bits
 * sim.run();
 * passed // => [0, 500000]
 */
export class RateFilter {
  /** Bucket level, 1e-9 bit. */
  private level: bigint;
  /** When the bucket was last refilled, ns. */
  private last: number;
  private readonly rate: bigint;
  private readonly capacity: bigint;

  constructor(
    private readonly sim: Simulation,
    /** Bits per second (nbdkit's `rate=`), a positive integer. */
    readonly bitsPerSecond: number,
    /** Burst allowance, ns (nbdkit's `burstiness=`, 2 s by default there): capacity = rate × burstiness. */
    readonly burstinessNs: number,
  ) {
    if (!(Number.isSafeInteger(bitsPerSecond) && bitsPerSecond > 0 && Number.isSafeInteger(burstinessNs) && burstinessNs > 0)) {
      throw new Error(`RateFilter requires a positive integer rate (bits/s) and burstiness (ns), got ${bitsPerSecond}, ${burstinessNs}`);
    }
    this.rate = BigInt(bitsPerSecond);
    this.capacity = this.rate * BigInt(burstinessNs);
    this.level = this.capacity;
    this.last = sim.now;
  }

  /**
   * A filter of `bytesPerSecond` (a scenario's `rateLimit`: nbdkit's bits/s ÷ 8) and a burst of
   * `burstinessNs`, both rounded to the whole bits/s and ns nbdkit's loop counts in (at least 1).
   *
   * @example
   * RateFilter.ofBytes(sim, 4 * 2 ** 20, 2e9).levelBits() // => 67108864 // rateLimit 4MiB/s is nbdkit's rate=32M
   */
  static ofBytes(sim: Simulation, bytesPerSecond: number, burstinessNs: number): RateFilter {
    return new RateFilter(sim, Math.max(1, Math.round(bytesPerSecond * 8)), Math.max(1, Math.round(burstinessNs)));
  }

  /**
   * The bucket's level now (refilled up to now), bits.
   *
   * @example
   * new RateFilter(sim, 32 * 2 ** 20, 2e9).levelBits() // => 67108864 // nbdkit rate=32M: 2 s of it, full
   */
  levelBits(): number {
    this.refill();
    return Number(this.level) / 1e9;
  }

  /**
   * Lets `bytes` bytes through: calls `pass` once their bits are taken (synchronously when the
   * bucket holds them already).
   *
   * @example
   * const filter = new RateFilter(sim, 8_000_000, 1_000_000); // 1000 B deep
   * let at = -1;
   * filter.admit(1500, () => (at = sim.now)); // 500 B short: sleeps 0.5 ms
   * sim.run();
   * at // => 500000
   */
  admit(bytes: number, pass: () => void): void {
    if (bytes <= 0) pass();
    else this.attempt(BigInt(bytes) * 8n * SCALE, pass);
  }

  /** One turn of nbdkit's loop for a request still needing `need` (1e-9 bit). */
  private attempt(need: bigint, pass: () => void): void {
    this.refill();
    if (this.level >= need) {
      this.level -= need;
      pass();
      return;
    }
    const remaining = need - this.level;
    this.level = 0n;
    const sleep = (remaining + this.rate - 1n) / this.rate;
    this.sim.schedule(Number(sleep), "rate-filter.sleep", () => this.attempt(remaining, pass));
  }

  private refill(): void {
    const now = this.sim.now;
    const added = this.level + this.rate * BigInt(now - this.last);
    this.level = added < this.capacity ? added : this.capacity;
    this.last = now;
  }
}
