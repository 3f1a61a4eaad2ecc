import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { regresses } from "../../src/lab/check/baseline.ts";
import { readBudgets } from "../../src/lab/check/budgets.ts";
import { baselineOf, checkResults } from "../../src/lab/check/check.ts";
import { junitXml } from "../../src/lab/check/junit.ts";
import { runScenario } from "../../src/lab/run.ts";
import { loadScenario } from "../../src/lab/load.ts";

const budgetsFile = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "rtolab-check-")), "budgets.yaml");
  writeFileSync(path, text);
  return readBudgets(path);
};

describe("check", () => {
  it("readBudgets() parses each line with the shared grammar and names a bad one by its place", () => {
    const file = budgetsFile("version: 1\nscenarios:\n  r:\n    - tts.p95@instant <= 90s\n    - waitMean<5ms\n");
    expect(file.budgets).toEqual([
      { scenario: "r", where: "scenarios.r[0]", metric: "tts.p95", variant: "instant", operator: "<=", limit: "90s", text: "tts.p95@instant <= 90s" },
      { scenario: "r", where: "scenarios.r[1]", metric: "waitMean", operator: "<", limit: "5ms", text: "waitMean<5ms" },
    ]);
    expect(() => budgetsFile("version: 1\nscenarios:\n  r:\n    - waitMean <= 5ms\n    - waitMean ~ 5\n")).toThrow(/budgets\.yaml: scenarios\.r\[1\]: a budget metric\[@variant\] <op> limit/);
  });

  it("regresses(now, base, tolerance, direction) needs disjoint CIs and a change beyond the tolerance", () => {
    expect(regresses({ mean: 5, halfWidth: 0.1 }, { mean: 4, halfWidth: 0.1 }, 0.05, "up")).toBe(true);
    expect(regresses({ mean: 4.1, halfWidth: 0.2 }, { mean: 4, halfWidth: 0.1 }, 0.05, "up")).toBe(false);
    expect(regresses({ mean: 4.1, halfWidth: 0.01 }, { mean: 4, halfWidth: 0.01 }, 0.05, "up")).toBe(false);
    expect(regresses({ mean: 3, halfWidth: 0.1 }, { mean: 4, halfWidth: 0.1 }, 0.05, "up")).toBe(false);
    expect(regresses({ mean: 3, halfWidth: 0.1 }, { mean: 4, halfWidth: 0.1 }, 0.05, "either")).toBe(true);
  });

  it("checkResults(results, budgets, baseline) passes the shipped limits and fails a tightened one", () => {
    const result = runScenario(loadScenario("scenarios/validation/mm1.yaml", { sets: ["replications=3", "model.customers=20000", "model.warmupCustomers=1000"] }));
    const loose = budgetsFile("version: 1\nscenarios:\n  mm1: [waitMean <= 6ms, utilisation < 90%]\n");
    const baseline = baselineOf([result]);
    expect(checkResults([result], loose, baseline).every((row) => row.ok)).toBe(true);
    const tight = budgetsFile("version: 1\nscenarios:\n  mm1: [waitMean <= 1ms]\n");
    const [row] = checkResults([result], tight);
    expect(row.ok).toBe(false);
    expect(row.message).toMatch(/^waitMean = [\d.]+ ms breaks waitMean <= 1ms$/);
    const moved = { ...baseline, scenarios: { mm1: { ...baseline.scenarios.mm1, variants: { base: { ...baseline.scenarios.mm1.variants.base, waitMean: { unit: "ms", mean: 1, halfWidth: 0.01, n: 3 } } } } } };
    expect(checkResults([result], loose, moved).filter((r) => !r.ok).map((r) => r.metric)).toEqual(["waitMean"]);
    expect(() => checkResults([result], budgetsFile("version: 1\nscenarios:\n  mm1: [tts.p95 <= 9s]\n"))).toThrow(/scenarios.mm1\[0\]: a metric of mm1 \(waitMean, /);
  });

  it("junitXml(cases) writes one suite per scenario with failures", () => {
    expect(junitXml([{ scenario: "mm1", name: "a <= 1" }, { scenario: "mm1", name: "b", failure: "x & y" }])).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="rtolab check" tests="2" failures="1">',
        '  <testsuite name="mm1" tests="2" failures="1">',
        '    <testcase classname="rtolab.check.mm1" name="a &lt;= 1"/>',
        '    <testcase classname="rtolab.check.mm1" name="b">',
        '      <failure message="x &amp; y"/>',
        "    </testcase>",
        "  </testsuite>",
        "</testsuites>",
        "",
      ].join("\n"),
    );
  });
});
