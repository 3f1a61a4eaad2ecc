import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { workersOption } from "../../../src/cli/commands/workers-option.ts";

describe("workersOption", () => {
  it("workersOption() passes 0 … 1024 through and defaults to the machine's cores", () => {
    expect([workersOption(0), workersOption(3), workersOption(1024)]).toEqual([0, 3, 1024]);
    expect(workersOption(undefined)).toBe(availableParallelism());
  });

  it("workersOption() names --workers for a negative, fractional or huge count", () => {
    expect(() => workersOption(-1)).toThrow("--workers: -1: a whole number of worker threads, 0 to 1024");
    expect(() => workersOption(1.5)).toThrow("--workers: 1.5: a whole number");
    expect(() => workersOption(1025)).toThrow("--workers: 1025: a whole number");
    expect(() => workersOption(Number.NaN)).toThrow("--workers: NaN: a whole number");
  });
});
