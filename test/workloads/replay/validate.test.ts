import { describe, expect, it } from "vitest";
import { loadWhatIfPairs, SHIPPED_PAIRS } from "../../../src/cli/commands/validate.ts";
import { priorOptionsWithout, summarizeValidation, validationTable, type ValidationRow } from "../../../src/workloads/replay/validate.ts";

const pct = (x: number): number => Number((100 * x).toFixed(1));

describe("validationTable", () => {
  it("validationTable(shipped pairs): error per pair and direction, as in docs/replay.md", () => {
    const rows = validationTable(loadWhatIfPairs(SHIPPED_PAIRS));
    expect(rows.map((r) => [r.pair, r.direction, pct(r.error), r.inBand])).toEqual([
      ["boot1 +5ms", "slower", 6.3, true],
      ["boot1 +5ms", "faster", -5.9, true],
      ["k2boot1 +20ms", "slower", 4.1, true],
      ["k2boot1 +20ms", "faster", 6.8, true],
      ["g2boot1 +2ms", "slower", -10.3, false],
      ["g2boot1 +2ms", "faster", 15.2, false],
      ["g2boot2 +2ms (repeat base)", "slower", -4.2, true],
      ["g2boot2 +2ms (repeat base)", "faster", 5.9, false],
    ]);
    // Nothing is fitted on the pairs, so leave-one-out equals the prior row for row.
    expect(rows.every((r) => r.leaveOneOutUs === r.predictedUs)).toBe(true);
    const summary = summarizeValidation(rows);
    expect([pct(summary.maxAbsError), pct(summary.medianAbsError), summary.met]).toEqual([15.2, 6.1, false]);
  });

  it("priorOptionsWithout(pair) fits nothing: the pair's own vCPU count", () => {
    const pairs = loadWhatIfPairs(SHIPPED_PAIRS);
    expect(priorOptionsWithout(pairs[0], pairs.slice(1))).toEqual({ vcpus: 2 });
  });
});

describe("summarizeValidation", () => {
  it("summarizeValidation takes the max and median of |error| over prior and leave-one-out", () => {
    const rows = [{ error: 0.04, leaveOneOutError: 0.04 }, { error: -0.12, leaveOneOutError: -0.12 }] as ValidationRow[];
    expect(summarizeValidation(rows)).toEqual({ maxAbsError: 0.12, medianAbsError: 0.08, met: false });
    expect(summarizeValidation([{ error: 0.01, leaveOneOutError: 0.02 }] as ValidationRow[]).met).toBe(true);
  });
});
