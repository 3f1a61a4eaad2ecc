import { describe, expect, it } from "vitest";
import { IO_CLASSES, schedulingPolicies } from "../../../src/policies/scheduling/index.ts";
import { drain, enqueueAll, io } from "./io.ts";

describe("schedulingPolicies", () => {
  it("schedulingPolicies.names() lists every policy in registration order", () => {
    expect(schedulingPolicies.names()).toEqual(["fifo", "strict-priority", "weighted-fair", "mclock", "token-bucket"]);
  });

  it("schedulingPolicies.get() of an unknown name lists the valid names", () => {
    expect(() => schedulingPolicies.get("edf", "vm.yaml", "scheduling.policy")).toThrow(
      'vm.yaml: scheduling.policy: unknown scheduling policy "edf"; expected one of fifo, strict-priority, weighted-fair, mclock, token-bucket',
    );
  });

  it("schedulingPolicies.get(name).create({}) puts demand first except under fifo", () => {
    const orders = schedulingPolicies.names().map((name) => {
      const s = schedulingPolicies.get(name).create({});
      enqueueAll(s, [[1, "relocation"], [2, "prestage"], [3, "demand"]]);
      return drain(s);
    });
    expect(orders).toEqual([
      [1, 2, 3],
      [3, 2, 1],
      [3, 2, 1],
      [3, 2, 1],
      [3, 2, 1],
    ]);
  });

  it("IO_CLASSES lists the classes in priority order", () => {
    expect(IO_CLASSES).toEqual(["demand", "prestage", "relocation"]);
  });
});
