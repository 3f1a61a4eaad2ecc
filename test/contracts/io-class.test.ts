import { describe, expect, it } from "vitest";
import { IO_CLASSES, type IoClass } from "../../src/contracts/io-class.ts";
import { schedulingPolicies } from "../../src/policies/scheduling/index.ts";

describe("IO_CLASSES", () => {
  it("IO_CLASSES lists each I/O class once, highest priority first: demand, prestage, relocation", () => {
    expect(IO_CLASSES).toEqual(["demand", "prestage", "relocation"]);
    expect(new Set(IO_CLASSES).size).toBe(3);
  });

  it("the strict-priority scheduler dispatches in IO_CLASSES order, whatever the order of arrival", () => {
    const scheduler = schedulingPolicies.get("strict-priority").create({});
    const arrivals: IoClass[] = ["relocation", "prestage", "relocation", "demand", "prestage", "demand"];
    arrivals.forEach((ioClass, id) => scheduler.enqueue({ id, ioClass, bytes: 4096, enqueuedAt: 0 }));
    const dispatched: IoClass[] = [];
    for (let io = scheduler.dequeue(0); io !== undefined; io = scheduler.dequeue(0)) dispatched.push(io.ioClass);
    expect(dispatched).toEqual(IO_CLASSES.flatMap((ioClass) => [ioClass, ioClass]));
  });
});
