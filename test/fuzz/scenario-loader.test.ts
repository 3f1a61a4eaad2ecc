import { describe, expect, it } from "vitest";
import { runTarget } from "../../fuzz/check.ts";
import { SCENARIO_TARGETS } from "../../fuzz/scenario-targets.ts";

/** Cases per target in `npm test`: 4 targets × 300, a few seconds. */
const CASES = 300;
const SEED = 8;

describe("loadScenario under fuzzing (fast-check, seed 8)", () => {
  for (const target of SCENARIO_TARGETS) {
    it(`loadScenario(${target.name.replace("scenario: ", "")}) loads or fails with a one-line InputError naming the file or --set`, () => {
      const stats = runTarget(target, { numRuns: CASES, seed: SEED });
      expect(stats.failure).toBeUndefined();
      expect(stats.cases).toBe(CASES);
    });
  }
});
