import { describe, expect, it } from "vitest";
import { pairedDifferences, type DifferenceRow } from "../../../src/report/charts/paired-differences.ts";
import { countMarks, renderClean } from "./svg-marks.ts";

interface Panel {
  width: number;
  height: number;
  transform: { filter: { field: string; equal: string } }[];
  layer: { mark: { type: string; strokeDash?: number[] }; encoding: Record<string, Record<string, unknown>> }[];
}

const rows: DifferenceRow[] = [
  { group: "", metric: "tts", unit: "s", difference: -11.2, halfWidth: 1.5, effect: "lower" },
  { group: "", metric: "demandLatencyP99", unit: "ms", difference: 0.4, halfWidth: 0.9, effect: "not significant" },
  { group: "", metric: "bytesFromSecondary", unit: "MiB", difference: 0, halfWidth: 0, effect: "identical" },
];

describe("pairedDifferences", () => {
  const spec = pairedDifferences(rows, { labelA: "lazy", labelB: "profile", paired: true });
  const panels = (spec as unknown as { vconcat: Panel[] }).vconcat;

  it("pairedDifferences(rows) draws a panel per metric: zero rule, CI error bar from difference − h to difference + h, point coloured by effect", () => {
    expect(panels.map((panel) => panel.transform[0].filter)).toEqual(rows.map((row) => ({ field: "metric", equal: row.metric })));
    for (const panel of panels) {
      expect(panel.layer.map((layer) => layer.mark.type)).toEqual(["rule", "errorbar", "point"]);
      expect(panel.layer[0].encoding.x).toEqual({ datum: 0, type: "quantitative" });
      expect(panel.layer[0].mark.strokeDash).toEqual([4, 3]);
      expect([panel.layer[1].encoding.x.field, panel.layer[1].encoding.x2.field]).toEqual(["ciLow", "ciHigh"]);
      expect(panel.layer[2].encoding.x.field).toBe("difference");
      expect(panel.layer[2].encoding.x.scale).toEqual({ zero: true });
      expect(panel.layer[2].encoding.color.field).toBe("effect");
      expect(panel.layer[2].encoding.y).toBeUndefined(); // no groups: one row per panel
    }
    // Axis titles carry the metric, B − A and the unit.
    expect(panels.map((panel) => panel.layer[2].encoding.x.title)).toEqual(["tts: profile − lazy (s)", "demandLatencyP99: profile − lazy (ms)", "bytesFromSecondary: profile − lazy (MiB)"]);
    // The legend lists only the effects present, in a fixed order, each with its colour.
    expect(panels[0].layer[2].encoding.color.scale).toEqual({ domain: ["lower", "not significant", "identical"], range: ["#1f77b4", "#7f7f7f", "#000000"] });
    expect(spec.resolve).toEqual({ scale: { x: "independent", color: "shared" }, legend: { color: "shared" } });
  });

  it("pairedDifferences(rows) inlines each row with its CI bounds", () => {
    expect((spec.data as { values: unknown[] }).values).toEqual([
      { group: "", metric: "tts", unit: "s", difference: -11.2, ciLow: -12.7, ciHigh: -9.7, effect: "lower" },
      { group: "", metric: "demandLatencyP99", unit: "ms", difference: 0.4, ciLow: 0.4 - 0.9, ciHigh: 0.4 + 0.9, effect: "not significant" },
      { group: "", metric: "bytesFromSecondary", unit: "MiB", difference: 0, ciLow: 0, ciHigh: 0, effect: "identical" },
    ]);
    expect((spec.title as { subtitle: string[] }).subtitle[0]).toMatch(/^paired by replication/);
    expect((pairedDifferences(rows, { labelA: "a", labelB: "b", paired: false }).title as { subtitle: string[] }).subtitle[0]).toMatch(/^unpaired: Welch/);
  });

  it("pairedDifferences(rows with groups) gives each panel a row per group, and renders without warnings, a point per row", async () => {
    const grouped = ["servers=1", "servers=2"].flatMap((group, i) => rows.slice(0, 2).map((row) => ({ ...row, group, difference: row.difference * (i + 1) })));
    const groupedPanels = (pairedDifferences(grouped, { labelA: "fifo", labelB: "sjf", paired: true }) as unknown as { vconcat: Panel[] }).vconcat;
    expect(groupedPanels).toHaveLength(2);
    expect(groupedPanels.map((panel) => [panel.height, panel.layer[2].encoding.y.field, panel.layer[2].encoding.y.sort])).toEqual([
      [52, "group", ["servers=1", "servers=2"]],
      [52, "group", ["servers=1", "servers=2"]],
    ]);
    const svg = await renderClean(pairedDifferences(grouped, { labelA: "fifo", labelB: "sjf", paired: true }));
    expect(countMarks(svg, "point")).toBe(4);
    expect(svg).toContain("tts: sjf − fifo (s)");
  });
});
