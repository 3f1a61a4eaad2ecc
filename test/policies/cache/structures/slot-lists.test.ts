import { describe, expect, it } from "vitest";
import { QueuePolicy, SlotLists } from "../../../../src/policies/cache/structures/slot-lists.ts";
import type { AccessContext, EvictedObject } from "../../../../src/policies/cache/types.ts";

const NIL = -1;

/** Keys of list `l`, head (newest) to tail. */
function keysOf(lists: SlotLists, l: number): number[] {
  const out: number[] = [];
  for (let s = lists.head[l]; s !== NIL; s = lists.nextOf(s)) out.push(lists.keyOf(s));
  return out;
}

describe("SlotLists", () => {
  it("slotLists keeps each list's order, byte and length counts through pushHead, moveTo and unlink", () => {
    const lists = new SlotLists(2, 2);
    const slots = [10, 20, 30].map((key) => lists.alloc(key, key / 10));
    slots.forEach((slot) => lists.pushHead(0, slot));
    expect([keysOf(lists, 0), lists.bytes[0], lists.count[0]]).toEqual([[30, 20, 10], 6, 3]);
    lists.moveTo(1, slots[1]);
    expect([keysOf(lists, 0), keysOf(lists, 1), [...lists.bytes], [...lists.count]]).toEqual([[30, 10], [20], [4, 2], [2, 1]]);
    lists.unlink(slots[2]);
    expect([keysOf(lists, 0), lists.tail[0] === slots[0], lists.listOf(slots[2])]).toEqual([[10], true, -1]);
  });

  it("slotLists.slotOf(key) finds allocated slots past the pool's growth, and release() frees a slot for reuse and unindexes it", () => {
    const lists = new SlotLists(1, 1);
    const slots = Array.from({ length: 100 }, (_, i) => lists.alloc(1000 + i, 1));
    expect(slots.every((slot, i) => lists.slotOf(1000 + i) === slot)).toBe(true);
    lists.pushHead(0, slots[7]);
    lists.release(slots[7]);
    expect([lists.slotOf(1007), lists.count[0], lists.bytes[0]]).toEqual([-1, 0, 0]);
    expect(lists.alloc(5, 1)).toBe(slots[7]); // the freed slot comes back first
  });
});

/** FIFO on list 0 with a ghost list 2 of evicted keys, built on QueuePolicy. */
class GhostFifo extends QueuePolicy {
  constructor() {
    super(3);
  }
  find(ctx: AccessContext): boolean {
    const slot = this.lists.slotOf(ctx.key);
    return slot !== NIL && this.lists.listOf(slot) <= 1;
  }
  insert(ctx: AccessContext): void {
    this.add(0, ctx.key, ctx.size);
  }
  evict(): EvictedObject {
    const slot = this.lists.tail[0];
    const victim = { ...this.take(slot) };
    this.lists.moveTo(2, slot);
    return victim;
  }
  ghosts(): number[] {
    return this.keysOf(2);
  }
}

describe("QueuePolicy", () => {
  it("queuePolicy counts only lists 0 and 1 as resident; remove() of a ghost forgets it and says false", () => {
    const policy = new GhostFifo();
    [1, 2, 3].forEach((key) => policy.insert({ key, size: 5, index: 0, nextAccessIndex: Infinity }));
    expect(policy.evict()).toEqual({ key: 1, size: 5 });
    expect([policy.occupied, policy.objectCount, policy.ghosts()]).toEqual([10, 2, [1]]);
    expect([policy.remove(1), policy.ghosts(), policy.remove(2), policy.occupied]).toEqual([false, [], true, 5]);
  });
});
