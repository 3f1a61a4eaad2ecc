import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rtolab } from "../../lab/sweep/fixtures.ts";
import { REPO, rtolabAsync } from "../../robustness/cli-child.ts";

const small = ["--workers", "0", "--set", "model.customers=2000", "--set", "model.warmupCustomers=200", "--set", "sweep.replications=1", "--set", 'sweep.grid={"model.arrival.mean": ["2ms"]}'];

describe("rtolab merge OUT", () => {
  it("rtolab merge <a user's folder, '', /> exits 2 and writes nothing; an rtolab folder as OUT is merged into", async () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-cli-merge-"));
    expect(rtolab("sweep", "scenarios/sweeps/mm1-load.yaml", "--out", join(root, "s1"), ...small).status).toBe(0);
    const own = join(root, "own");
    writeFileSync(join(root, "notes.txt"), "");
    // The three refusals are independent children: they run at once.
    const [mine, empty, top] = await Promise.all([rtolabAsync(REPO, "merge", root, join(root, "s1")), rtolabAsync(REPO, "merge", "", join(root, "s1")), rtolabAsync(REPO, "merge", "/", join(root, "s1"))]);
    expect([mine.status, mine.stdout, mine.stderr]).toEqual([2, "", `rtolab: ${root}: an empty folder or a results folder rtolab wrote (it holds notes.txt and 1 more, but no .rtolab-results marker; choose another OUT)\n`]);
    expect(empty).toMatchObject({ status: 2, stderr: "rtolab: OUT: a folder path, not an empty string\n" });
    expect(top).toMatchObject({ status: 2, stderr: "rtolab: /: a results folder, not a filesystem root\n" });
    expect(readdirSync(root).sort()).toEqual(["notes.txt", "s1"]);
    const merged = rtolab("merge", own, join(root, "s1"));
    expect(merged.status).toBe(0);
    expect(readdirSync(own)).toContain(".rtolab-results");
    expect(rtolab("merge", own, join(root, "s1")).status).toBe(0);
  }, 60_000);
});
