/**
 * `rtolab run --out`: a results folder is only ever replaced if rtolab wrote it, and a refused
 * folder is refused before the run starts. The runs asked for here would take minutes
 * (4 × 30M customers), so a check made only after the run would time the test out.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, rtolabIn } from "../robustness/cli-child.ts";

const MM1 = join(REPO, "scenarios/validation/mm1.yaml");
const slow = ["--quiet", "--set", "replications=4", "--set", "model.customers=30000000"];
const quick = ["--quiet", "--set", "replications=2", "--set", "model.customers=2000"];

describe("rtolab run --out", { timeout: 30_000 }, () => {
  it("rtolab run --out <a user's folder> exits 2 at once, leaving thesis.tex", () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-run-out-"));
    writeFileSync(join(dir, "thesis.tex"), "\\documentclass{book}");
    const { status, stdout, stderr } = rtolabIn(REPO, "run", MM1, "--out", dir, ...slow);
    expect([status, stdout, stderr]).toEqual([2, "", `rtolab: ${dir}: an empty folder or a results folder rtolab wrote (it holds thesis.tex, but no .rtolab-results marker; choose another --out)\n`]);
    expect(readdirSync(dir)).toEqual(["thesis.tex"]);
    expect(readFileSync(join(dir, "thesis.tex"), "utf8")).toBe("\\documentclass{book}");
  });

  it("rtolab run --out <a file> exits 2 at once and keeps the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-run-out-"));
    writeFileSync(join(dir, "notes.txt"), "mine");
    const { status, stderr } = rtolabIn(dir, "run", MM1, "--out", "notes.txt", ...slow);
    expect([status, stderr]).toEqual([2, "rtolab: notes.txt: a results folder, not a file (rtolab never replaces a file with a folder)\n"]);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");
  });

  it("rtolab run --out ../../a from a/b (an ancestor of the current folder) exits 2, leaving a/notes.txt and a/b", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-run-out-"));
    mkdirSync(join(root, "a", "b"), { recursive: true });
    writeFileSync(join(root, "a", "notes.txt"), "mine");
    const cwd = join(root, "a", "b");
    for (const out of ["../../a", "..", "."]) {
      const { status, stderr } = rtolabIn(cwd, "run", MM1, "--out", out, ...slow);
      expect([status, stderr]).toEqual([2, `rtolab: ${out}: a results folder other than the current folder or one of its parents (${cwd})\n`]);
    }
    expect(readdirSync(join(root, "a")).sort()).toEqual(["b", "notes.txt"]);
  });

  it("rtolab run --out '' and --out / exit 2 at once", () => {
    expect(rtolabIn(REPO, "run", MM1, "--out", "", ...slow)).toMatchObject({ status: 2, stderr: "rtolab: --out: a folder path, not an empty string\n" });
    expect(rtolabIn(REPO, "run", MM1, "--out", "/", ...slow)).toMatchObject({ status: 2, stderr: "rtolab: /: a results folder, not a filesystem root\n" });
  });

  it("rtolab run twice into the same folder replaces rtolab's own folder, as before", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-run-out-")), "run");
    expect(rtolabIn(REPO, "run", MM1, "--out", out, ...quick).status).toBe(0);
    const first = readFileSync(join(out, "summary.json"), "utf8");
    const again = rtolabIn(REPO, "run", MM1, "--out", out, ...quick);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`results: ${out}`);
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe(first);
    expect(readdirSync(join(out, "..")).sort()).toEqual(["run"]);
  });

  it("rtolab run into the default folder refuses a user's folder that took its place", () => {
    const results = mkdtempSync(join(tmpdir(), "rtolab-run-results-"));
    const ok = rtolabIn(REPO, "run", MM1, "--results", results, ...quick);
    expect(ok.status).toBe(0);
    const folder = /^results: (.*)$/m.exec(ok.stdout)![1];
    rmSync(folder, { recursive: true });
    mkdirSync(folder);
    writeFileSync(join(folder, "keep.txt"), "mine");
    const { status, stderr } = rtolabIn(REPO, "run", MM1, "--results", results, ...quick);
    expect([status, stderr]).toEqual([2, `rtolab: ${folder}: an empty folder or a results folder rtolab wrote (it holds keep.txt, but no .rtolab-results marker; choose another --out)\n`]);
    expect(readdirSync(folder)).toEqual(["keep.txt"]);
  });
});
