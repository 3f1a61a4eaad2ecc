import { describe, expect, it } from "vitest";
import { numericAxis, sweepViews, type PointSummary } from "../../../src/lab/sweep/views.ts";
import { planSweep } from "../../../src/lab/sweep/plan.ts";

describe("sweep views", () => {
  it("numericAxis(field, durations) reads them in the largest fitting unit", () => {
    const axis = numericAxis("model.arrival.mean", ["1ms", "2.5ms", "500us"]);
    expect(axis?.title).toBe("model.arrival.mean (ms)");
    expect(axis?.value("500us")).toBe(0.5);
  });

  it("numericAxis(field, sizes) reads binary sizes", () => {
    expect(numericAxis("model.cache", ["512MiB", "2GiB"])?.title).toBe("model.cache (GiB)");
  });

  it("numericAxis(field, numbers) keeps the field name; words give no axis", () => {
    expect(numericAxis("model.servers", [1, 2])?.title).toBe("model.servers");
    expect(numericAxis("model.policy", ["lru", "arc"])).toBeUndefined();
  });

  it("sweepViews(manifest with frontier, summaries) puts the frontier first: one row per point with both metrics, labelled by the swept fields", () => {
    const plan = planSweep("scenarios/sweeps/mm1-load.yaml", { sets: ["sweep.frontier={x: waitMean, y: utilisation}"] });
    expect(plan.manifest.frontier).toEqual({ x: "waitMean", y: "utilisation" });
    const summaries: PointSummary[] = plan.manifest.points.slice(0, 3).map((point, i) => ({
      point,
      metrics: [
        { name: "waitMean", unit: "ms", n: 1, mean: [3, 1, 2][i], sd: 0, ci95: [0, 0] },
        { name: "utilisation", unit: "fraction", n: 1, mean: [0.6, 0.5, 0.2][i], sd: 0, ci95: [0, 0] },
      ],
    })) as unknown as PointSummary[];
    const [frontier] = sweepViews(plan.manifest, summaries);
    expect(frontier.name).toBe("frontier");
    const values = (frontier.spec.data as { values: { x: number; frontier: string; label: string }[] }).values;
    expect(values.map((v) => [v.x, v.frontier])).toEqual([[3, "dominated"], [1, "frontier"], [2, "frontier"]]);
    expect(values[0].label).toBe("servers=1 mean=2ms");
    // Without the field the manifest (and its hash) is what it was.
    expect("frontier" in planSweep("scenarios/sweeps/mm1-load.yaml").manifest).toBe(false);
  });
});
