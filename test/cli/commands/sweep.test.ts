import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rtolab } from "../../lab/sweep/fixtures.ts";
import { REPO, rtolabAsync } from "../../robustness/cli-child.ts";

const small = ["--set", "model.customers=2000", "--set", "model.warmupCustomers=200", "--set", "sweep.replications=2", "--set", 'sweep.grid={"model.arrival.mean": ["2ms", "1.25ms"]}'];

describe("rtolab sweep, merge and chart", () => {
  it("rtolab sweep --shard k/n twice, then rtolab merge, writes the sweep's CSVs and report", async () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-cli-sweep-"));
    // The two shards are independent runs (as array jobs are): they run at once.
    const [first, second] = await Promise.all([
      rtolabAsync(REPO, "sweep", "scenarios/sweeps/mm1-load.yaml", "--workers", "0", "--shard", "1/2", "--out", join(root, "s1"), ...small),
      rtolabAsync(REPO, "sweep", "scenarios/sweeps/mm1-load.yaml", "--workers", "0", "--shard", "2/2", "--out", join(root, "s2"), ...small),
    ]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("mm1-load: 2 points × 2 replications (shard 1/2): 2 run, 0 already done");
    expect(second.status).toBe(0);
    const partial = rtolab("merge", join(root, "m"), join(root, "s1"));
    expect(partial.status).toBe(1);
    expect(partial.stdout).toContain("2 missing");
    const merged = rtolab("merge", join(root, "m"), join(root, "s1"), join(root, "s2"));
    expect(merged.status).toBe(0);
    expect(merged.stdout).toContain("wrote sweep.csv, summary.csv, summary.json, report.html and 18 chart files");
    expect(readFileSync(join(root, "m", "summary.csv"), "utf8").split("\n")).toHaveLength(2 * 6 + 2);
    const chart = rtolab("chart", join(root, "m"), "--view", "surface-waitMean", "--format", "svg");
    expect(chart.stdout.trim()).toBe(join(root, "m", "charts", "surface-waitMean.svg"));
  }, 120_000);

  // The refusals are independent children started at once (it.concurrent, Promise.all).
  it.concurrent("rtolab sweep with a bad --shard or a scenario without a sweep exits 2 with one line", async () => {
    const [shard, none] = await Promise.all([rtolabAsync(REPO, "sweep", "scenarios/sweeps/mm1-load.yaml", "--shard", "3/2"), rtolabAsync(REPO, "sweep", "scenarios/validation/mm1.yaml")]);
    expect(shard.status).toBe(2);
    expect(shard.stderr.trim()).toBe("rtolab: --shard: 3/2: k/n with 1 <= k <= n, like 2/3 (the shard index of an array job)");
    expect(none.status).toBe(2);
    expect(none.stderr.trim()).toBe("rtolab: scenarios/validation/mm1.yaml: sweep: a sweep: block (grid or list) to run `rtolab sweep`");
  }, 60_000);

  it.concurrent("rtolab sweep --out / or a user's folder exits 2 before anything is written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-cli-sweep-"));
    writeFileSync(join(dir, "thesis.tex"), "");
    const [root, own, empty] = await Promise.all([
      rtolabAsync(REPO, "sweep", "scenarios/sweeps/mm1-load.yaml", "--out", "/", ...small),
      rtolabAsync(REPO, "sweep", "scenarios/sweeps/mm1-load.yaml", "--out", dir, ...small),
      rtolabAsync(REPO, "sweep", "scenarios/sweeps/mm1-load.yaml", "--out", ""),
    ]);
    expect([root.status, root.stdout, root.stderr]).toEqual([2, "", "rtolab: /: a results folder, not a filesystem root\n"]);
    expect([own.status, own.stderr]).toEqual([2, `rtolab: ${dir}: an empty folder or a results folder rtolab wrote (it holds thesis.tex, but no .rtolab-results marker; choose another --out)\n`]);
    expect([empty.status, empty.stderr]).toEqual([2, "rtolab: --out: a folder path, not an empty string\n"]);
    expect(readdirSync(dir)).toEqual(["thesis.tex"]);
  }, 60_000);

  it("rtolab sweep marks its folder, so rerunning into it resumes", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-cli-sweep-")), "s");
    expect(rtolab("sweep", "scenarios/sweeps/mm1-load.yaml", "--workers", "0", "--out", out, ...small).status).toBe(0);
    expect(readdirSync(out)).toContain(".rtolab-results");
    const again = rtolab("sweep", "scenarios/sweeps/mm1-load.yaml", "--workers", "0", "--out", out, ...small);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("0 run, 4 already done");
  }, 60_000);
});
