import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isRtolabFolder, RESULTS_MARKER, RESULTS_MARKER_TEXT } from "../../src/report/folder-marker.ts";

/** A fresh folder holding `files` (name → content; a name ending in / is a folder). */
function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "rtolab-marker-"));
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith("/")) mkdirSync(join(folder, name), { recursive: true });
    else writeFileSync(join(folder, name), content);
  }
  return folder;
}

const runSummary = JSON.stringify({ rtolab: "0.1.0", fingerprint: "6e24bf36d2d5d406", scenario: { name: "mm1" } });

describe("isRtolabFolder", () => {
  it("isRtolabFolder(folder with the .rtolab-results marker) is true, whatever else it holds", () => {
    expect(RESULTS_MARKER).toBe(".rtolab-results");
    expect(isRtolabFolder(folderWith({ [RESULTS_MARKER]: RESULTS_MARKER_TEXT, "anything.bin": "x" }))).toBe(true);
  });

  it("isRtolabFolder() recognises folders of an rtolab without markers by what they hold", () => {
    expect(isRtolabFolder(folderWith({ "summary.json": runSummary, "metrics.csv": "", "charts/": "", "report.html": "" }))).toBe(true);
    expect(isRtolabFolder(folderWith({ "sweep.json": JSON.stringify({ hash: "ab", points: [] }), "points/": "" }))).toBe(true);
    expect(isRtolabFolder(folderWith({ "plan.csv": "", "frontier.csv": "" }))).toBe(true);
    expect(isRtolabFolder(folderWith({ "cachesim.csv": "", "mrc.svg": "" }))).toBe(true);
    expect(isRtolabFolder(folderWith({ "mrc.vl.json": "{}", "mrc.svg": "", "mrc.png": "" }))).toBe(true);
  });

  it("isRtolabFolder() is false for a user's folder, even one with rtolab-like files", () => {
    expect(isRtolabFolder(folderWith({ "thesis.tex": "" }))).toBe(false);
    expect(isRtolabFolder(folderWith({ "summary.json": runSummary, "metrics.csv": "", "thesis.tex": "" }))).toBe(false);
    expect(isRtolabFolder(folderWith({ "summary.json": "{\"total\": 3}", "metrics.csv": "" }))).toBe(false);
    expect(isRtolabFolder(folderWith({ "photo.png": "", "data.csv": "" }))).toBe(false);
    expect(isRtolabFolder(folderWith({ [`${RESULTS_MARKER}/`]: "" }))).toBe(false);
    expect(isRtolabFolder(folderWith({}))).toBe(false);
  });

  it("isRtolabFolder(a file or a missing path) is false", () => {
    const folder = folderWith({ "notes.txt": "" });
    expect(isRtolabFolder(join(folder, "notes.txt"))).toBe(false);
    expect(isRtolabFolder(join(folder, "missing"))).toBe(false);
  });
});
