import { describe, expect, it } from "vitest";
import { Readahead, initialWindow, nextWindow } from "../../../src/policies/prefetch/readahead.ts";
import { recordingSink } from "./sink.ts";

describe("readahead", () => {
  it("initialWindow() and nextWindow() follow get_init_ra_size and get_next_ra_size", () => {
    expect([1, 2, 4, 8, 9, 40].map((n) => initialWindow(n, 32))).toEqual([4, 4, 8, 16, 32, 32]);
    expect([1, 4, 8, 16, 32].map((n) => initialWindow(n, 128))).toEqual([4, 16, 16, 32, 64]);
    expect([1, 2, 4, 8, 16, 32].map((n) => nextWindow(n, 32))).toEqual([4, 4, 8, 16, 32, 32]);
    expect([4, 8, 64, 128].map((n) => nextWindow(n, 128))).toEqual([16, 16, 128, 128]);
  });

  it("readahead.onDemandRead() grows the window 4 -> 8 -> 16 -> 32 on a sequential stream", () => {
    const { sink, take } = recordingSink();
    const ra = new Readahead({ maxWindow: 32 });
    const sizes: number[] = [];
    const emitted: [number, number][] = [];
    for (let b = 0; b < 100; b++) {
      ra.onDemandRead({ firstBlock: b, blockCount: 1, time: b }, sink);
      for (const [first, count] of take()) {
        emitted.push([first, count]);
        sizes.push(ra.window.size);
      }
    }
    expect(sizes).toEqual([4, 8, 16, 32, 32, 32, 32]);
    // Window [0,4) minus the read block, then each next window when the guest reaches its first block.
    expect(emitted).toEqual([
      [1, 3],
      [4, 8],
      [12, 16],
      [28, 32],
      [60, 32],
      [92, 32],
      [124, 32],
    ]);
  });

  it("readahead.onDemandRead() reads a random read as is and restarts on the next sequential miss", () => {
    const { sink, take } = recordingSink();
    const ra = new Readahead();
    ra.onDemandRead({ firstBlock: 0, blockCount: 1, time: 0 }, sink);
    expect(take()).toEqual([[1, 3, "prestage"]]);
    ra.onDemandRead({ firstBlock: 1000, blockCount: 2, time: 1 }, sink);
    expect(take()).toEqual([]);
    expect(ra.window).toEqual({ start: 0, size: 4, asyncSize: 3 });
    ra.onDemandRead({ firstBlock: 1002, blockCount: 2, time: 2 }, sink);
    // Initial window for a 2-block read: 2 > 32/32, so x2 = 4 blocks from 1002, minus the read.
    expect(take()).toEqual([[1004, 2, "prestage"]]);
    expect(ra.window).toEqual({ start: 1002, size: 4, asyncSize: 2 });
  });

  it("readahead.onDemandRead() merges the next window when a read covers its whole initial window", () => {
    const { sink, take } = recordingSink();
    const ra = new Readahead({ maxWindow: 32 });
    // An oversize read of 40 blocks: initial window max = 32 with async 32, merged at once into
    // size 32, async 16 (the kernel's readit case), all inside the read: nothing to emit.
    ra.onDemandRead({ firstBlock: 0, blockCount: 40, time: 0 }, sink);
    expect(ra.window).toEqual({ start: 0, size: 32, asyncSize: 16 });
    expect(take()).toEqual([]);
  });
});
