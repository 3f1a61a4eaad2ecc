import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { scenarioWarnings, warnAboutScenario } from "../../src/cli/scenario-warnings.ts";
import { loadScenario } from "../../src/lab/load.ts";
import { rtolabIn, REPO } from "../robustness/cli-child.ts";

const TOY = "scenarios/fleet/toy-restore.yaml";
const line = (file: string) => `rtolab: warning: ${file}: instant restores run the coarse flow model without restore.coarseFit: its un-calibrated parameters disagree with the pipeline; \`rtolab fleet calibrate ${file}\` fits them`;

describe("scenario warnings", () => {
  it("scenarioWarnings() warns once about instant restores on the coarse model without coarseFit, not with a fit, a pipeline or full restores", () => {
    expect(scenarioWarnings(loadScenario(TOY), TOY)).toEqual([line(TOY)]);
    expect(scenarioWarnings(loadScenario(TOY, { sets: ["model.restore.mode=full"] }), TOY)).toEqual([]);
    expect(scenarioWarnings(loadScenario(TOY, { sets: ["model.restore.coarseFit=fit.yaml"] }), TOY)).toEqual([]); // read when it runs
    expect(scenarioWarnings(loadScenario("scenarios/fleet/mass-restore.yaml"), "m.yaml")).toEqual([]); // seven variants, all on the pipeline
    expect(scenarioWarnings(loadScenario("scenarios/fleet/dr-wan.yaml"), "d.yaml")).toEqual([]); // full restores
    expect(scenarioWarnings(loadScenario("scenarios/validation/mm1.yaml"), "q.yaml")).toEqual([]);
  });

  it("warnAboutScenario() writes the lines on stderr, nothing under --quiet", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      warnAboutScenario(loadScenario(TOY), TOY, true);
      expect(write).not.toHaveBeenCalled();
      warnAboutScenario(loadScenario(TOY), TOY, false);
      expect(write.mock.calls).toEqual([[`${line(TOY)}\n`]]);
    } finally {
      write.mockRestore();
    }
  });

  it("rtolab run toy-restore prints the warning on stderr before running", { timeout: 30_000 }, () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-warn-")), "run");
    const { status, stderr } = rtolabIn(REPO, "run", TOY, "--set", "replications=1", "--out", out);
    expect([status, stderr]).toEqual([0, `${line(TOY)}\n`]);
  });
});
