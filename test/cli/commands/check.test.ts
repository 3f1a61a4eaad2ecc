import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rtolab } from "../../lab/sweep/fixtures.ts";
import { REPO, rtolabAsync } from "../../robustness/cli-child.ts";

const small = ["--set", "replications=3", "--set", "model.customers=20000", "--set", "model.warmupCustomers=1000"];

describe("rtolab check", () => {
  it("rtolab check passes loose budgets, writes JUnit, and exits 1 once a budget is tightened", () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-cli-check-"));
    const budgets = join(dir, "budgets.yaml");
    writeFileSync(budgets, "version: 1\nscenarios:\n  mm1: [waitMean <= 6ms]\n");
    const baseline = join(dir, "baseline.json");
    expect(rtolab("check", "scenarios/validation/mm1.yaml", "--budgets", budgets, "--baseline", baseline, "--update-baseline", ...small).status).toBe(0);
    const pass = rtolab("check", "scenarios/validation/mm1.yaml", "--budgets", budgets, "--baseline", baseline, "--junit", join(dir, "junit.xml"), ...small);
    expect(pass.status).toBe(0);
    expect(pass.stdout).toContain("7 of 7 checks passed");
    const junit = readFileSync(join(dir, "junit.xml"), "utf8");
    expect(junit).toMatch(/<testsuites name="rtolab check" tests="7" failures="0" time="\d+\.\d{3}">/);
    // Stable names (the budget as written, no values); the values are in <system-out>.
    expect(junit).toContain('<testcase classname="rtolab.check.mm1" name="waitMean@base &lt;= 6ms" time="');
    expect(junit).toMatch(/<system-out>waitMean@base = [\d.]+ ± [\d.]+ ms; check &lt;= 6<\/system-out>/);
    writeFileSync(budgets, "version: 1\nscenarios:\n  mm1: [waitMean <= 1ms]\n");
    const fail = rtolab("check", "scenarios/validation/mm1.yaml", "--budgets", budgets, ...small);
    expect(fail.status).toBe(1);
    expect(fail.stdout).toMatch(/FAIL mm1 base: waitMean = [\d.]+ ms breaks waitMean <= 1ms/);
  }, 120_000);

  // The two refusals are independent children: they run at once (it.concurrent).
  it.concurrent("rtolab check with a malformed budget exits 2 naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-cli-check-"));
    const budgets = join(dir, "budgets.yaml");
    writeFileSync(budgets, "version: 1\nscenarios:\n  mm1: [waitMean is small]\n");
    const bad = await rtolabAsync(REPO, "check", "scenarios/validation/mm1.yaml", "--budgets", budgets);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe(`rtolab: ${budgets}: scenarios.mm1[0]: a budget metric[@variant] <op> limit, like "waitMean <= 5ms" or "tts.p95@instant<=90s" (op: <=, <, >=, >)`);
  }, 60_000);

  it.concurrent("rtolab check with a misspelt scenario name in the budgets exits 2 naming it, before running anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-cli-check-"));
    const budgets = join(dir, "budgets.yaml");
    writeFileSync(budgets, "version: 1\nscenarios:\n  mm11: [waitMean <= 6ms]\n");
    const bad = await rtolabAsync(REPO, "check", "scenarios/validation/mm1.yaml", "--budgets", budgets);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe(
      `rtolab: check: ${budgets}: scenarios.mm11: the name of a scenario checked (mm1); nothing matched it; mm1: a budget in ${budgets} or a baseline entry; nothing would be checked`,
    );
    expect(bad.stdout).toBe("");
  }, 60_000);
});
