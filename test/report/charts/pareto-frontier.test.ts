import { describe, expect, it } from "vitest";
import { paretoChart, paretoFrontier } from "../../../src/report/charts/pareto-frontier.ts";

describe("pareto-frontier", () => {
  it("paretoFrontier(rows) keeps the rows no other row beats in both costs, sorted by x", () => {
    // (3, 3) is beaten by (2, 2); (5, 1) by (4, 1) (equal y, smaller x); (2, 2) twice: both kept.
    const rows = [{ x: 4, y: 1 }, { x: 3, y: 3 }, { x: 1, y: 5 }, { x: 2, y: 2 }, { x: 5, y: 1 }, { x: 2, y: 2 }, { x: NaN, y: 0 }];
    expect(paretoFrontier(rows)).toEqual([2, 3, 5, 0]);
    expect(paretoFrontier([])).toEqual([]);
  });

  it("paretoChart(rows) marks each row frontier or dominated and orders the frontier line by x", () => {
    const spec = paretoChart(
      [
        { x: 118, y: 63.6, series: "uncoordinated", label: "" },
        { x: 80, y: 72, series: "strict", label: "limit=1" },
        { x: 93, y: 61, series: "strict", label: "limit=1 slots=2" },
        { x: 95, y: 70, series: "mclock", label: "limit=2" },
      ],
      { xTitle: "timeToIndependence (s)", yTitle: "p99 (ms)" },
    );
    const values = (spec.data as { values: { frontier: string; order: number }[] }).values;
    expect(values.map((v) => [v.frontier, v.order])).toEqual([["dominated", -1], ["frontier", 0], ["frontier", 1], ["dominated", -1]]);
    expect(spec.title).toBe("p99 against timeToIndependence, Pareto frontier in black");
  });
});
