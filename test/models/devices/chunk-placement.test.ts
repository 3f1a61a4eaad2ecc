import { describe, expect, it } from "vitest";
import { ChunkPlacement } from "../../../src/models/devices/chunk-placement.ts";

const stored = 4 * 2 ** 20;

describe("ChunkPlacement", () => {
  it("chunkPlacement.startsRun(i) happens with probability fragmentation", () => {
    const placement = new ChunkPlacement({ storedChunkBytes: stored, capacityBytes: 2 ** 42, fragmentation: 0.3, seed: 17 });
    let runs = 0;
    for (let i = 1; i <= 100_000; i++) if (placement.startsRun(i)) runs++;
    expect(Math.abs(runs / 100_000 - 0.3)).toBeLessThan(0.005);
  });

  it("chunkPlacement.location(i) follows chunk i − 1 unless a run starts", () => {
    const placement = new ChunkPlacement({ storedChunkBytes: stored, capacityBytes: 2 ** 42, fragmentation: 0.3, seed: 17 });
    for (let i = 1; i < 1000; i++) {
      const contiguous = placement.location(i) === placement.location(i - 1) + stored;
      if (!placement.startsRun(i)) expect(contiguous).toBe(true);
      expect(placement.location(i) % stored).toBe(0);
    }
  });

  it("chunkPlacement.location(i) does not depend on the order chunks are asked for", () => {
    const options = { storedChunkBytes: stored, capacityBytes: 2 ** 42, fragmentation: 0.1, seed: 5 };
    const backwards = new ChunkPlacement(options);
    const forwards = new ChunkPlacement(options);
    const late = [999, 500, 10, 0].map((i) => backwards.location(i));
    for (let i = 0; i < 1000; i++) forwards.location(i);
    expect(late).toEqual([999, 500, 10, 0].map((i) => forwards.location(i)));
  });

  it("chunkPlacement.location(i) with fragmentation 0 lays chunks out back to back", () => {
    const placement = new ChunkPlacement({ storedChunkBytes: stored, capacityBytes: 2 ** 42, fragmentation: 0, seed: 1 });
    expect(placement.location(1000) - placement.location(0)).toBe(1000 * stored);
  });

  it("chunkPlacement.location(i) keeps its pinned slots across table pages and on devices past 2^32 slots", () => {
    // Slots computed by the first (Map-based) implementation; the paged table must agree.
    const slotsOf = (capacityBytes: number) => {
      const placement = new ChunkPlacement({ storedChunkBytes: stored, capacityBytes, fragmentation: 0.1, seed: 5 });
      return [4097, 4095, 4096, 0, 123_456, 1].map((i) => placement.location(i) / stored);
    };
    expect(slotsOf(2 ** 42)).toEqual([264987, 264985, 264986, 228585, 594817, 228586]);
    expect(slotsOf(2 ** 62)).toEqual([277849161738, 277849161736, 277849161737, 239689046016, 623691397395, 239689046017]);
  });

  it("chunkPlacement.location(i) from the hashes alone (short runs) equals the run-by-run layout, long runs included", () => {
    for (const fragmentation of [0.1, 0.5]) {
      const options = { storedChunkBytes: stored, capacityBytes: 2 ** 40, fragmentation, seed: 9 };
      const placement = new ChunkPlacement(options);
      const slots = 2 ** 40 / stored;
      let slot = 0;
      for (let i = 0; i < 20_000; i++) {
        // The layout by definition: a run starts at a hashed slot, then each chunk follows its predecessor.
        slot = placement.startsRun(i) ? new ChunkPlacement(options).location(i) / stored : (slot + 1) % slots;
        expect(placement.location(i)).toBe(slot * stored);
      }
    }
  });
});
