import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RESULTS_MARKER, RESULTS_MARKER_TEXT } from "../../src/report/folder-marker.ts";
import { cleanLeftovers, isLiveProcess } from "../../src/report/leftovers.ts";
import { DEAD_PID } from "./dead-pid.ts";

/** A folder rtolab wrote, at `path`, holding `a.txt` with `content`. */
function rtolabFolder(path: string, content: string): void {
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, RESULTS_MARKER), RESULTS_MARKER_TEXT);
  writeFileSync(join(path, "a.txt"), content);
}

describe("isLiveProcess", () => {
  it("isLiveProcess(this process) is true; a pid no process has is false", () => {
    expect(isLiveProcess(process.pid)).toBe(true);
    expect(isLiveProcess(DEAD_PID)).toBe(false);
    expect(isLiveProcess(0)).toBe(false);
  });
});

describe("cleanLeftovers", () => {
  it("cleanLeftovers() removes a dead writer's .tmp- folder and its .old- folder once the target is back", () => {
    const parent = mkdtempSync(join(tmpdir(), "rtolab-leftovers-"));
    rtolabFolder(join(parent, "run"), "new");
    rtolabFolder(join(parent, `.tmp-run-${DEAD_PID}`), "half");
    rtolabFolder(join(parent, `.old-run-${DEAD_PID}`), "previous");
    mkdirSync(join(parent, `.tmp-other-${DEAD_PID}`));
    expect(cleanLeftovers(parent)).toEqual({
      removed: [join(parent, `.old-run-${DEAD_PID}`), join(parent, `.tmp-other-${DEAD_PID}`), join(parent, `.tmp-run-${DEAD_PID}`)],
      restored: [],
    });
    expect(readdirSync(parent)).toEqual(["run"]);
    expect(readFileSync(join(parent, "run", "a.txt"), "utf8")).toBe("new");
  });

  it("cleanLeftovers() restores .old-<name>-<pid> as <name> when the swap was cut short", () => {
    const parent = mkdtempSync(join(tmpdir(), "rtolab-leftovers-"));
    rtolabFolder(join(parent, `.old-s7-ab12-cd-${DEAD_PID}`), "previous");
    rtolabFolder(join(parent, `.tmp-s7-ab12-cd-${DEAD_PID}`), "complete but never renamed");
    expect(cleanLeftovers(parent)).toEqual({ removed: [join(parent, `.tmp-s7-ab12-cd-${DEAD_PID}`)], restored: [join(parent, "s7-ab12-cd")] });
    expect(readdirSync(parent)).toEqual(["s7-ab12-cd"]);
    expect(readFileSync(join(parent, "s7-ab12-cd", "a.txt"), "utf8")).toBe("previous");
  });

  it("cleanLeftovers() leaves live writers' folders, user folders and files that match the pattern", () => {
    const parent = mkdtempSync(join(tmpdir(), "rtolab-leftovers-"));
    rtolabFolder(join(parent, `.tmp-run-${process.pid}`), "being written");
    mkdirSync(join(parent, `.tmp-thesis-${DEAD_PID}`));
    writeFileSync(join(parent, `.tmp-thesis-${DEAD_PID}`, "thesis.tex"), "mine");
    writeFileSync(join(parent, `.old-notes-${DEAD_PID}`), "a file");
    expect(cleanLeftovers(parent)).toEqual({ removed: [], restored: [] });
    expect(readdirSync(parent).sort()).toEqual([`.old-notes-${DEAD_PID}`, `.tmp-run-${process.pid}`, `.tmp-thesis-${DEAD_PID}`]);
  });

  it("cleanLeftovers(a missing folder) does nothing", () => {
    expect(cleanLeftovers(join(tmpdir(), "rtolab-no-such-folder", "x"))).toEqual({ removed: [], restored: [] });
  });
});
