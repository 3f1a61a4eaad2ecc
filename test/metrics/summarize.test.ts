import { describe, expect, it } from "vitest";
import type { MetricValue, ReplicationResult } from "../../src/contracts/model-kind.ts";
import { summarizeReplications } from "../../src/metrics/summarize.ts";

const replication = (...metrics: MetricValue[]): ReplicationResult => ({ metrics, fingerprint: "", events: 0 });

describe("summarizeReplications", () => {
  it("averages each end of a model band over replications, like the mean", () => {
    const [tts] = summarizeReplications([
      replication({ name: "tts", unit: "s", value: 1, lower: 0, upper: 2 }),
      replication({ name: "tts", unit: "s", value: 3, lower: 2, upper: 5 }),
    ]);
    expect(tts.mean).toBe(2);
    expect(tts.lower).toBe(1);
    expect(tts.upper).toBe(3.5);
  });

  it("gives no band to an unbanded metric, nor to one a replication reported without a band", () => {
    const [wait, tts] = summarizeReplications([
      replication({ name: "wait", unit: "ms", value: 1 }, { name: "tts", unit: "s", value: 1, lower: 0, upper: 2 }),
      replication({ name: "wait", unit: "ms", value: 3 }, { name: "tts", unit: "s", value: 3 }),
    ]);
    expect(Object.keys(wait)).toEqual(["name", "unit", "n", "mean", "sd", "ci95"]);
    expect("lower" in tts || "upper" in tts).toBe(false);
  });

  it("keeps a single replication's band as it is", () => {
    const [tts] = summarizeReplications([replication({ name: "tts", unit: "s", value: 43.72, lower: 41.2, upper: 47.9, description: "d" })]);
    expect(tts).toEqual({ name: "tts", unit: "s", n: 1, mean: 43.72, sd: 0, ci95: [43.72, 43.72], lower: 41.2, upper: 47.9, description: "d" });
  });
});
