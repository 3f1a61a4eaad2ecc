import { describe, expect, it } from "vitest";
import { IntrusiveList, MultiListSlots } from "../../../../src/policies/cache/structures/intrusive-list.ts";

describe("intrusive-list", () => {
  it("intrusiveList.pushHead()/unlink()/moveToHead() keep order, count and bytes", () => {
    const list = new IntrusiveList(8);
    for (const slot of [0, 1, 2, 3]) list.pushHead(slot, slot + 1);
    list.moveToHead(0);
    list.moveToHead(0);
    list.moveToHead(2);
    list.unlink(1, 2);
    list.unlink(2, 3);
    expect([list.slots(), list.head, list.tail, list.count, list.bytes]).toEqual([[0, 3], 0, 3, 2, 5]);
    list.unlink(0, 1);
    list.unlink(3, 4);
    expect([list.slots(), list.head, list.tail, list.count, list.bytes]).toEqual([[], -1, -1, 0, 0]);
  });

  it("multiListSlots keeps a slot on several lists at once, recycles freed slots and grows", () => {
    const store = new MultiListSlots(2, 16);
    const [a, b] = store.lists;
    const slots = Array.from({ length: 40 }, (_, i) => store.alloc(1000 + i, i));
    for (const slot of slots) a.pushHead(slot, store.sizes[slot]);
    for (const slot of slots.slice(0, 3)) b.pushHead(slot, store.sizes[slot]);
    expect([a.count, a.bytes, b.slots().map((s) => store.keys[s])]).toEqual([40, 780, [1002, 1001, 1000]]);
    a.unlink(slots[39], 39);
    store.free(slots[39]);
    expect([store.slotOf(1039), store.alloc(7, 1), store.slotOf(7), store.slotOf(1020)]).toEqual([-1, slots[39], slots[39], slots[20]]);
  });
});
