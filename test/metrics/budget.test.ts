import { describe, expect, it } from "vitest";
import { budgetLimit, holds, parseBudget } from "../../src/metrics/budget.ts";

describe("parseBudget", () => {
  it("reads metric, optional variant, operator and limit, with or without spaces", () => {
    expect(parseBudget("tts.p95@instant <= 90s", "b.yaml", "scenarios.r[0]")).toEqual({ metric: "tts.p95", variant: "instant", operator: "<=", limit: "90s", text: "tts.p95@instant <= 90s" });
    expect(parseBudget("  backup.crossSite<2TiB ", "--budget", "x")).toEqual({ metric: "backup.crossSite", operator: "<", limit: "2TiB", text: "backup.crossSite<2TiB" });
    expect(parseBudget("jain>=0.9", "--budget", "x").operator).toBe(">=");
    expect(parseBudget("jain > 0.9", "--budget", "x").operator).toBe(">");
  });

  it("a malformed budget is one InputError line naming the source, the place and the grammar", () => {
    expect(() => parseBudget("waitMean ~ 5", "b.yaml", "scenarios.r[1]")).toThrow(
      'b.yaml: scenarios.r[1]: a budget metric[@variant] <op> limit, like "waitMean <= 5ms" or "tts.p95@instant<=90s" (op: <=, <, >=, >)',
    );
    expect(() => parseBudget("tts.p95 <= 5 min", "--budget", "tts.p95 <= 5 min")).toThrow(/^--budget: tts.p95 <= 5 min: a budget/);
    expect(() => parseBudget("<= 5ms", "b", "w")).toThrow(/a budget metric/);
  });
});

describe("budgetLimit", () => {
  it("converts durations, sizes and percentages to the metric's unit; a bare number is in it", () => {
    expect(budgetLimit({ limit: "5ms" }, "s", "b", "")).toBe(0.005);
    expect(budgetLimit({ limit: "5min" }, "s", "--budget", "")).toBe(300);
    expect(budgetLimit({ limit: "90min" }, "h", "--budget", "")).toBe(1.5);
    expect(budgetLimit({ limit: "2GiB" }, "MiB", "b", "")).toBe(2048);
    expect(budgetLimit({ limit: "2TiB" }, "GiB", "b", "")).toBe(2048);
    expect(budgetLimit({ limit: "1GB" }, "MB", "b", "")).toBe(1000);
    expect(budgetLimit({ limit: "85%" }, "fraction", "b", "")).toBe(0.85);
    expect(budgetLimit({ limit: "7" }, "ms", "b", "")).toBe(7);
    expect(budgetLimit({ limit: "0.9" }, "index", "b", "")).toBe(0.9);
  });

  it("a unit that does not fit the metric's is an InputError naming the place", () => {
    expect(() => budgetLimit({ limit: "5ms" }, "customers", "b", "scenarios.x[0]")).toThrow('b: scenarios.x[0]: a limit in customers (a bare number, or a value with a matching unit), not "5ms"');
    expect(() => budgetLimit({ limit: "2GiB" }, "s", "--budget", "t<2GiB")).toThrow("--budget: t<2GiB: a limit in s");
    expect(() => budgetLimit({ limit: "fast" }, "min", "--budget", "t<=fast")).toThrow("--budget: t<=fast: a limit in min");
  });
});

describe("holds", () => {
  it("compares with each operator, strict and not", () => {
    expect([holds(5, "<=", 5), holds(5, "<", 5), holds(5, ">=", 5), holds(5, ">", 5)]).toEqual([true, false, true, false]);
    expect([holds(4, "<=", 5), holds(4, "<", 5), holds(4, ">=", 5), holds(4, ">", 5)]).toEqual([true, true, false, false]);
  });
});
