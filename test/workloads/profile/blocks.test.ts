import { describe, expect, it } from "vitest";
import { distinctBlocks, traceBlockReads } from "../../../src/workloads/profile/blocks.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";

describe("blocks", () => {
  it("traceBlockReads() maps reads to the blocks they touch, skipping writes, flushes and requests at or after the cut", () => {
    const trace: TraceRequest[] = [
      { timeUs: 0, op: "R", offset: 0, length: 512 },
      { timeUs: 1, op: "W", offset: 8192, length: 4096 },
      { timeUs: 2, op: "R", offset: 6144, length: 4096 }, // bytes 6144..10239: blocks 1 and 2
      { timeUs: 3, op: "F", offset: 0, length: 0 },
      { timeUs: 4, op: "R", offset: 40960, length: 0 },
      { timeUs: 5, op: "R", offset: 16384, length: 8192 },
    ];
    expect(traceBlockReads(trace, { blockSize: 4096 })).toEqual([
      { firstBlock: 0, blockCount: 1 },
      { firstBlock: 1, blockCount: 2 },
      { firstBlock: 4, blockCount: 2 },
    ]);
    expect(traceBlockReads(trace, { blockSize: 4096, cutAtUs: 5 })).toHaveLength(2);
  });

  it("distinctBlocks() lists each block once, in first-access order", () => {
    expect(distinctBlocks([{ firstBlock: 3, blockCount: 2 }, { firstBlock: 0, blockCount: 4 }])).toEqual([3, 4, 0, 1, 2]);
  });
});
