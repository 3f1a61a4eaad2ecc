import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFolderAtomically } from "../../src/report/atomic-folder.ts";
import { RESULTS_MARKER, RESULTS_MARKER_TEXT } from "../../src/report/folder-marker.ts";
import { DEAD_PID } from "./dead-pid.ts";

describe("writeFolderAtomically", () => {
  it("writeFolderAtomically() writes every file, including nested ones", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-atomic-"));
    const target = join(root, "run");
    writeFolderAtomically(target, new Map([["a.txt", "A"], ["charts/b.json", "{}"]]));
    expect(readFileSync(join(target, "a.txt"), "utf8")).toBe("A");
    expect(readFileSync(join(target, "charts/b.json"), "utf8")).toBe("{}");
    expect(readdirSync(root)).toEqual(["run"]);
  });

  it("writeFolderAtomically() replaces a folder it wrote whole, marker included", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-atomic-"));
    const target = join(root, "run");
    writeFolderAtomically(target, new Map([["stale.txt", "old"]]));
    writeFolderAtomically(target, new Map([["new.txt", "N"]]));
    expect(readdirSync(target).sort()).toEqual([RESULTS_MARKER, "new.txt"]);
    expect(readFileSync(join(target, RESULTS_MARKER), "utf8")).toBe(RESULTS_MARKER_TEXT);
    expect(readdirSync(root)).toEqual(["run"]);
  });

  it("writeFolderAtomically() replaces an empty folder", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-atomic-"));
    mkdirSync(join(root, "run"));
    writeFolderAtomically(join(root, "run"), new Map([["a.txt", "A"]]));
    expect(readdirSync(join(root, "run")).sort()).toEqual([RESULTS_MARKER, "a.txt"]);
  });

  it("writeFolderAtomically() refuses a user's folder and a file, touching neither", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-atomic-"));
    const thesis = join(root, "thesis");
    mkdirSync(thesis);
    writeFileSync(join(thesis, "thesis.tex"), "\\documentclass{book}");
    expect(() => writeFolderAtomically(thesis, new Map([["a.txt", "A"]]))).toThrow(
      `${thesis}: an empty folder or a results folder rtolab wrote (it holds thesis.tex, but no .rtolab-results marker; choose another --out)`,
    );
    expect(readdirSync(thesis)).toEqual(["thesis.tex"]);
    const file = join(root, "notes.txt");
    writeFileSync(file, "notes");
    expect(() => writeFolderAtomically(file, new Map([["a.txt", "A"]]))).toThrow(`${file}: a results folder, not a file (rtolab never replaces a file with a folder)`);
    expect(readFileSync(file, "utf8")).toBe("notes");
    expect(readdirSync(root).sort()).toEqual(["notes.txt", "thesis"]);
  });

  it("writeFolderAtomically() first tidies a dead writer's leftovers and restores its .old- folder", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-atomic-"));
    writeFolderAtomically(join(root, "run"), new Map([["a.txt", "previous"]]));
    // A SIGKILL between the two renames: the previous folder moved aside, the new one not in place.
    renameSync(join(root, "run"), join(root, `.old-run-${DEAD_PID}`));
    writeFolderAtomically(join(root, "other"), new Map([["b.txt", "B"]]));
    expect(readdirSync(root).sort()).toEqual(["other", "run"]);
    expect(readFileSync(join(root, "run", "a.txt"), "utf8")).toBe("previous");
  });

  it("writeFolderAtomically() into an unwritable parent throws an InputError and leaves nothing", () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions; a path through a regular file fails for everyone.
      const root = mkdtempSync(join(tmpdir(), "rtolab-atomic-"));
      writeFileSync(join(root, "file"), "x");
      expect(() => writeFolderAtomically(join(root, "file", "run"), new Map([["a", "b"]]))).toThrow(/a writable results folder/);
      expect(readdirSync(root)).toEqual(["file"]);
      return;
    }
    const root = mkdtempSync(join(tmpdir(), "rtolab-atomic-"));
    chmodSync(root, 0o500);
    expect(() => writeFolderAtomically(join(root, "run"), new Map([["a", "b"]]))).toThrow(/a writable results folder/);
    expect(existsSync(join(root, "run"))).toBe(false);
  });
});
