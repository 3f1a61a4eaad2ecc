import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBudgets } from "../../../src/lab/check/budgets.ts";
import { baselineOf, checkResults, checkWarnings, unmatchedChecks } from "../../../src/lab/check/check.ts";
import { runScenario } from "../../../src/lab/run.ts";
import { loadScenario } from "../../../src/lab/load.ts";
import { runResult, summary } from "./results.ts";

const budgetsFile = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "rtolab-check-")), "budgets.yaml");
  writeFileSync(path, text);
  return readBudgets(path);
};

describe("check", () => {
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

  it("checkResults() evaluates a budget on every variant, or on the one named, in the metric's unit", () => {
    const result = runResult("r", { fast: [summary("tts", "s", 40, 2)], slow: [summary("tts", "s", 95, 3)] });
    const rows = checkResults([result], budgetsFile("version: 1\nscenarios:\n  r: [tts <= 90s, tts@fast < 41000ms]\n"));
    expect(rows.map((r) => [r.variant, r.check, r.ok, r.halfWidth])).toEqual([
      ["fast", "<= 90", true, 2],
      ["slow", "<= 90", false, 3],
      ["fast", "< 41", true, 2],
    ]);
    expect(rows[1].message).toBe("tts = 95 s breaks tts <= 90s");
    expect(() => checkResults([result], budgetsFile("version: 1\nscenarios:\n  r: [tts@medium <= 1]\n"))).toThrow(/scenarios.r\[0\]: a variant of r \(fast, slow\)/);
    // Budgets of other scenarios are ignored.
    expect(checkResults([result], budgetsFile("version: 1\nscenarios:\n  other: [x <= 1]\n"))).toEqual([]);
  });

  it("checkResults() compares every metric with the baseline in the direction its budgets give", () => {
    const base = baselineOf([runResult("r", { base: [summary("tts", "s", 40, 1), summary("hits", "ratio", 0.9, 0.01), summary("events", "events", 100, 0, 1)] })]);
    // tts up by 10% (budget <=: up is bad), hits down to 0.8 (budget >=: down is bad), events 100 → 90 (no budget: either way).
    const now = runResult("r", { base: [summary("tts", "s", 44, 1), summary("hits", "ratio", 0.8, 0.01), summary("events", "events", 90, 0, 1)] });
    const budgets = budgetsFile("version: 1\nscenarios:\n  r: [tts <= 90s, hits >= 0.5]\n");
    const rows = checkResults([now], budgets, base).filter((r) => r.check.startsWith("baseline"));
    expect(rows.map((r) => [r.metric, r.ok])).toEqual([["tts", false], ["hits", false], ["events", false]]);
    expect(rows[0].message).toBe("tts moved from 40 to 44 s (10.0%), beyond both CIs and the 5% tolerance");
    expect(rows[0].check).toBe("baseline 40 ± 1");
    // The same moves in the good direction pass.
    const better = runResult("r", { base: [summary("tts", "s", 36, 1), summary("hits", "ratio", 0.99, 0.01), summary("events", "events", 100, 0, 1)] });
    expect(checkResults([better], budgets, base).every((r) => r.ok)).toBe(true);
  });

  it("checkResults() notes a missing baseline entry and a changed scenario hash without failing", () => {
    const base = baselineOf([runResult("r", { base: [summary("tts", "s", 40, 1)] }, "old")]);
    const rows = checkResults([runResult("r", { base: [summary("tts", "s", 40.5, 1), summary("new", "s", 1, 0)] }, "new")], budgetsFile("version: 1\nscenarios: {}\n"), base);
    expect(rows.map((r) => [r.metric, r.ok, r.message])).toEqual([
      ["tts", true, "the scenario changed since the baseline"],
      ["new", true, "no baseline yet (rtolab check --update-baseline)"],
    ]);
  });

  it("baselineOf(results, previous) stores mean, CI half-width and n, replacing only the results' scenarios", () => {
    const first = baselineOf([runResult("a", { base: [summary("x", "ms", 2, 0.5, 4)] }), runResult("b", { base: [summary("y", "s", 1, 0, 1)] })]);
    const next = baselineOf([runResult("a", { v: [summary("x", "ms", 3, 0.25, 8)] }, "h2")], first);
    expect(next).toEqual({
      version: 1,
      scenarios: {
        a: { hash: "h2", seed: 1, variants: { v: { x: { unit: "ms", mean: 3, halfWidth: 0.25, n: 8 } } } },
        b: { hash: "h1", seed: 1, variants: { base: { y: { unit: "s", mean: 1, halfWidth: 0, n: 1 } } } },
      },
    });
  });

  it("checkResults() names each check stably: the limit as written, no measured values", () => {
    const base = baselineOf([runResult("r", { profile: [summary("tts", "s", 44.31, 0.4)] })]);
    const rows = checkResults([runResult("r", { profile: [summary("tts", "s", 44.9, 0.5)] })], budgetsFile("version: 1\nscenarios:\n  r: [tts@profile <= 45s]\n"), base);
    expect(rows.map((r) => r.name)).toEqual(["tts@profile <= 45s", "tts@profile baseline"]);
  });

  it("checkResults() judges a 1-replication baseline by singleReplicationTolerance alone, and checkWarnings() says so", () => {
    const base = baselineOf([runResult("r", { ssd: [summary("tts", "s", 35.6, 0, 1)] })]);
    const now = runResult("r", { ssd: [summary("tts", "s", 36.5, 0, 1)] }); // +2.5%
    const loose = budgetsFile("version: 1\nscenarios:\n  r: [tts <= 40s]\n"); // tolerance 5%, none declared for 1 replication
    const strict = budgetsFile("version: 1\nsingleReplicationTolerance: 0.02\nscenarios:\n  r: [tts <= 40s]\n");
    expect(checkResults([now], loose, base)[1].ok).toBe(true);
    const [, row] = checkResults([now], strict, base);
    expect([row.ok, row.message]).toEqual([false, "tts moved from 35.6 to 36.5 s (2.5%), beyond the 2% tolerance (1 replication: no CI)"]);
    expect(checkWarnings([now], loose, base)).toEqual([
      `r: 1 replication (baseline or run): zero-width CIs, so only the 5% relative tolerance judges a change (declare singleReplicationTolerance in ${loose.path})`,
    ]);
    expect(checkWarnings([now], strict, base)).toEqual(["r: 1 replication (baseline or run): zero-width CIs, so only singleReplicationTolerance (2%) judges a change"]);
    // Ten replications on both sides: no warning, and the 5% rule with CIs applies.
    const ten = baselineOf([runResult("r", { ssd: [summary("tts", "s", 35.6, 0.1, 10)] })]);
    expect(checkWarnings([runResult("r", { ssd: [summary("tts", "s", 36.5, 0.1, 10)] })], strict, ten)).toEqual([]);
  });

  it("unmatchedChecks(names, budgets, baseline) names a misspelt budgets scenario and a scenario nothing checks", () => {
    const budgets = budgetsFile("version: 1\nscenarios:\n  mm11: [waitMean <= 5ms]\n");
    expect(unmatchedChecks(["mm1"], budgets)).toEqual([
      `${budgets.path}: scenarios.mm11: the name of a scenario checked (mm1); nothing matched it`,
      `mm1: a budget in ${budgets.path} or a baseline entry; nothing would be checked`,
    ]);
    const base = baselineOf([runResult("mm1", { base: [summary("waitMean", "ms", 4, 0.1)] })]);
    expect(unmatchedChecks(["mm1"], budgetsFile("version: 1\nscenarios: {}\n"), base)).toEqual([]);
    expect(unmatchedChecks(["mm1"], budgetsFile("version: 1\nscenarios:\n  mm1: [waitMean <= 5ms]\n"))).toEqual([]);
  });
});
