import { describe, expect, it } from "vitest";
import { loadRepeatBoots, loadWhatIfPairs, SHIPPED_PAIRS } from "../../../src/cli/commands/validate.ts";
import { phaseRows } from "../../../src/workloads/replay/phases.ts";
import { validationTable } from "../../../src/workloads/replay/validate.ts";

const s = (us: number): number => Math.round(us / 1e4) / 100;

describe("phaseRows", () => {
  it("phaseRows(shipped pairs, repeats) splits each service-ready error at /init: GRUB's before it, kernel-direct's after it", () => {
    const rows = phaseRows(loadWhatIfPairs(SHIPPED_PAIRS), loadRepeatBoots(SHIPPED_PAIRS));
    // [replayed, measured, measured /init, predicted /init, error by /init, error after /init], seconds
    expect(rows.map((r) => [r.replayed, r.measuredName, s(r.measuredInitUs), s(r.predictedInitUs), s(r.initErrorUs), s(r.afterInitErrorUs)])).toEqual([
      ["k2boot1", "k2boot_d20ms", 7.74, 7.57, -0.17, 1.81],
      ["k2boot_d20ms", "k2boot1", 7.53, 7.7, 0.17, -0.78],
      ["g2boot1", "g2boot_d2ms", 19.39, 17.8, -1.59, -0.04],
      ["g2boot_d2ms", "g2boot1", 10.65, 12.44, 1.79, 0.15],
      ["g2boot2", "g2boot_d2ms", 19.39, 18.65, -0.74, 1.16],
      ["g2boot_d2ms", "g2boot2", 11.49, 12.44, 0.95, -1.05],
      // Two undelayed boots: each replay is its own boot, so the split is the boots' own difference.
      ["g2boot1", "g2boot2", 11.49, 10.65, -0.84, -1.21],
      ["g2boot2", "g2boot1", 10.65, 11.49, 0.84, 1.21],
    ]);
  });

  it("phaseRows' service-ready predictions are the validation table's, and the two parts add up to its error exactly", () => {
    const pairs = loadWhatIfPairs(SHIPPED_PAIRS);
    const table = validationTable(pairs);
    const rows = phaseRows(pairs);
    expect(rows).toHaveLength(6); // boot1's pair has no /init times: no row
    for (const row of rows) {
      const same = table.find((t) => t.pair === row.pair && t.direction === row.direction)!;
      expect([row.predictedReadyUs, row.measuredReadyUs]).toEqual([same.predictedUs, same.measuredUs]);
      expect(row.initErrorUs + row.afterInitErrorUs).toBe(row.readyErrorUs);
      expect(row.readyErrorUs).toBe(same.predictedUs - same.measuredUs);
    }
  });

  it("phaseRows on a boot replayed on its own latency predicts its own /init exactly", () => {
    const [, k2] = loadWhatIfPairs(SHIPPED_PAIRS);
    const itself = { ...k2, name: "k2boot1 itself", delayed: k2.base, delayUs: 0 };
    const [slower] = phaseRows([itself]);
    expect([slower.predictedInitUs, slower.initErrorUs, slower.afterInitErrorUs]).toEqual([7_530_000, 0, 0]);
  });
});
