import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkResultsFolder, isInside, realish, resolveInScenarioFolder, resolveScenarioPath, safeFolderName, scenarioProjectRoot } from "../../src/util/paths.ts";

/** A project with package.json, a scenarios/ folder, a traces/ folder and a loose folder outside it. */
function project() {
  const base = mkdtempSync(join(tmpdir(), "rtolab-paths-"));
  const root = join(base, "proj");
  mkdirSync(join(root, "scenarios", "boot"), { recursive: true });
  mkdirSync(join(root, "traces"));
  writeFileSync(join(root, "package.json"), "{}");
  mkdirSync(join(base, "loose"));
  return { base, root, scenario: join(root, "scenarios", "boot", "s.yaml") };
}

describe("paths", () => {
  it("scenarioProjectRoot() is the nearest folder with package.json, else the file's own folder", () => {
    const { base, root, scenario } = project();
    expect(scenarioProjectRoot(scenario)).toBe(root);
    expect(scenarioProjectRoot(join(base, "loose", "s.yaml"))).toBe(join(base, "loose"));
  });

  it("isInside() resolves .. and symlinks: a link out of the project is outside", () => {
    const { base, root } = project();
    expect(isInside(root, join(root, "traces", "a.csv"))).toBe(true);
    expect(isInside(root, root)).toBe(true);
    expect(isInside(root, join(root, "..", "loose", "x"))).toBe(false);
    expect(isInside(root, join(root, "..proj-sibling"))).toBe(true);
    symlinkSync(join(base, "loose"), join(root, "escape"));
    expect(isInside(root, join(root, "escape", "x"))).toBe(false);
    expect(realish(join(root, "escape", "new", "file"))).toBe(join(realish(join(base, "loose")), "new", "file"));
  });

  it("resolveScenarioPath() resolves against the scenario's folder and refuses paths leaving the project", () => {
    const { root, scenario } = project();
    expect(resolveScenarioPath(scenario, "model.trace", "../../traces/a.csv")).toBe(join(root, "traces", "a.csv"));
    expect(() => resolveScenarioPath(scenario, "model.trace", "/etc/passwd")).toThrow(`${scenario}: model.trace: a path inside ${root} (the scenario's project; allow another folder with --data-dir DIR or dataDir), not /etc/passwd`);
    expect(() => resolveScenarioPath(scenario, "model.trace", "../../../x")).toThrow(/model.trace: a path inside/);
    expect(() => resolveInScenarioFolder(join(root, "scenarios"), "s.yaml", "model.profile", "a\u0000b")).toThrow(/s.yaml: model.profile: a path inside .*not a\\u0000b/);
  });

  it("resolveInScenarioFolder(folder, source, field, value, dataDir) also accepts paths inside dataDir, with the same checks", () => {
    const { base, root } = project();
    const data = join(base, "loose");
    mkdirSync(data, { recursive: true });
    expect(resolveInScenarioFolder(join(root, "scenarios"), "s.yaml", "model.trace", join(data, "t.csv"), data)).toBe(join(data, "t.csv"));
    expect(() => resolveInScenarioFolder(join(root, "scenarios"), "s.yaml", "model.trace", "/etc/passwd", data)).toThrow(
      `s.yaml: model.trace: a path inside ${root} (the scenario's project) or ${data} (its dataDir), not /etc/passwd`,
    );
    // A symlink inside the data folder that points out of it is outside.
    symlinkSync("/etc", join(data, "etc"));
    expect(() => resolveInScenarioFolder(join(root, "scenarios"), "s.yaml", "model.trace", join(data, "etc", "passwd"), data)).toThrow(/its dataDir\), not /);
  });

  it("checkResultsFolder() accepts folders strictly inside the results root", () => {
    expect(checkResultsFolder("results", "results/mm1/s7-ab12", "mm1.yaml")).toBe("results/mm1/s7-ab12");
    expect(() => checkResultsFolder("results", "results", "mm1.yaml")).toThrow("mm1.yaml: name: a scenario name whose results folder stays inside results (got results)");
    expect(() => checkResultsFolder("results", "results/../../x", "mm1.yaml")).toThrow(/stays inside results/);
  });

  it("safeFolderName() keeps letters, digits, . _ -, drops leading dots and caps at 120 characters", () => {
    expect([safeFolderName("boot1"), safeFolderName(".."), safeFolderName("my trace (v2)"), safeFolderName("../etc"), safeFolderName("", "x")]).toEqual(["boot1", "trace", "my_trace__v2_", "_etc", "x"]);
    expect(safeFolderName("a".repeat(200))).toHaveLength(120);
  });
});
