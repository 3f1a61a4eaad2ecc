import { describe, expect, it } from "vitest";
import { NIL, SlotStore } from "../../../../src/policies/cache/structures/slots.ts";

describe("slots", () => {
  it("slotStore.add()/release() recycle slots and keep occupied", () => {
    const store = new SlotStore(16);
    const a = store.add(10, 3);
    const b = store.add(20, 5);
    store.pushHead(a);
    store.pushHead(b);
    expect([store.keysFromHead(), store.occupied, store.count]).toEqual([[20, 10], 8, 2]);
    store.unlink(a);
    expect(store.release(a)).toEqual({ key: 10, size: 3 });
    expect([store.slotOf(10), store.add(30, 1)]).toEqual([NIL, a]);
  });

  it("slotStore.moveToHead() reorders the list", () => {
    const store = new SlotStore(16);
    const slots = [1, 2, 3].map((k) => store.add(k, 1));
    for (const s of slots) store.pushHead(s);
    store.moveToHead(slots[0]);
    expect(store.keysFromHead()).toEqual([1, 3, 2]);
    expect(store.keys[store.tail]).toBe(2);
  });

  it("slotStore grows past its initial capacity and reports onGrow", () => {
    const store = new SlotStore(16);
    const grown: number[] = [];
    store.onGrow = (n) => grown.push(n);
    for (let k = 0; k < 40; k++) store.pushHead(store.add(k, 1));
    expect([grown, store.count, store.keys[store.tail], store.slotOf(39)]).toEqual([[32, 64], 40, 0, 39]);
  });
});
