import { linkSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { isSameFile } from "../../src/util/same-file.ts";

describe("isSameFile", () => {
  it("isSameFile() is true for one file by two spellings, a symbolic link or a hard link", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-same-"));
    const file = join(root, "t.csv");
    writeFileSync(file, "t_us,op,offset,length\n");
    symlinkSync(file, join(root, "soft.csv"));
    linkSync(file, join(root, "hard.csv"));
    expect(isSameFile(file, join(root, ".", "..", root.split("/").pop()!, "t.csv"))).toBe(true);
    expect(isSameFile(file, relative(process.cwd(), file))).toBe(true);
    expect(isSameFile(file, join(root, "soft.csv"))).toBe(true);
    expect(isSameFile(join(root, "hard.csv"), file)).toBe(true);
  });

  it("isSameFile() is false for another file, a missing output, or a dangling link", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-same-"));
    writeFileSync(join(root, "a.csv"), "x");
    writeFileSync(join(root, "b.csv"), "x");
    symlinkSync(join(root, "gone.csv"), join(root, "dangling.csv"));
    expect(isSameFile(join(root, "a.csv"), join(root, "b.csv"))).toBe(false);
    expect(isSameFile(join(root, "a.csv"), join(root, "new.csv"))).toBe(false);
    expect(isSameFile(join(root, "a.csv"), join(root, "dangling.csv"))).toBe(false);
  });
});
