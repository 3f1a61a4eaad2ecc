import { describe, expect, it } from "vitest";
import { ClockPolicy, clockEntry } from "../../../../src/policies/cache/algorithms/clock.ts";
import { run } from "../helpers.ts";

describe("clock", () => {
  it("clock.evict() gives a referenced block a second chance at the head", () => {
    // 1 2 3 miss; 1 hit (bit set); 4: tail 1 has its bit → cleared, moved to head; 2 evicted.
    const policy = new ClockPolicy();
    const { trace, evicted } = run(policy, 3, [1, 2, 3, 1, 4, 2, 1]);
    expect(trace).toBe("MMMHMMH");
    expect(evicted).toEqual([2, 3]);
    expect(policy.keys()).toEqual([2, 4, 1]);
  });

  it("clock with nBitCounter 2 counts up to 3 hits", () => {
    const { evicted } = run(new ClockPolicy(2), 2, [1, 1, 1, 1, 2, 3, 4]);
    // 1 has counter 3: it survives three scans (3 → 2 → 1 → 0) while 2 and 3 go.
    expect(evicted).toEqual([2, 3]);
  });

  it("clockEntry.create() reads nBitCounter", () => {
    expect(clockEntry.definition.parameters.nBitCounter.default).toBe(1);
    expect((clockEntry.create({ capacity: 4, nBitCounter: 3 }) as ClockPolicy).maxFreq).toBe(7);
  });
});
