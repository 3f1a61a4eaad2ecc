import { describe, expect, it } from "vitest";
import { sweepSchema } from "../../src/scenario/sweep.ts";

describe("sweepSchema", () => {
  it("sweepSchema.parse() accepts a grid or a list with optional replications", () => {
    expect(sweepSchema.parse({ grid: { "model.servers": [1, 2] }, replications: 5 })).toEqual({ grid: { "model.servers": [1, 2] }, replications: 5 });
    expect(sweepSchema.parse({ list: [{ "model.servers": 1 }, { "model.servers": 4, "model.arrival.mean": "2ms" }] }).list).toHaveLength(2);
  });

  it("sweepSchema rejects both or neither of grid and list, empty value lists and unknown keys", () => {
    const message = (value: unknown) => sweepSchema.safeParse(value).error?.issues.map((issue) => issue.message).join("; ");
    expect(message({ grid: { a: [1] }, list: [{ a: 1 }] })).toBe("exactly one of grid (every combination) or list (explicit points)");
    expect(message({})).toBe("exactly one of grid (every combination) or list (explicit points)");
    expect(sweepSchema.safeParse({ grid: { a: [] } }).success).toBe(false);
    expect(sweepSchema.safeParse({ list: [] }).success).toBe(false);
    expect(sweepSchema.safeParse({ grid: { a: [1] }, replicas: 3 }).success).toBe(false);
    expect(sweepSchema.safeParse({ grid: { a: [1] }, replications: 0 }).success).toBe(false);
  });
});
