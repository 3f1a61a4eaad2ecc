import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFolderAtomically } from "../../src/report/atomic-folder.ts";

describe("writeFolderAtomically", () => {
  it("writeFolderAtomically() writes every file, including nested ones", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-atomic-"));
    const target = join(root, "run");
    writeFolderAtomically(target, new Map([["a.txt", "A"], ["charts/b.json", "{}"]]));
    expect(readFileSync(join(target, "a.txt"), "utf8")).toBe("A");
    expect(readFileSync(join(target, "charts/b.json"), "utf8")).toBe("{}");
    expect(readdirSync(root)).toEqual(["run"]);
  });

  it("writeFolderAtomically() replaces an existing folder whole", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-atomic-"));
    const target = join(root, "run");
    mkdirSync(target);
    writeFileSync(join(target, "stale.txt"), "old");
    writeFolderAtomically(target, new Map([["new.txt", "N"]]));
    expect(readdirSync(target)).toEqual(["new.txt"]);
    expect(readdirSync(root)).toEqual(["run"]);
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
