import { describe, expect, it } from "vitest";
import { EventHeap, orderOf } from "../../src/kernel/event-heap.ts";

describe("EventHeap", () => {
  it("heap.pop() returns slots in (time, priority, sequence) order", () => {
    const heap = new EventHeap(2);
    const entries: Array<[number, number, number]> = [
      [30, 0, 0], [10, 1, 1], [10, 0, 2], [20, 0, 3], [10, 0, 4], [10, -1, 5], [5, 9, 6],
    ];
    entries.forEach(([t, p, s]) => heap.push(t, p, s, s));
    const order: number[] = [];
    while (heap.size > 0) order.push(heap.pop());
    expect(order).toEqual([6, 5, 2, 4, 1, 3, 0]);
  });

  it("heap.pop() on an empty heap returns -1", () => {
    expect(new EventHeap().pop()).toBe(-1);
  });

  it("heap.push() grows past its initial capacity and keeps order over 10 000 random keys", () => {
    const heap = new EventHeap(2);
    let x = 12345;
    const keys: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const t = x % 1000;
      keys.push(t);
      heap.push(t, 0, i, i);
    }
    const expected = keys.map((t, i) => [t, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((e) => e[1]);
    const got: number[] = [];
    while (heap.size > 0) got.push(heap.pop());
    expect(got).toEqual(expected);
  });

  it("interleaved push, pop and retain keep (time, priority, sequence) order (against a sorted list, 20 000 operations)", () => {
    const heap = new EventHeap(2);
    const live: Array<[number, number, number]> = []; // [time, priority, sequence]; slot = sequence
    const byKey = (a: [number, number, number], b: [number, number, number]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    let x = 99;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    let sequence = 0;
    const popped: number[] = [];
    const expected: number[] = [];
    for (let step = 0; step < 20_000; step++) {
      const r = next() % 100;
      if (r < 55 || live.length === 0) {
        const entry: [number, number, number] = [next() % 500, (next() % 3) - 1, sequence++];
        live.push(entry);
        heap.push(entry[0], entry[1], entry[2], entry[2]);
      } else if (r < 99) {
        live.sort(byKey);
        expected.push(live.shift()![2]);
        popped.push(heap.pop());
      } else {
        // Drop every entry whose sequence is divisible by 3.
        heap.retain((slot) => slot % 3 !== 0);
        live.splice(0, live.length, ...live.filter((e) => e[2] % 3 !== 0));
      }
    }
    live.sort(byKey);
    expected.push(...live.map((e) => e[2]));
    while (heap.size > 0) popped.push(heap.pop());
    expect(popped).toEqual(expected);
  });

  it("heap.topPriority() and topSequence() decode the top's tie-break key, extreme values included", () => {
    const heap = new EventHeap();
    heap.push(7, -32768, 2 ** 37 - 1, 1);
    expect([heap.topTime(), heap.topPriority(), heap.topSequence(), heap.topOrder() === orderOf(-32768, 2 ** 37 - 1)]).toEqual([7, -32768, 2 ** 37 - 1, true]);
    heap.push(7, 32767, 0, 2);
    heap.push(7, -1, 3, 3);
    expect([heap.pop(), heap.pop(), heap.pop()]).toEqual([1, 3, 2]);
  });

  it("orderOf() throws on a priority outside [-32768, 32767] or not an integer, and on a sequence past 2^37", () => {
    expect(() => orderOf(0.5, 0)).toThrow("event priority must be an integer");
    expect(() => orderOf(32768, 0)).toThrow("event priority must be an integer");
    expect(() => orderOf(0, 2 ** 37)).toThrow("event sequence must be in");
  });
});
