import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { modelKinds } from "../../src/lab/kinds.ts";
import { loadScenario } from "../../src/lab/load.ts";
import { loadScenarioOf } from "../../src/scenario/load.ts";

const mm1 = fileURLToPath(new URL("../../scenarios/validation/mm1.yaml", import.meta.url));

describe("loadScenario (rtolab's own kinds)", () => {
  it("is loadScenarioOf with every built-in kind: same scenario, same hash", () => {
    const bound = loadScenario(mm1, { sets: ["replications=5"] });
    const explicit = loadScenarioOf(modelKinds, mm1, { sets: ["replications=5"] });
    expect(bound.scenario.replications).toBe(5);
    expect(bound.hash).toBe(explicit.hash);
    expect(bound.scenario).toEqual(explicit.scenario);
  });

  it("refuses a kind that is not built in, listing the built-in ones", () => {
    expect(() => loadScenario(mm1, { sets: ["model.kind=nope"] })).toThrow(/model\.kind: expected one of "queue-station"/);
  });
});
