import { describe, expect, it } from "vitest";
import { analyticError, comparisonTable, metricsTable } from "../../src/cli/commands/run.ts";
import type { MetricSummary } from "../../src/metrics/summarize.ts";

const tts: MetricSummary = { name: "tts", unit: "s", n: 3, mean: 43.7234, sd: 1, ci95: [43.2234, 44.2234], lower: 41.21, upper: 47.93 };
const cpu: MetricSummary = { name: "cpu", unit: "fraction", n: 3, mean: 0.5, sd: 0, ci95: [0.5, 0.5] };

describe("rtolab run's printed tables", () => {
  it("metricsTable() shows a banded metric as mean [lower–upper], an unbanded one as before", () => {
    expect(metricsTable([tts, cpu]).split("\n")).toEqual([
      "metric  unit      simulated            95% CI  analytic  error",
      "tts     s         43.72 [41.21–47.93]  ± 0.5",
      "cpu     fraction  0.5                  ± 0",
    ]);
  });

  it("comparisonTable() adds the band after mean ± CI half-width", () => {
    const slow = { ...tts, mean: 50, ci95: [49, 51] as [number, number], lower: 48, upper: 55 };
    expect(comparisonTable([{ name: "lazy", metrics: [tts, cpu] }, { name: "full", metrics: [slow] }]).split("\n")).toEqual([
      "metric  unit      lazy                       full",
      "tts     s         43.72 ± 0.5 [41.21–47.93]  50 ± 1 [48–55]",
      "cpu     fraction  0.5",
    ]);
  });

  it("comparisonTable() gives a variant with analytic values its own analytic and error columns", () => {
    const wait = (mean: number, analytic: number): MetricSummary => ({ name: "waitMean.high", unit: "ms", n: 10, mean, sd: 0.01, ci95: [mean - 0.01, mean + 0.01], analytic });
    expect(comparisonTable([{ name: "np", metrics: [wait(1.139, 1.143), cpu] }, { name: "pr", metrics: [wait(0.4257, 0.4286)] }, { name: "other", metrics: [cpu] }]).split("\n")).toEqual([
      "metric         unit      np            analytic  error   pr             analytic  error     other",
      "waitMean.high  ms        1.139 ± 0.01  1.143     -0.35%  0.4257 ± 0.01  0.4286    -0.6766%",
      "cpu            fraction  0.5                                                                0.5",
    ]);
  });

  it("analyticError() is the relative error in percent, empty without an analytic value or when it is 0", () => {
    expect(analyticError({ ...cpu, mean: 4.023, analytic: 4 })).toBe("0.575%");
    expect(analyticError(cpu)).toBe("");
    expect(analyticError({ ...cpu, analytic: 0 })).toBe("");
  });
});
