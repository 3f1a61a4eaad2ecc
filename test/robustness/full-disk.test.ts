/**
 * A results folder that cannot be written: one clear line, exit 2, nothing partial. Tests run as
 * root, where permission bits do not stop writes, so "unwritable" is made two other ways: a path
 * through a regular file (ENOTDIR, works anywhere), and a 64 KiB tmpfs that fills up mid-write
 * (ENOSPC; needs `mount`, so it is skipped with a message where mounting is not allowed).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, rtolabAsync, rtolabSync } from "./cli-child.ts";

const quick = ["--quiet", "--set", "replications=2", "--set", "model.customers=2000"];

describe("rtolab run into an unwritable results folder", () => {
  // The two ENOTDIR cases are independent children: they run at once (it.concurrent).
  it.concurrent("rtolab run --out <path through a regular file> exits 2 with one line naming the folder, leaving nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-unwritable-"));
    writeFileSync(join(dir, "file"), "not a folder");
    const out = join(dir, "file", "run");
    const { status, stderr } = await rtolabAsync(REPO, "run", "scenarios/validation/mm1.yaml", "--out", out, ...quick);
    expect(status).toBe(2);
    // Found before the run: the path goes through a file (ENOTDIR).
    expect(stderr.trim().split("\n")).toEqual([`rtolab: ${out}: a writable results folder (ENOTDIR)`]);
    expect(readdirSync(dir)).toEqual(["file"]);
  });

  it.concurrent("rtolab run --results <a regular file> exits 2 with one line, leaving nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-unwritable-"));
    writeFileSync(join(dir, "results"), "not a folder");
    const { status, stderr } = await rtolabAsync(REPO, "run", "scenarios/validation/mm1.yaml", "--results", join(dir, "results"), ...quick);
    expect(status).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^rtolab: .*: a writable results folder \((ENOTDIR|EEXIST)\)\n$/);
    expect(readdirSync(dir)).toEqual(["results"]);
  });

  describe("on a full disk (64 KiB tmpfs)", () => {
    const mountPoint = mkdtempSync(join(tmpdir(), "rtolab-tinyfs-"));
    let mounted = false;
    beforeAll(() => {
      mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint]).status === 0;
    });
    afterAll(() => {
      if (mounted) spawnSync("umount", [mountPoint]);
    });

    it("rtolab run --results <full tmpfs> exits 2 with one line (ENOSPC) and leaves the disk as it was", (context) => {
      if (!mounted) {
        context.skip("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN); the ENOTDIR tests above still run");
        return;
      }
      mkdirSync(join(mountPoint, "results"));
      const { status, stderr } = rtolabSync("run", "scenarios/validation/mm1.yaml", "--results", join(mountPoint, "results"), ...quick);
      expect(status).toBe(2);
      expect(stderr).toMatch(/^rtolab: .*: a writable results folder \(ENOSPC\)\n$/);
      // Only the (empty) scenario folder `mm1/` the write started from remains: no .tmp-*, no run.
      expect(readdirSync(join(mountPoint, "results"), { recursive: true })).toEqual(["mm1"]);
    });
  });
});
