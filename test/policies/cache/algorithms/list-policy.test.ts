import { describe, expect, it } from "vitest";
import { ListPolicy } from "../../../../src/policies/cache/algorithms/list-policy.ts";
import { NIL } from "../../../../src/policies/cache/structures/slots.ts";
import type { AccessContext } from "../../../../src/policies/cache/types.ts";

/** FIFO in three lines: the base's head insert and tail evict. */
class Fifo extends ListPolicy {
  find(ctx: AccessContext): boolean {
    return this.store.slotOf(ctx.key) !== NIL;
  }
}

const at = (key: number, size = 1): AccessContext => ({ key, size, index: 0, nextAccessIndex: Infinity });

describe("ListPolicy", () => {
  it("listPolicy.insert() puts keys at the head and evict() takes the tail: keys() newest first", () => {
    const policy = new Fifo(1);
    [1, 2, 3].forEach((key) => policy.insert(at(key, 2)));
    expect(policy.keys()).toEqual([3, 2, 1]);
    expect({ ...policy.evict(at(0)) }).toEqual({ key: 1, size: 2 });
    expect([policy.keys(), policy.occupied, policy.objectCount]).toEqual([[3, 2], 4, 2]);
  });

  it("listPolicy.evictAndInsert(ctx, capacity 5, listener) evicts oldest first until the 3-unit object fits: 2 victims, passed in order", () => {
    const policy = new Fifo();
    [1, 2, 3].forEach((key) => policy.insert(at(key, 2)));
    const victims: number[][] = [];
    expect(policy.evictAndInsert(at(4, 3), 5, (key, size) => victims.push([key, size]))).toBe(2);
    expect(victims).toEqual([[1, 2], [2, 2]]);
    expect([policy.keys(), policy.occupied]).toEqual([[4, 3], 5]);
    expect(policy.evictAndInsert(at(5, 1), 6, undefined)).toBe(0);
  });

  it("listPolicy.remove(key) unlinks a resident key from the middle of the queue", () => {
    const policy = new Fifo();
    [1, 2, 3].forEach((key) => policy.insert(at(key)));
    expect([policy.remove(2), policy.remove(2)]).toEqual([true, false]);
    expect(policy.keys()).toEqual([3, 1]);
  });
});
