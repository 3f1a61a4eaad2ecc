import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareResults, compareValues, verdict, type ReplicationValue } from "../../src/lab/compare.ts";
import { runScenario } from "../../src/lab/run.ts";
import { writeRunResults } from "../../src/report/run-results.ts";
import { loadScenario } from "../../src/scenario/load.ts";

const values = (variant: string, xs: number[]): ReplicationValue[] => xs.map((value, replication) => ({ group: "", variant, replication, metric: "waitMean", unit: "ms", value }));

describe("compare", () => {
  it("verdict(label, comparison) says who lowers what by how much", () => {
    const c = { metric: "waitMean", unit: "ms", meanA: 4, difference: -1.24, halfWidth: 0.16, n: 10, paired: true, significant: true };
    expect(verdict("B", c)).toBe("B lowers waitMean by 31% ± 4% (paired, n=10)");
    expect(verdict("B", { ...c, difference: 0.1, significant: false })).toBe("no significant difference in waitMean (+2.5% ± 4%, paired, n=10)");
  });

  it("compareValues(a, b, { paired: true }) takes the CI of per-replication differences", () => {
    const [c] = compareValues(values("a", [10, 12, 14]), values("b", [9, 11, 13.3]), { labelB: "b", paired: true });
    expect(c.difference).toBeCloseTo(-0.9, 12);
    expect(c.halfWidth).toBeCloseTo((4.302652729749464 * Math.sqrt(0.03)) / Math.sqrt(3), 9);
    expect(c.significant).toBe(true);
    expect(c.verdict).toBe("b lowers waitMean by 7.5% ± 3.6% (paired, n=3)");
  });

  it("compareValues(a, b, { paired: false }) uses Welch and finds the same shift not significant", () => {
    const [c] = compareValues(values("a", [10, 12, 14]), values("b", [9, 11, 13.3]), { labelB: "b", paired: false });
    expect(c.significant).toBe(false);
    expect(c.verdict).toMatch(/^no significant difference in waitMean \(−7.5% ± \d+%, unpaired, Welch, n=3\)$/);
  });

  it("compareResults({ folder, variants }) pairs two variants of one run folder", async () => {
    const loaded = loadScenario("scenarios/validation/mm1.yaml", {
      sets: ["replications=4", "model.customers=5000", "model.warmupCustomers=500", 'variants=[{name: slow, set: {}}, {name: fast, set: {"model.service.mean": "0.8ms"}}]'],
    });
    const folder = await writeRunResults(runScenario(loaded), { out: join(mkdtempSync(join(tmpdir(), "rtolab-compare-")), "run") });
    const wait = compareResults({ folder, variants: ["slow", "fast"] }).find((c) => c.metric === "waitMean");
    expect(wait?.paired).toBe(true);
    expect(wait?.verdict).toMatch(/^fast lowers waitMean by \d+% ± \d+(\.\d+)?% \(paired, n=4\)$/);
    expect(() => compareResults({ folder, variants: ["slow", "nope"] })).toThrow(/--variants: a variant of this folder \(slow, fast\), not "nope"/);
  }, 60_000);
});
