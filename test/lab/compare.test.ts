import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareTable } from "../../src/cli/commands/compare.ts";
import { compareResults, compareValues, effectOf, maxReplications, meanBand, verdict, type ReplicationValue } from "../../src/lab/compare.ts";
import { toCsv } from "../../src/report/csv.ts";
import { runScenario } from "../../src/lab/run.ts";
import { writeRunResults } from "../../src/report/run-results.ts";
import { loadScenario } from "../../src/lab/load.ts";

const values = (variant: string, xs: number[]): ReplicationValue[] => xs.map((value, replication) => ({ group: "", variant, replication, metric: "waitMean", unit: "ms", value }));

describe("compare", () => {
  it("verdict(label, comparison) says who lowers what by how much", () => {
    const c = { metric: "waitMean", unit: "ms", meanA: 4, difference: -1.24, halfWidth: 0.16, n: 10, paired: true, significant: true };
    expect(verdict("B", c)).toBe("B lowers waitMean by 31% ± 4% (paired, n=10)");
    expect(verdict("B", { ...c, difference: 0.1, significant: false })).toBe("no significant difference in waitMean (+3% ± 4%, paired, n=10)");
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
    expect(c.verdict).toMatch(/^no significant difference in waitMean \(−8% ± 39%, unpaired, Welch, n=3\)$/);
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

  const banded = (variant: string, xs: [number, number, number][]): ReplicationValue[] =>
    xs.map(([value, lower, upper], replication) => ({ group: "", variant, replication, metric: "tts", unit: "s", value, lower, upper }));

  it("meanBand() averages each end, and gives none when a value has no band", () => {
    expect(meanBand([{ lower: 1, upper: 3 }, { lower: 2, upper: 5 }])).toEqual([1.5, 4]);
    expect(meanBand([{ lower: 1, upper: 3 }, {}])).toBeUndefined();
  });

  it("compareValues() flags overlapping model bands and says the difference may be a model artefact", () => {
    const a = banded("lazy", [[40, 38, 45], [41, 39, 46], [42, 40, 47]]);
    const b = banded("profile", [[38, 36, 43], [39, 37, 44], [40, 38, 45]]);
    const [c] = compareValues(a, b, { labelA: "lazy", labelB: "profile", paired: true });
    expect(c.bandA).toEqual([39, 46]);
    expect(c.bandB).toEqual([37, 44]);
    expect(c.bandsOverlap).toBe(true);
    expect(c.verdict).toBe("profile lowers tts by 4.9% ± 0% (paired, n=3); model bands overlap: the difference may be a model artefact, not a policy effect");
    expect(compareTable([c]).split("\n")).toEqual([
      "metric  unit  lazy        profile     profile − lazy (95% CI)  model bands",
      "tts     s     41 [39–46]  39 [37–44]  -2 ± 0                   overlap",
    ]);
  });

  it("compareValues() says nothing of bands that are apart, or when a side has none", () => {
    const a = banded("full", [[200, 190, 210], [202, 192, 212]]);
    const b = banded("lazy", [[40, 38, 45], [41, 39, 46]]);
    const [apart] = compareValues(a, b, { labelB: "lazy", paired: true });
    expect(apart.bandsOverlap).toBe(false);
    expect(apart.verdict).toBe("lazy lowers tts by 79.9% ± 3.2% (paired, n=2)");
    const [unbanded] = compareValues(a.map(({ lower: _l, upper: _u, ...v }) => v), b, { labelB: "lazy", paired: true });
    expect("bandsOverlap" in unbanded).toBe(false);
    expect(compareTable([unbanded])).not.toContain("model bands");
  });

  it("compareResults({ folder, variants }) reads band_low,band_high back from replications.csv", () => {
    const folder = join(mkdtempSync(join(tmpdir(), "rtolab-compare-")), "run");
    mkdirSync(folder);
    writeFileSync(join(folder, "summary.json"), JSON.stringify({ seed: 1 }));
    const rows = [...banded("lazy", [[40, 38, 45], [41, 39, 46]]), ...banded("profile", [[38, 36, 43], [39, 37, 44]])].map(({ group: _g, lower, upper, ...v }) => ({ ...v, band_low: lower ?? "", band_high: upper ?? "" }));
    writeFileSync(join(folder, "replications.csv"), toCsv(rows, ["variant", "replication", "metric", "unit", "value", "band_low", "band_high"]));
    const [c] = compareResults({ folder, variants: ["lazy", "profile"] });
    expect(c.bandA).toEqual([38.5, 45.5]);
    expect(c.bandB).toEqual([36.5, 43.5]);
    expect(c.bandsOverlap).toBe(true);
  });

  it("effectOf(c, minEffect) calls a change below the threshold, or a CI wholly within ±threshold, negligible", () => {
    const c = { metric: "tts", unit: "s", meanA: 40, difference: -0.2, halfWidth: 0.1, n: 10, paired: true, significant: true };
    expect(effectOf(c, 0)).toBe("lower");
    expect(effectOf(c, 0.01)).toBe("negligible"); // |−0.2| < 0.4 s = 1% of 40 s
    expect(effectOf({ ...c, difference: 0.1, halfWidth: 0.2, significant: false }, 0.01)).toBe("negligible"); // CI [−0.1, 0.3] within ±0.4
    expect(effectOf({ ...c, difference: 0.1, halfWidth: 0.5, significant: false }, 0.01)).toBe("not significant"); // CI reaches 0.6 > 0.4
    expect(effectOf({ ...c, difference: 0.6, halfWidth: 0.1 }, 0.01)).toBe("higher");
    expect(effectOf({ ...c, difference: 0, halfWidth: 0 }, 0.01)).toBe("identical");
  });

  it("compareValues(a, b, { minEffect }) reports a small significant shift as negligible, rounded to its CI", () => {
    const [c] = compareValues(values("a", [10, 12, 14]), values("b", [9.95, 11.96, 13.94]), { labelA: "a", labelB: "b", paired: true, minEffect: 0.01 });
    // differences −0.05, −0.04, −0.06 s: mean −0.05 ± 4.303 × 0.01 / √3 = 0.0248, i.e. 0.417% ± 0.207% of 12
    expect([c.significant, c.effect, c.labelA, c.labelB]).toEqual([true, "negligible", "a", "b"]);
    expect(c.verdict).toBe("negligible change in waitMean (−0.42% ± 0.21%, below --min-effect 1%; paired, n=3)");
  });

  it("verdict() of identical replications prints no floating-point noise", () => {
    const c = { metric: "tts", unit: "s", meanA: 44.31, difference: -2.000000000000001, halfWidth: 3.1e-15, n: 10, paired: true, significant: true };
    expect(verdict("profile", c)).toBe("profile lowers tts by 4.5% ± 0% (paired, n=10)");
  });

  it("maxReplications(table) counts each metric's replications per variant", () => {
    const rows = [...values("a", [1, 2, 3]), ...values("b", [1])];
    expect(maxReplications({ folder: "x", seed: 1, values: rows })).toBe(3);
    expect(maxReplications({ folder: "x", seed: 1, values: values("b", [1]) })).toBe(1);
  });
});
