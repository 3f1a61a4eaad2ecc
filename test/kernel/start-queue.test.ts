import { describe, expect, it } from "vitest";
import { orderOf } from "../../src/kernel/event-heap.ts";
import { PRIORITY_URGENT } from "../../src/kernel/priority.ts";
import { StartQueue } from "../../src/kernel/start-queue.ts";

describe("StartQueue", () => {
  it("keeps starts first-in-first-out with the order key of an urgent event, across growth", () => {
    const q = new StartQueue();
    const started: number[] = [];
    // 40 pushes with shifts in between: the ring wraps and grows (from 16) with items in it.
    let next = 0;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 10; i++, next++) {
        const n = next;
        q.push(100 + n, { start: () => started.push(n) });
      }
      for (let i = 0; i < 3; i++) {
        expect(q.headOrder()).toBe(orderOf(PRIORITY_URGENT, 100 + started.length));
        q.shift().start();
      }
    }
    expect(q.count).toBe(40 - 12);
    while (q.count > 0) q.shift().start();
    expect(started).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});
