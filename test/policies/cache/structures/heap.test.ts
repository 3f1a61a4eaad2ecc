import { describe, expect, it } from "vitest";
import { SlotHeap } from "../../../../src/policies/cache/structures/heap.ts";

describe("heap", () => {
  it("slotHeap.peek() returns the smallest (primary, secondary)", () => {
    const heap = new SlotHeap(16);
    heap.push(0, 5, 0);
    heap.push(1, 2, 9);
    heap.push(2, 2, 3);
    heap.push(3, -Infinity, 1);
    const order: number[] = [];
    while (heap.size > 0) {
      const top = heap.peek();
      order.push(top);
      heap.delete(top);
    }
    expect(order).toEqual([3, 2, 1, 0]);
  });

  it("slotHeap.update() and delete() keep the order", () => {
    const heap = new SlotHeap(16);
    for (let s = 0; s < 10; s++) heap.push(s, s, 0);
    heap.update(9, -1, 0);
    heap.delete(0);
    heap.update(1, 100, 0);
    const order: number[] = [];
    while (heap.size > 0) {
      order.push(heap.peek());
      heap.delete(heap.peek());
    }
    expect(order).toEqual([9, 2, 3, 4, 5, 6, 7, 8, 1]);
  });

  it("slotHeap.grow() keeps entries", () => {
    const heap = new SlotHeap(16);
    heap.push(3, 1, 0);
    heap.grow(64);
    heap.push(40, 0, 0);
    expect([heap.peek(), heap.size]).toEqual([40, 2]);
  });
});
