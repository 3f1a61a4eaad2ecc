import { describe, expect, it } from "vitest";
import { FifoScheduler, fifoEntry } from "../../../src/policies/scheduling/fifo.ts";
import { drain, enqueueAll, io } from "./io.ts";

describe("fifo", () => {
  it("fifo.dequeue() ignores class: arrival order only", () => {
    const s = new FifoScheduler();
    enqueueAll(s, [[1, "relocation", 0], [2, "prestage", 1], [3, "demand", 2], [4, "relocation", 3], [5, "demand", 4]]);
    expect(drain(s, 1_000_000_000)).toEqual([1, 2, 3, 4, 5]);
  });

  it("fifo.remove() drops a queued pre-stage and counts per class", () => {
    const s = fifoEntry.create({});
    enqueueAll(s, [[1, "prestage"], [2, "demand"], [3, "prestage"]]);
    expect(s.remove(1)).toBe(true);
    expect(s.remove(9)).toBe(false);
    expect([s.size, s.sizeOf("prestage"), s.sizeOf("demand")]).toEqual([2, 1, 1]);
    expect(drain(s)).toEqual([2, 3]);
    expect(s.dequeue(0)).toBeUndefined();
  });
});
