import { describe, expect, it } from "vitest";
import { BinPackingBalancer, predictedFinish } from "../../../src/policies/balancing/bin-packing.ts";
import { context, task, vsa } from "./helpers.ts";

describe("BinPackingBalancer", () => {
  it("predictedFinish() is max(now, readyAt) + (queued + predicted bytes) / rate, in ns", () => {
    expect(predictedFinish({ predictedBytes: 4e8 }, { readyAt: 0, bytesQueued: 4e8, rate: 4e8 }, 0)).toBe(2e9);
    // Not ready until 60 s: 60 s + 1 GB / 1 GB/s = 61 s.
    expect(predictedFinish({ predictedBytes: 1e9 }, { readyAt: 60e9, bytesQueued: 0, rate: 1e9 }, 5e9)).toBe(61e9);
    // Ready long ago: now counts.
    expect(predictedFinish({ predictedBytes: 1e9 }, { readyAt: 0, bytesQueued: 0, rate: 1e9 }, 5e9)).toBe(6e9);
  });

  it("binPacking.choose() picks the earliest predicted finish, counting readyAt", () => {
    // slow: 1e9 / 1e8 = 10 s; fast: (5e9 + 1e9) / 1e9 = 6 s; new: 60 s + 1 s = 61 s.
    const slowButEmpty = vsa("slow", { rate: 1e8 });
    const fastButBusy = vsa("fast", { rate: 1e9, bytesQueued: 5e9 });
    const notReady = vsa("new", { rate: 1e9, readyAt: 60e9 });
    expect(new BinPackingBalancer().choose(task({ predictedBytes: 1e9 }), [slowButEmpty, fastButBusy, notReady], context)).toBe("fast");
    expect(new BinPackingBalancer().largestFirst).toBe(true);
  });

  it("binPacking.choose() takes the first on equal finishes and returns undefined for none", () => {
    const a = vsa("a", { rate: 1e9, bytesQueued: 1e9 });
    const b = vsa("b", { rate: 2e9, bytesQueued: 3e9 }); // (3e9 + 1e9) / 2e9 = 2 s, like a's (1e9 + 1e9) / 1e9
    expect(new BinPackingBalancer().choose(task({ predictedBytes: 1e9 }), [b, a], context)).toBe("b");
    expect(new BinPackingBalancer().choose(task(), [], context)).toBeUndefined();
  });

  it("binPacking offers tasks largest first: Graham's LPT on 2 equal VSAs and sizes 7, 5, 4, 3, 1 GB gives makespan 10 s", () => {
    const rate = 1e9;
    const queued = [0, 0];
    const policy = new BinPackingBalancer();
    for (const size of [7e9, 5e9, 4e9, 3e9, 1e9]) {
      const views = queued.map((bytes, i) => vsa(`v${i}`, { rate, bytesQueued: bytes }));
      const chosen = policy.choose(task({ predictedBytes: size }), views, context);
      queued[chosen === "v0" ? 0 : 1] += size;
    }
    // Finishes (s): 7 → v0; 5 → v1 (5 vs 7); 4 → v1 (9 vs 11); 3 → v0 (10 vs 12); 1 → v1 (10 vs 11).
    expect(queued).toEqual([10e9, 10e9]);
  });
});
