import { describe, expect, it } from "vitest";
import { IndexDeque } from "../../../src/models/queueing/index-deque.ts";

describe("IndexDeque", () => {
  it("push/shift is FIFO, unshift puts an index first, shift on empty is -1", () => {
    const q = new IndexDeque();
    q.push(1);
    q.push(2);
    q.unshift(0);
    expect([q.length, q.shift(), q.shift(), q.shift(), q.shift(), q.length]).toEqual([3, 0, 1, 2, -1, 0]);
  });

  it("keeps order across growth with the head wrapped (unshift at 0, then 200 pushes)", () => {
    const q = new IndexDeque();
    for (let i = 0; i < 50; i++) q.push(i);
    for (let i = 0; i < 40; i++) q.shift();
    q.unshift(1000);
    for (let i = 50; i < 250; i++) q.push(i);
    const out: number[] = [];
    while (q.length > 0) out.push(q.shift());
    expect(out).toEqual([1000, ...Array.from({ length: 210 }, (_, i) => i + 40)]);
  });
});
