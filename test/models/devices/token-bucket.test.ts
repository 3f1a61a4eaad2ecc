import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../../src/models/devices/token-bucket.ts";

describe("TokenBucket", () => {
  it("tokenBucket.take(now) grants the burst at once, then one token per 1/rate", () => {
    const bucket = new TokenBucket(100, 2);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([0, 0, 10_000_000, 20_000_000]);
    // At 1 s the bucket has refilled to its burst size (2) only.
    expect([bucket.take(1e9), bucket.take(1e9), bucket.take(1e9)]).toEqual([0, 0, 10_000_000]);
  });

  it("tokenBucket.take() refills at the rate between calls: half a token after 5 ms at 100/s", () => {
    const bucket = new TokenBucket(100, 1);
    expect(bucket.take(0)).toBe(0);
    // At 5 ms: 0.5 tokens, one more promised → −0.5 → wait 5 ms.
    expect(bucket.take(5_000_000)).toBe(5_000_000);
    // At 20 ms: −0.5 + 1.5 = 1 token (capped at the burst) → granted at once.
    expect(bucket.take(20_000_000)).toBe(0);
  });

  it("new TokenBucket() refuses a non-positive rate or a burst under 1", () => {
    expect(() => new TokenBucket(0, 1)).toThrow(/rate > 0 and burst >= 1/);
    expect(() => new TokenBucket(10, 0.5)).toThrow(/rate > 0 and burst >= 1/);
  });
});
