import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RESULTS_MARKER, RESULTS_MARKER_TEXT } from "../../src/report/folder-marker.ts";
import { checkOutputFolder, markOutputFolder } from "../../src/report/output-folder.ts";

const here = process.cwd();

describe("checkOutputFolder", () => {
  afterEach(() => process.chdir(here));

  it("checkOutputFolder() returns a missing, empty or rtolab-marked folder as given", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-out-"));
    expect(checkOutputFolder(join(root, "new", "deeper"))).toBe(join(root, "new", "deeper"));
    mkdirSync(join(root, "empty"));
    expect(checkOutputFolder(join(root, "empty"))).toBe(join(root, "empty"));
    mkdirSync(join(root, "ours"));
    writeFileSync(join(root, "ours", RESULTS_MARKER), RESULTS_MARKER_TEXT);
    writeFileSync(join(root, "ours", "metrics.csv"), "");
    expect(checkOutputFolder(join(root, "ours"))).toBe(join(root, "ours"));
  });

  it("checkOutputFolder(a user's folder) names what it holds", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-out-"));
    writeFileSync(join(root, "thesis.tex"), "");
    expect(() => checkOutputFolder(root)).toThrow(`${root}: an empty folder or a results folder rtolab wrote (it holds thesis.tex, but no .rtolab-results marker; choose another --out)`);
    writeFileSync(join(root, "a.bib"), "");
    writeFileSync(join(root, "z.pdf"), "");
    expect(() => checkOutputFolder(root, "OUT")).toThrow(`${root}: an empty folder or a results folder rtolab wrote (it holds a.bib and 2 more, but no .rtolab-results marker; choose another OUT)`);
  });

  it("checkOutputFolder(a file, a symbolic link) refuses", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-out-"));
    writeFileSync(join(root, "notes.txt"), "");
    expect(() => checkOutputFolder(join(root, "notes.txt"))).toThrow(`${join(root, "notes.txt")}: a results folder, not a file (rtolab never replaces a file with a folder)`);
    mkdirSync(join(root, "real"));
    symlinkSync(join(root, "real"), join(root, "link"));
    expect(() => checkOutputFolder(join(root, "link"))).toThrow(`${join(root, "link")}: a results folder, not a symbolic link (rtolab replaces only folders it wrote)`);
  });

  it("checkOutputFolder('') and a NUL character name the flag", () => {
    expect(() => checkOutputFolder("")).toThrow(/^--out: a folder path, not an empty string$/);
    expect(() => checkOutputFolder("  ", "OUT")).toThrow(/^OUT: a folder path, not an empty string$/);
    expect(() => checkOutputFolder("a\0b")).toThrow(/^--out: a folder path without NUL characters$/);
  });

  it("checkOutputFolder(a filesystem root) refuses, also when reached by .. or a link", () => {
    expect(() => checkOutputFolder("/")).toThrow(/^\/: a results folder, not a filesystem root$/);
    expect(() => checkOutputFolder("/tmp/../..")).toThrow(/^\/tmp\/\.\.\/\.\.: a results folder, not a filesystem root$/);
  });

  it("checkOutputFolder(the current folder or an ancestor) refuses, with the current folder", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-out-"));
    mkdirSync(join(root, "a", "b"), { recursive: true });
    writeFileSync(join(root, "a", "notes.txt"), "mine");
    process.chdir(join(root, "a", "b"));
    const cwd = process.cwd();
    for (const target of [".", "..", "../../a", cwd]) {
      expect(() => checkOutputFolder(target)).toThrow(`${target}: a results folder other than the current folder or one of its parents (${cwd})`);
    }
    expect(checkOutputFolder("results")).toBe("results");
  });

  it("checkOutputFolder(a path through a file) refuses before anything runs", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-out-"));
    writeFileSync(join(root, "file"), "");
    expect(() => checkOutputFolder(join(root, "file", "run"))).toThrow(`${join(root, "file", "run")}: a writable results folder (ENOTDIR)`);
    expect(() => checkOutputFolder(join(root, "file", "deep", "run"))).toThrow(`${join(root, "file", "deep", "run")}: a writable results folder (ENOTDIR)`);
  });
});

describe("markOutputFolder", () => {
  it("markOutputFolder() creates the folder and its marker, keeping what is there", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-out-"));
    markOutputFolder(join(root, "sweep"));
    writeFileSync(join(root, "sweep", "sweep.json"), "{}");
    markOutputFolder(join(root, "sweep"));
    expect(readdirSync(join(root, "sweep")).sort()).toEqual([RESULTS_MARKER, "sweep.json"]);
    expect(readFileSync(join(root, "sweep", RESULTS_MARKER), "utf8")).toBe(RESULTS_MARKER_TEXT);
  });

  it("markOutputFolder(a path through a file) throws an InputError", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-out-"));
    writeFileSync(join(root, "file"), "");
    expect(() => markOutputFolder(join(root, "file", "sweep"))).toThrow(`${join(root, "file", "sweep")}: a writable results folder (ENOTDIR)`);
  });
});
