import { describe, expect, it } from "vitest";
import { TokenBucketScheduler } from "../../../src/policies/scheduling/token-bucket.ts";
import { drain, enqueueAll } from "./io.ts";

describe("token-bucket", () => {
  it("tokenBucket.dequeue() serves demand unlimited, then each background class while its bucket holds the I/O's bytes", () => {
    // 4 KiB I/Os, burst 8 KiB, prestage 2 MB/s, relocation 1 MB/s; everything queued at 0.
    const s = enqueueAll(new TokenBucketScheduler({ prestageRate: 2e6, relocationRate: 1e6, burst: 8192 }), [
      [1, "relocation"], [2, "relocation"], [3, "relocation"], [4, "prestage"], [5, "prestage"], [6, "prestage"], [7, "demand"],
    ]);
    // Demand 7; prestage 4, 5 empty its bucket; 6 waits, so relocation 1, 2 empty theirs.
    expect(drain(s, 0)).toEqual([7, 4, 5, 1, 2]);
    expect(s.size).toBe(2);
    // Prestage refills 4096 bytes in 4096 / 2e6 s = 2.048 ms, relocation in 4.096 ms.
    expect(s.nextReadyAt(0)).toBe(2_048_000);
    expect(s.dequeue(2_047_999)).toBeUndefined();
    expect(s.dequeue(2_048_000)?.id).toBe(6);
    expect(s.nextReadyAt(2_048_000)).toBe(4_096_000);
    expect(s.dequeue(4_096_000)?.id).toBe(3);
  });

  it("tokenBucket.dequeue() charges an I/O larger than the burst its full size (the bucket goes negative)", () => {
    const s = enqueueAll(new TokenBucketScheduler({ relocationRate: 1e6, burst: 4096 }), [[1, "relocation"], [2, "relocation"]]);
    s.enqueue({ id: 3, ioClass: "relocation", bytes: 12_288, enqueuedAt: 0 });
    expect(drain(s, 0)).toEqual([1]);
    expect(s.dequeue(4_096_000)?.id).toBe(2); // refilled 4096
    expect(s.dequeue(8_192_000)?.id).toBe(3); // eligible at min(12 288, burst) = 4096 tokens; takes 12 288
    s.enqueue({ id: 4, ioClass: "relocation", bytes: 4096, enqueuedAt: 8_192_000 });
    // Tokens -8192 at 8.192 ms: 4096 again after 12 288 bytes at 1 MB/s = 12.288 ms.
    expect(s.nextReadyAt(8_192_000)).toBe(20_480_000);
  });

  it("tokenBucket with no rates is strict priority", () => {
    const s = enqueueAll(new TokenBucketScheduler(), [[1, "relocation"], [2, "prestage"], [3, "demand"], [4, "relocation"]]);
    expect(drain(s, 0)).toEqual([3, 2, 1, 4]);
  });
});
