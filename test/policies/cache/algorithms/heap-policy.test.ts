import { describe, expect, it } from "vitest";
import { HeapPolicy } from "../../../../src/policies/cache/algorithms/heap-policy.ts";
import type { AccessContext } from "../../../../src/policies/cache/types.ts";

/** Least-frequently-used by hand: priority (hits, insert index); the smallest is evicted. */
class CountingPolicy extends HeapPolicy {
  private readonly hits = new Map<number, number>();
  protected onHit(ctx: AccessContext, slot: number): void {
    const hits = (this.hits.get(ctx.key) ?? 0) + 1;
    this.hits.set(ctx.key, hits);
    this.heap.update(slot, hits, ctx.index);
  }
  protected onInsert(ctx: AccessContext, slot: number): void {
    this.heap.push(slot, 0, ctx.index);
  }
}

const at = (key: number, index: number, size = 1): AccessContext => ({ key, size, index, nextAccessIndex: Infinity });

describe("HeapPolicy", () => {
  it("heapPolicy.evict() takes the smallest (primary, secondary) priority the subclass set: 3 never hit goes before 1 and 2 hit once, then 1 (older hit)", () => {
    const policy = new CountingPolicy(2); // grows past its 2 initial slots
    [1, 2, 3].forEach((key, i) => policy.insert(at(key, i, 10)));
    expect([policy.find(at(1, 3)), policy.find(at(2, 4)), policy.find(at(9, 5))]).toEqual([true, true, false]);
    expect([policy.occupied, policy.objectCount]).toEqual([30, 3]);
    expect({ ...policy.evict(at(0, 6)) }).toEqual({ key: 3, size: 10 });
    expect({ ...policy.evict(at(0, 7)) }).toEqual({ key: 1, size: 10 });
    expect([policy.occupied, policy.objectCount]).toEqual([10, 1]);
  });

  it("heapPolicy.remove(key) drops a resident key from the store and the heap, and says false for one not resident", () => {
    const policy = new CountingPolicy();
    [5, 6].forEach((key, i) => policy.insert(at(key, i, 4)));
    expect([policy.remove(5), policy.remove(5), policy.remove(7)]).toEqual([true, false, false]);
    expect([policy.occupied, policy.objectCount]).toEqual([4, 1]);
    expect({ ...policy.evict(at(0, 2)) }).toEqual({ key: 6, size: 4 });
  });
});
