import { describe, expect, it } from "vitest";
import { IoFifo } from "../../../src/policies/scheduling/io-fifo.ts";
import { io } from "./io.ts";

describe("IoFifo", () => {
  it("ioFifo.shift() returns I/Os in push order, skipping removed ones", () => {
    const q = new IoFifo();
    for (let id = 1; id <= 5; id++) q.push(io(id, "prestage", id));
    expect(q.remove(1)).toBe(true);
    expect(q.remove(3)).toBe(true);
    expect(q.remove(3)).toBe(false);
    expect([q.shift()?.id, q.shift()?.id, q.shift()?.id, q.shift()]).toEqual([2, 4, 5, undefined]);
  });

  it("ioFifo.sizeOf() counts live I/Os per class", () => {
    const q = new IoFifo();
    q.push(io(1, "demand"));
    q.push(io(2, "relocation"));
    q.push(io(3, "relocation"));
    q.remove(2);
    expect([q.size, q.sizeOf("demand"), q.sizeOf("prestage"), q.sizeOf("relocation")]).toEqual([2, 1, 0, 1]);
  });

  it("ioFifo.push() of a queued id throws", () => {
    const q = new IoFifo();
    q.push(io(1, "demand"));
    expect(() => q.push(io(1, "prestage"))).toThrow("I/O 1 is already queued");
  });

  it("ioFifo.remove() still finds I/Os after the queue compacts", () => {
    const q = new IoFifo();
    for (let id = 0; id < 5000; id++) q.push(io(id, "relocation", id));
    for (let id = 0; id < 3000; id++) expect(q.shift()?.id).toBe(id);
    expect(q.remove(4321)).toBe(true);
    expect(q.remove(2999)).toBe(false);
    expect(q.peek()?.id).toBe(3000);
    const rest: number[] = [];
    for (let next = q.shift(); next; next = q.shift()) rest.push(next.id);
    expect(rest.length).toBe(1999);
    expect(rest.includes(4321)).toBe(false);
    expect(q.size).toBe(0);
  });

  it("ioFifo.push() after emptying reuses ids that left the queue", () => {
    const q = new IoFifo();
    q.push(io(1, "demand"));
    q.shift();
    q.push(io(1, "demand"));
    expect(q.remove(1)).toBe(true);
    expect(q.size).toBe(0);
  });
});
