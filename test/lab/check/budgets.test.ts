import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBudgets } from "../../../src/lab/check/budgets.ts";

const budgetsPath = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "rtolab-budgets-")), "budgets.yaml");
  writeFileSync(path, text);
  return path;
};

describe("budgets", () => {
  it("readBudgets() parses each line with the shared grammar (metrics/budget.ts) and names a bad one by its place", () => {
    const path = budgetsPath("version: 1\nscenarios:\n  r:\n    - tts.p95@instant <= 90s\n    - waitMean<5ms\n");
    expect(readBudgets(path).budgets).toEqual([
      { scenario: "r", where: "scenarios.r[0]", metric: "tts.p95", variant: "instant", operator: "<=", limit: "90s", text: "tts.p95@instant <= 90s" },
      { scenario: "r", where: "scenarios.r[1]", metric: "waitMean", operator: "<", limit: "5ms", text: "waitMean<5ms" },
    ]);
    expect(() => readBudgets(budgetsPath("version: 1\nscenarios:\n  r:\n    - waitMean <= 5ms\n    - waitMean ~ 5\n"))).toThrow(/budgets\.yaml: scenarios\.r\[1\]: a budget metric\[@variant\] <op> limit/);
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
    expect(readBudgets(budgetsPath("version: 1\nscenarios: {}\n")).singleReplicationTolerance).toBeUndefined();
    expect(readBudgets(budgetsPath("version: 1\nsingleReplicationTolerance: 0.02\nscenarios: {}\n")).singleReplicationTolerance).toBe(0.02);
  });

  it("readBudgets(path) names the field of bad input", () => {
    expect(() => readBudgets(budgetsPath("version: 2\nscenarios: {}\n"))).toThrow(/: version: 1 \(the budgets file format version\)/);
    expect(() => readBudgets(budgetsPath("version: 1\ntolerance: -1\nscenarios: {}\n"))).toThrow(/: tolerance: a relative tolerance/);
    expect(() => readBudgets(budgetsPath("version: 1\nsingleReplicationTolerance: 5%\nscenarios: {}\n"))).toThrow(/: singleReplicationTolerance: a relative tolerance like 0.02$/);
    expect(() => readBudgets(budgetsPath("version: 1\nscenarios: [a]\n"))).toThrow(/: scenarios: a map of scenario name/);
    expect(() => readBudgets(budgetsPath("version: 1\nscenarios:\n  mm1: waitMean <= 5\n"))).toThrow(/: scenarios.mm1: a list of budgets/);
    expect(() => readBudgets(budgetsPath("version: 1\nscenarios:\n  mm1: [3]\n"))).toThrow(/: scenarios.mm1\[0\]: a budget metric/);
    expect(() => readBudgets(budgetsPath("version: 1\nversion: 1\n"))).toThrow(/: line 2: valid YAML/);
    expect(() => readBudgets(join(tmpdir(), "rtolab-no-such-budgets.yaml"))).toThrow(/a readable budgets file \(ENOENT\)/);
  });
});
