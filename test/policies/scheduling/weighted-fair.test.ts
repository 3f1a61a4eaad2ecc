import { describe, expect, it } from "vitest";
import type { IoClass } from "../../../src/policies/scheduling/types.ts";
import { WeightedFairScheduler, weightedFairEntry } from "../../../src/policies/scheduling/weighted-fair.ts";
import { drain, io } from "./io.ts";

/** Bytes dispatched per class over the first `dispatches` of a scheduler kept backlogged in every class. */
function backlogShares(s: WeightedFairScheduler, dispatches: number, bytesOf: (ioClass: IoClass, k: number) => number) {
  const served: Record<IoClass, number> = { demand: 0, prestage: 0, relocation: 0 };
  let id = 0;
  const arrivals: Record<IoClass, number> = { demand: 0, prestage: 0, relocation: 0 };
  const top = (ioClass: IoClass) => {
    while (s.sizeOf(ioClass) < 4) s.enqueue(io(id++, ioClass, 0, bytesOf(ioClass, arrivals[ioClass]++)));
  };
  for (let k = 0; k < dispatches; k++) {
    for (const c of ["demand", "prestage", "relocation"] as const) top(c);
    const next = s.dequeue(k) as { ioClass: IoClass; bytes: number };
    served[next.ioClass] += next.bytes;
  }
  return served;
}

describe("weighted-fair", () => {
  it("weightedFair.dequeue() orders by start tag, ties to the higher class (hand-computed)", () => {
    const s = new WeightedFairScheduler(); // 8 : 2 : 1; every I/O below costs 1024 virtual units
    s.enqueue(io(1, "relocation", 0, 1024)); // S 0, then 1024
    s.enqueue(io(2, "relocation", 0, 1024));
    s.enqueue(io(3, "prestage", 0, 2048)); // S 0, then 1024
    s.enqueue(io(4, "prestage", 0, 2048));
    s.enqueue(io(5, "demand", 0, 8192)); // S 0, 1024, 2048
    s.enqueue(io(6, "demand", 0, 8192));
    s.enqueue(io(7, "demand", 0, 8192));
    expect(drain(s)).toEqual([5, 3, 1, 6, 4, 2, 7]);
  });

  it("weightedFair.dequeue() gives equal-size I/Os 8 demand to 2 prestage to 1 relocation per round", () => {
    const s = new WeightedFairScheduler();
    let id = 0;
    for (let k = 0; k < 8; k++) s.enqueue(io(id++, "demand"));
    for (let k = 0; k < 8; k++) s.enqueue(io(id++, "prestage"));
    for (let k = 0; k < 8; k++) s.enqueue(io(id++, "relocation"));
    const classes = drain(s).slice(0, 11).map((i) => (i < 8 ? "d" : i < 16 ? "p" : "r"));
    // Tags (4096 / weight): demand 0, 512, ..., 3584; prestage 0, 2048; relocation 0.
    expect(classes.join("")).toBe("dprddddpddd");
  });

  it("weightedFair.dequeue() converges to the 8:2:1 byte shares on a long backlog within 1%", () => {
    const sizes = [4096, 65536, 16384, 8192, 131072];
    const served = backlogShares(new WeightedFairScheduler(), 30_000, (c, k) => sizes[(k + c.length) % sizes.length]);
    const total = served.demand + served.prestage + served.relocation;
    expect(Math.abs(served.demand / total - 8 / 11)).toBeLessThan(0.01 * (8 / 11));
    expect(Math.abs(served.prestage / total - 2 / 11)).toBeLessThan(0.01 * (2 / 11));
    expect(Math.abs(served.relocation / total - 1 / 11)).toBeLessThan(0.01 * (1 / 11));
  });

  it("weightedFair.dequeue() follows configured weights 1:1:2", () => {
    const s = weightedFairEntry.create({ demandWeight: 1, prestageWeight: 1, relocationWeight: 2 }) as WeightedFairScheduler;
    const served = backlogShares(s, 4000, () => 4096);
    expect([served.demand, served.prestage, served.relocation]).toEqual([1000 * 4096, 1000 * 4096, 2000 * 4096]);
  });

  it("weightedFair.dequeue() is work-conserving: a lone class is served at once", () => {
    const s = new WeightedFairScheduler();
    s.enqueue(io(1, "relocation", 0, 1 << 20));
    s.enqueue(io(2, "relocation", 0, 1 << 20));
    expect(drain(s)).toEqual([1, 2]);
    expect(s.dequeue(0)).toBeUndefined();
  });

  it("weightedFair.enqueue() after an idle spell gives no class credit for the past", () => {
    const s = new WeightedFairScheduler();
    // Relocation alone runs far ahead in virtual time...
    for (let id = 1; id <= 10; id++) s.enqueue(io(id, "relocation", 0, 4096));
    drain(s);
    // ...then, after the queue empties, both classes start from the same virtual time.
    s.enqueue(io(11, "relocation", 1, 4096));
    s.enqueue(io(12, "demand", 1, 4096));
    s.enqueue(io(13, "demand", 1, 4096));
    expect(drain(s)).toEqual([12, 11, 13]);
  });

  it("weightedFair.remove() leaves the removed I/O out as if it never arrived", () => {
    const s = new WeightedFairScheduler({ demandWeight: 1, prestageWeight: 1, relocationWeight: 1 });
    s.enqueue(io(1, "prestage", 0, 4096));
    s.enqueue(io(2, "prestage", 0, 4096));
    s.enqueue(io(3, "relocation", 0, 4096));
    s.enqueue(io(4, "relocation", 0, 4096));
    expect(s.remove(1)).toBe(true);
    expect([s.size, s.sizeOf("prestage")]).toEqual([3, 1]);
    expect(drain(s)).toEqual([2, 3, 4]);
  });

  it("new WeightedFairScheduler() rejects a zero weight naming the parameter", () => {
    expect(() => new WeightedFairScheduler({ prestageWeight: 0 })).toThrow("scheduling: weighted-fair.prestageWeight: a number >= 0.001, got 0");
  });
});
