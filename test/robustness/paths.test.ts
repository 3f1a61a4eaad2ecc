import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkResultsFolder, isInside, realish, resolveScenarioPath, safeFolderName, scenarioProjectRoot } from "../../src/util/paths.ts";
import { REPO } from "./cli-child.ts";

/** A project folder (with package.json) holding scenarios/s.yaml and traces/t.csv. */
function project(): { root: string; scenario: string } {
  const root = mkdtempSync(join(tmpdir(), "rtolab-paths-"));
  writeFileSync(join(root, "package.json"), "{}");
  mkdirSync(join(root, "scenarios", "deep"), { recursive: true });
  mkdirSync(join(root, "traces"));
  writeFileSync(join(root, "traces", "t.csv"), "t_us,op,offset,length\n");
  const scenario = join(root, "scenarios", "deep", "s.yaml");
  writeFileSync(scenario, "version: 1\n");
  return { root, scenario };
}

describe("scenarioProjectRoot", () => {
  it("scenarioProjectRoot(file) is the nearest ancestor with package.json or .git", () => {
    const { root, scenario } = project();
    expect(scenarioProjectRoot(scenario)).toBe(root);
    expect(scenarioProjectRoot(join(REPO, "scenarios/validation/mm1.yaml"))).toBe(REPO.replace(/\/$/, ""));
  });

  it("scenarioProjectRoot(file) is the file's own folder when no ancestor is a project", () => {
    const loose = mkdtempSync(join(tmpdir(), "rtolab-loose-"));
    expect(scenarioProjectRoot(join(loose, "s.yaml"))).toBe(loose);
  });
});

describe("resolveScenarioPath", () => {
  it("resolveScenarioPath(scenario, field, relative path inside the project) resolves against the scenario's folder", () => {
    const { root, scenario } = project();
    expect(resolveScenarioPath(scenario, "model.trace", "../../traces/t.csv")).toBe(join(root, "traces", "t.csv"));
    expect(resolveScenarioPath(scenario, "model.trace", join(root, "traces", "t.csv"))).toBe(join(root, "traces", "t.csv"));
  });

  it("resolveScenarioPath(shipped scenario, field, ../../traces/boot1.csv) may reach the repository's traces/", () => {
    expect(resolveScenarioPath(join(REPO, "scenarios/validation/mm1.yaml"), "model.trace", "../../traces/boot1.csv")).toBe(join(REPO, "traces/boot1.csv"));
  });

  it("resolveScenarioPath(scenario, field, escaping path) throws an InputError naming the file and field", () => {
    const { root, scenario } = project();
    const escapes = ["../../../etc/passwd", "/etc/passwd", "../../../" + root.split("/").pop() + "-other/t.csv", "a\0b"];
    for (const value of escapes) {
      expect(() => resolveScenarioPath(scenario, "model.vms[2].trace", value)).toThrow(
        `${scenario}: model.vms[2].trace: a path inside ${root} (the scenario's project; allow another folder with --data-dir DIR or dataDir), not `,
      );
    }
  });

  it("resolveScenarioPath(scenario, field, symlink pointing outside) is refused: containment follows symlinks", () => {
    const { root, scenario } = project();
    symlinkSync("/etc", join(root, "traces", "etc"));
    expect(() => resolveScenarioPath(scenario, "model.trace", "../../traces/etc/passwd")).toThrow("model.trace: a path inside");
    expect(isInside(root, join(root, "traces", "etc", "passwd"))).toBe(false);
  });
});

describe("checkResultsFolder", () => {
  it("checkResultsFolder(root, folder inside) returns the folder; outside or the root itself is refused", () => {
    expect(checkResultsFolder("results", "results/mm1/s7-ab12", "mm1.yaml")).toBe("results/mm1/s7-ab12");
    expect(() => checkResultsFolder("results", "results/../elsewhere", "x.yaml")).toThrow("x.yaml: name: a scenario name whose results folder stays inside results");
    expect(() => checkResultsFolder("results", "results", "x.yaml")).toThrow("stays inside results");
  });
});

describe("safeFolderName", () => {
  it("safeFolderName(name) keeps letters, digits, . _ - and drops leading dots", () => {
    expect(safeFolderName("boot1")).toBe("boot1");
    expect(safeFolderName("cloudPhysicsIO.oracleGeneral")).toBe("cloudPhysicsIO.oracleGeneral");
    expect(safeFolderName("my trace (v2)")).toBe("my_trace__v2_");
    expect(safeFolderName("..")).toBe("trace");
    expect(safeFolderName(".")).toBe("trace");
    expect(safeFolderName("...hidden")).toBe("hidden");
    expect(safeFolderName("", "x")).toBe("x");
    expect(safeFolderName("a".repeat(300))).toHaveLength(120);
  });
});

describe("realish", () => {
  it("realish(path) follows links of the part that exists and keeps the rest", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-realish-"));
    mkdirSync(join(root, "real"));
    symlinkSync(join(root, "real"), join(root, "link"));
    expect(realish(join(root, "link", "new", "folder"))).toBe(join(realish(root), "real", "new", "folder"));
  });
});
