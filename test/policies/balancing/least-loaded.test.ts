import { describe, expect, it } from "vitest";
import { LeastLoadedBalancer } from "../../../src/policies/balancing/least-loaded.ts";
import { task, vsa } from "./helpers.ts";

describe("LeastLoadedBalancer", () => {
  it("leastLoaded.choose() picks fewest streams per slot or fewest seconds of bytes, first on ties", () => {
    const views = [vsa("x", { openStreams: 1, bytesQueued: 1e8 }), vsa("y", { openStreams: 0, bytesQueued: 9e9 }), vsa("z", { openStreams: 0, bytesQueued: 9e9 })];
    expect(new LeastLoadedBalancer("streams").choose(task(), views)).toBe("y");
    expect(new LeastLoadedBalancer("bytes").choose(task(), views)).toBe("x");
  });

  it("leastLoaded.choose() by bytes divides by the rate: 4 GB at 1 GB/s (4 s) beats 1 GB at 100 MB/s (10 s)", () => {
    const slow = vsa("slow", { bytesQueued: 1e9, rate: 1e8 });
    const fast = vsa("fast", { bytesQueued: 4e9, rate: 1e9 });
    expect(new LeastLoadedBalancer().choose(task(), [slow, fast])).toBe("fast");
    expect(new LeastLoadedBalancer().by).toBe("bytes");
  });

  it("leastLoaded.choose() by streams counts per slot: 3 of 8 (0.375) beats 1 of 2 (0.5); none for no candidates", () => {
    const small = vsa("small", { openStreams: 1, slots: 2 });
    const big = vsa("big", { openStreams: 3, slots: 8 });
    expect(new LeastLoadedBalancer("streams").choose(task(), [small, big])).toBe("big");
    expect(new LeastLoadedBalancer("streams").choose(task(), [])).toBeUndefined();
  });
});
