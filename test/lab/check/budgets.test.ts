import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { limitIn, parseBudget, readBudgets } from "../../../src/lab/check/budgets.ts";

const budgetsPath = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "rtolab-budgets-")), "budgets.yaml");
  writeFileSync(path, text);
  return path;
};

describe("budgets", () => {
  it("parseBudget(scenario, text) reads metric, variant, operator and limit", () => {
    expect(parseBudget("r", "tts.p95@instant <= 90s", "b.yaml", "scenarios.r[0]")).toEqual({ scenario: "r", metric: "tts.p95", variant: "instant", operator: "<=", limit: "90s", where: "scenarios.r[0]", text: "tts.p95@instant <= 90s" });
    expect(parseBudget("m", "  utilisation>0.5 ", "b.yaml", "w")).toEqual({ scenario: "m", metric: "utilisation", operator: ">", limit: "0.5", where: "w", text: "utilisation>0.5" });
    expect(() => parseBudget("r", "waitMean ~ 5", "b.yaml", "scenarios.r[1]")).toThrow('b.yaml: scenarios.r[1]: a budget like "waitMean <= 5ms" or "tts.p95@instant <= 90s"');
    expect(() => parseBudget("r", "waitMean <= 5 ms", "b.yaml", "w")).toThrow(/a budget like/);
  });

  it("limitIn(budget, unit) converts times, sizes and percentages to the metric unit", () => {
    expect(limitIn({ limit: "5ms", where: "" }, "s", "b")).toBe(0.005);
    expect(limitIn({ limit: "90s", where: "" }, "ms", "b")).toBe(90_000);
    expect(limitIn({ limit: "2GiB", where: "" }, "MiB", "b")).toBe(2048);
    expect(limitIn({ limit: "3GB", where: "" }, "MB", "b")).toBe(3000);
    expect(limitIn({ limit: "85%", where: "" }, "fraction", "b")).toBe(0.85);
    expect(limitIn({ limit: "7", where: "" }, "ms", "b")).toBe(7);
    expect(limitIn({ limit: "-1.5e3", where: "" }, "customers", "b")).toBe(-1500);
    expect(() => limitIn({ limit: "5ms", where: "scenarios.x[0]" }, "customers", "b")).toThrow("b: scenarios.x[0]: a limit in customers");
    expect(() => limitIn({ limit: "2GiB", where: "w" }, "s", "b")).toThrow(/a limit in s .*not "2GiB"/);
  });

  it("readBudgets(path) reads the tolerance (default 0.05) and every scenario's lines in order", () => {
    const file = readBudgets(budgetsPath("version: 1\ntolerance: 0.1\nscenarios:\n  mm1: [waitMean <= 5ms, utilisation < 85%]\n  md1: [waitMean@base >= 1]\n"));
    expect(file.tolerance).toBe(0.1);
    expect(file.budgets.map((b) => [b.scenario, b.where, b.text])).toEqual([
      ["mm1", "scenarios.mm1[0]", "waitMean <= 5ms"],
      ["mm1", "scenarios.mm1[1]", "utilisation < 85%"],
      ["md1", "scenarios.md1[0]", "waitMean@base >= 1"],
    ]);
    expect(readBudgets(budgetsPath("version: 1\nscenarios: {}\n")).tolerance).toBe(0.05);
  });

  it("readBudgets(path) names the field of bad input", () => {
    expect(() => readBudgets(budgetsPath("version: 2\nscenarios: {}\n"))).toThrow(/: version: 1 \(the budgets file format version\)/);
    expect(() => readBudgets(budgetsPath("version: 1\ntolerance: -1\nscenarios: {}\n"))).toThrow(/: tolerance: a relative tolerance/);
    expect(() => readBudgets(budgetsPath("version: 1\nscenarios: [a]\n"))).toThrow(/: scenarios: a map of scenario name/);
    expect(() => readBudgets(budgetsPath("version: 1\nscenarios:\n  mm1: waitMean <= 5\n"))).toThrow(/: scenarios.mm1: a list of budgets/);
    expect(() => readBudgets(budgetsPath("version: 1\nscenarios:\n  mm1: [3]\n"))).toThrow(/: scenarios.mm1\[0\]: a budget like/);
    expect(() => readBudgets(budgetsPath("version: 1\nversion: 1\n"))).toThrow(/: line 2: valid YAML/);
    expect(() => readBudgets(join(tmpdir(), "rtolab-no-such-budgets.yaml"))).toThrow(/a readable budgets file \(ENOENT\)/);
  });
});
