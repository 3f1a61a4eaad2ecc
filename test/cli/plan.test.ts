import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));

function rtolab(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(repo, "src/cli/main.ts"), ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, CI: "true" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("rtolab plan", () => {
  it("rtolab plan toy-restore --vary mediaAgents=1..4 --vary vsas=1..4 --budget tts.max<=25s finds 4 agents and 2 VSAs", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-plan-")), "plan");
    const { status, stdout } = rtolab("plan", "scenarios/fleet/toy-restore.yaml", "--vary", "mediaAgents=1..4", "--vary", "vsas=1..4", "--budget", "tts.max<=25s", "--out", out, "--no-chart");
    expect(status).toBe(0);
    expect(stdout).toContain("smallest: mediaAgents=4, vsas=2 (cost 6)");
    expect(stdout).toMatch(/^\s+3\s+none ≤ 4$/m);
    expect(readFileSync(join(out, "frontier.csv"), "utf8").trim().split("\n")).toEqual(["mediaAgents,vsas,cost", "1,,", "2,,", "3,,", "4,2,6"]);
    expect(existsSync(join(out, "plan.csv"))).toBe(true);
  });

  it("rtolab plan writes the frontier chart files", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-plan-")), "plan");
    const { status } = rtolab("plan", "scenarios/fleet/toy-restore.yaml", "--vary", "mediaAgents=3..4", "--vary", "vsas=1..2", "--budget", "tts.max<=25s", "--out", out);
    expect(status).toBe(0);
    for (const file of ["charts/frontier.vl.json", "charts/frontier.svg", "charts/frontier.png", "charts/budget-1.svg"]) expect(existsSync(join(out, file))).toBe(true);
  });

  it("rtolab plan with a malformed --vary or --budget exits 2 with one line naming the flag", () => {
    const vary = rtolab("plan", "scenarios/fleet/toy-restore.yaml", "--vary", "vsas=4..1", "--budget", "tts.max<=25s");
    expect(vary.status).toBe(2);
    expect(vary.stderr.trim()).toBe("rtolab: --vary: 4..1: a range a..b of integers with 1 <= a <= b <= 1000000");
    const budget = rtolab("plan", "scenarios/fleet/toy-restore.yaml", "--vary", "vsas=1..4", "--budget", "tts.max about 25s");
    expect(budget.status).toBe(2);
    expect(budget.stderr.trim()).toBe("rtolab: --budget: tts.max about 25s: metric<=value like \"tts.p95<=5min\" or \"backupWindow<=8h\"");
    const field = rtolab("plan", "scenarios/fleet/toy-restore.yaml", "--vary", "model.vsas.cpus=1..4", "--budget", "tts.max<=25s");
    expect(field.status).toBe(2);
    expect(field.stderr.trim().split("\n")).toHaveLength(1);
    expect(field.stderr).toMatch(/^rtolab: --vary: model.vsas.cpus=1..4: fields of the scenario/);
  });
});
