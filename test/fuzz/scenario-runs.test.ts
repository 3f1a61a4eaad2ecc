import { describe, expect, it } from "vitest";
import { runTarget } from "../../fuzz/check.ts";
import { RUN_TARGETS } from "../../fuzz/run-targets.ts";

/**
 * The bounded slice of the run fuzzer (issue #19 item 12) in `npm test`: per model kind, 15
 * scenarios generated from the JSON Schema with boundary values, each loaded, estimated and run
 * under 256 MiB and 2·10^6 events. About 10 s in all; `npm run fuzz` runs the long version.
 */
const CASES = 15;
const SEED = 8;

describe("rtolab run under fuzzing: generated scenarios finish or fail with one line (fast-check, seed 8)", () => {
  for (const target of RUN_TARGETS) {
    it(`${target.name}: runs or fails with a one-line InputError naming the scenario or a file it names, within the budget`, () => {
      const stats = runTarget(target, { numRuns: CASES, seed: SEED });
      expect(stats.failure).toBeUndefined();
      expect(stats.cases).toBe(CASES);
    });
  }
});
