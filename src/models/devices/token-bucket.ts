/**
 * A token bucket in reservation form: `take` always grants a token, returning how long the
 * caller must wait for it (the bucket may go negative, i.e. tokens are promised in order).
 * Models a request-rate limit such as S3's GET/s per prefix. Times in ns, rate in tokens/s.
 *
 * @example
 * const bucket = new TokenBucket(100, 2); // 100/s, burst 2
 * [bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)] // => [0, 0, 10000000, 20000000]
 */
export class TokenBucket {
  private tokens: number;
  private last = 0;

  constructor(
    /** Tokens per second. */
    readonly rate: number,
    /** Bucket size (the largest burst); it starts full. */
    readonly burst: number,
  ) {
    if (!(rate > 0 && burst >= 1)) throw new Error(`TokenBucket requires rate > 0 and burst >= 1, got ${rate}, ${burst}`);
    this.tokens = burst;
  }

  /** Takes one token at time `now` (ns, non-decreasing); returns the integer ns to wait for it. */
  take(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.rate) / 1e9);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.rate) * 1e9 - 1e-6);
  }
}
