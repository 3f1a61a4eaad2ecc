import { describe, expect, it } from "vitest";
import { bindingMap } from "../../../src/report/charts/binding-map.ts";
import { compileChart } from "../../../src/report/charts/render.ts";
import { countMarks, encodingOf, renderClean } from "./svg-marks.ts";

const rows = [
  { x: 2, y: 1, binding: "VSA slots", verdict: "misses", detail: "tts.p95 9 min" },
  { x: 8, y: 1, binding: "MA storage", verdict: "misses", detail: "tts.p95 6 min" },
  { x: 8, y: 2, binding: "MA storage", verdict: "meets", detail: "tts.p95 4 min" },
  { x: 4, y: 2, binding: "none", verdict: "meets", detail: "tts.p95 3 min" },
];
const titles = { xTitle: "vsas", yTitle: "mediaAgents" };

describe("bindingMap", () => {
  it("bindingMap(rows, frontier) colours by binding resource in first-seen order, on count axes, ringing the frontier rows", () => {
    const spec = bindingMap(rows, [3], titles);
    const values = (spec.data as { values: { frontier: string }[] }).values;
    expect(values.map((v) => v.frontier)).toEqual(["", "", "", "frontier"]);
    const encoding = encodingOf(spec, 0);
    expect(encoding.color).toMatchObject({ field: "binding", scale: { domain: ["VSA slots", "MA storage", "none"] } });
    expect(encoding.x.axis).toEqual({ tickMinStep: 1, format: "d" });
    expect(encoding.y.axis).toEqual({ tickMinStep: 1, format: "d" });
    expect(compileChart(spec).warnings).toEqual([]);
  });

  it("bindingMap(4 rows, 2 meeting, 1 on the frontier) renders 4 outlines, 2 fills and 1 ring", async () => {
    const svg = await renderClean(bindingMap(rows, [3], titles));
    expect(countMarks(svg, "point")).toBe(4 + 2 + 1);
  });
});
