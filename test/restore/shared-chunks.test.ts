import { describe, expect, it } from "vitest";
import { inImage, isSharedChunk } from "../../src/restore/shared-chunks.ts";

describe("shared-chunks", () => {
  it("isSharedChunk(c, f) marks exactly floor(n·f) of chunks 0..n−1, evenly spread", () => {
    for (const fraction of [0, 0.1, 0.25, 0.3, 0.5, 2 / 3, 0.9, 1]) {
      for (const n of [1, 7, 100, 1000]) {
        let shared = 0;
        for (let c = 0; c < n; c++) if (isSharedChunk(c, fraction)) shared++;
        expect(shared).toBe(Math.floor(n * fraction));
      }
    }
    // Spread: every window of 7 chunks at f = 0.3 holds floor(2.1) = 2 or ceil(2.1) = 3 shared ones.
    const flags = Array.from({ length: 1000 }, (_, c) => (isSharedChunk(c, 0.3) ? 1 : 0));
    const counts = new Set<number>();
    for (let start = 0; start + 7 <= 1000; start++) counts.add(flags.slice(start, start + 7).reduce((a: number, b) => a + b, 0));
    expect([...counts].sort()).toEqual([2, 3]);
  });

  it("inImage(image, c) is false past the image's chunks and without an image", () => {
    const image = { name: "t", keyBase: 0, storageBase: 0, chunkCount: 3, fraction: 1 };
    expect([0, 1, 2, 3, 4].map((c) => inImage(image, c))).toEqual([true, true, true, false, false]);
    expect(inImage(null, 0)).toBe(false);
  });
});
