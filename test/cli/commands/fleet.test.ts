import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultFitPath } from "../../../src/cli/commands/fleet.ts";

const repo = fileURLToPath(new URL("../../..", import.meta.url));

function rtolab(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", join(repo, "src/cli/main.ts"), ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, CI: "true" } });
}

describe("rtolab fleet calibrate", () => {
  it("fleet: the fit goes beside the scenario as <name>.coarse.yaml", () => {
    expect(defaultFitPath("scenarios/fleet/ransomware-mixed-estate.yaml")).toBe("scenarios/fleet/ransomware-mixed-estate.coarse.yaml");
  });

  it("fleet: a scenario without a restore pipeline, or not a fleet, is refused in one line with exit 2 and no file written", () => {
    const coarse = rtolab("fleet", "calibrate", "scenarios/fleet/toy-restore.yaml", "-o", "/nonexistent/dir/fit.yaml");
    expect([coarse.status, coarse.stderr.trim()]).toEqual([2, "rtolab: toy-restore.yaml: model.restore.pipeline: a restore pipeline to calibrate the coarse model from"]);
    const station = rtolab("fleet", "calibrate", "scenarios/validation/mm1.yaml", "-o", "/nonexistent/dir/fit.yaml");
    expect([station.status, station.stderr.trim()]).toEqual([2, "rtolab: scenarios/validation/mm1.yaml: model.kind: fleet (only the fleet kind has a coarse model)"]);
  });
});
