import { describe, expect, it } from "vitest";
import { ClassQueues } from "../../../src/policies/scheduling/class-queues.ts";
import type { QueuedIo } from "../../../src/policies/scheduling/types.ts";

/** The smallest subclass: prestage before demand before relocation, to see the queues apart. */
class PrestageFirst extends ClassQueues {
  dequeue(): QueuedIo | undefined {
    return this.take("prestage") ?? this.take("demand") ?? this.take("relocation");
  }
}

const io = (id: number, ioClass: QueuedIo["ioClass"]): QueuedIo => ({ id, ioClass, bytes: 4096, enqueuedAt: id });

describe("ClassQueues", () => {
  it("classQueues keeps one FIFO per class and counts them; dequeue order is the subclass's", () => {
    const q = new PrestageFirst();
    for (const item of [io(1, "demand"), io(2, "relocation"), io(3, "prestage"), io(4, "demand"), io(5, "prestage")]) q.enqueue(item);
    expect([q.size, q.sizeOf("demand"), q.sizeOf("prestage"), q.sizeOf("relocation")]).toEqual([5, 2, 2, 1]);
    const order: number[] = [];
    for (let next = q.dequeue(); next; next = q.dequeue()) order.push(next.id);
    expect(order).toEqual([3, 5, 1, 4, 2]);
    expect(q.size).toBe(0);
  });

  it("classQueues.remove(id) takes an I/O out of whichever class holds it, once", () => {
    const q = new PrestageFirst();
    q.enqueue(io(1, "demand"));
    q.enqueue(io(2, "relocation"));
    expect(q.remove(2)).toBe(true);
    expect(q.remove(2)).toBe(false);
    expect(q.remove(9)).toBe(false);
    expect([q.size, q.sizeOf("relocation"), q.dequeue()?.id]).toEqual([1, 0, 1]);
  });

  it("classQueues.enqueue() refuses an id already queued, in any class", () => {
    const q = new PrestageFirst();
    q.enqueue(io(7, "demand"));
    expect(() => q.enqueue(io(7, "relocation"))).toThrow("I/O 7 is already queued");
    expect(q.size).toBe(1);
  });
});
