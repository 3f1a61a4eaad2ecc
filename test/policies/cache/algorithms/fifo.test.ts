import { describe, expect, it } from "vitest";
import { FifoPolicy, fifoEntry } from "../../../../src/policies/cache/algorithms/fifo.ts";
import { run } from "../helpers.ts";

describe("fifo", () => {
  it("fifo.evict() removes the oldest insert even if it was just hit", () => {
    const { trace, evicted } = run(new FifoPolicy(), 3, [1, 2, 3, 1, 4, 1, 2, 5]);
    expect(trace).toBe("MMMHMMMM");
    expect(evicted).toEqual([1, 2, 3, 4]);
  });

  it("fifo.remove() drops a key and frees its size", () => {
    const policy = new FifoPolicy();
    const { cache } = run(policy, 3, [1, 2, 3]);
    expect(cache.remove(2)).toBe(true);
    expect(cache.remove(2)).toBe(false);
    expect(policy.keys()).toEqual([3, 1]);
    expect(policy.occupied).toBe(2);
  });

  it("fifoEntry.create() builds an empty policy named fifo", () => {
    expect(fifoEntry.definition.name).toBe("fifo");
    expect(fifoEntry.create({ capacity: 4 }).objectCount).toBe(0);
  });
});
