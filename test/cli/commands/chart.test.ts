import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, rtolabIn } from "../../robustness/cli-child.ts";

const quick = ["--quiet", "--set", "replications=2", "--set", "model.customers=2000"];

describe("rtolab chart RESULTS", () => {
  it("rtolab chart <a run folder> re-renders into it; a copy of it holding a user's file and no marker exits 2, untouched", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-cli-chart-"));
    const run = join(root, "run");
    expect(rtolabIn(REPO, "run", join(REPO, "scenarios/validation/mm1.yaml"), "--out", run, ...quick).status).toBe(0);
    const ok = rtolabIn(REPO, "chart", run, "--view", "metrics", "--format", "svg");
    expect([ok.status, ok.stdout]).toEqual([0, `${join(run, "charts", "metrics.svg")}\n`]);
    const mine = join(root, "mine");
    cpSync(run, mine, { recursive: true });
    rmSync(join(mine, ".rtolab-results"));
    writeFileSync(join(mine, "thesis.tex"), "");
    const before = readdirSync(mine, { recursive: true }).sort();
    const refused = rtolabIn(REPO, "chart", mine);
    expect([refused.status, refused.stdout, refused.stderr]).toEqual([
      2,
      "",
      `rtolab: ${mine}: a results folder rtolab wrote (it has no .rtolab-results marker and holds files rtolab did not write; charts and report.html are written into it)\n`,
    ]);
    expect(readdirSync(mine, { recursive: true }).sort()).toEqual(before);
  }, 60_000);
});
