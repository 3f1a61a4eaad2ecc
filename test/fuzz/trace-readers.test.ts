import { describe, expect, it } from "vitest";
import { runTarget } from "../../fuzz/check.ts";
import { traceTargets } from "../../fuzz/trace-targets.ts";
import { TRACE_FORMATS } from "../../src/workloads/traces/open.ts";

/** Cases per target in `npm test`: 6 formats × 4 targets × 150 ≈ 3,600 reads, a few seconds. */
const CASES = 150;
const SEED = 8;

describe("trace readers under fuzzing (fast-check, seed 8)", () => {
  for (const format of TRACE_FORMATS) {
    for (const target of traceTargets(format)) {
      it(`openTrace(${target.name}) reads to the end or fails with a one-line InputError naming the file and line or record`, () => {
        const stats = runTarget(target, { numRuns: CASES, seed: SEED });
        expect(stats.failure).toBeUndefined();
        expect(stats.cases).toBe(CASES);
      });
    }
  }
});
