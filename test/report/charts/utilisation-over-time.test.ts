import { describe, expect, it } from "vitest";
import { compileChart } from "../../../src/report/charts/render.ts";
import { utilisationOverTime } from "../../../src/report/charts/utilisation-over-time.ts";
import { renderClean } from "./svg-marks.ts";

const times = [0, 60, 120, 180];

describe("utilisationOverTime", () => {
  it("utilisationOverTime(rows of 2 resources) renders a line per resource with 4 vertices each", async () => {
    const rows = ["ssd", "wan"].flatMap((resource) => times.map((timeS) => ({ timeS, utilisation: 0.25, resource })));
    const spec = utilisationOverTime(rows);
    expect(compileChart(spec).warnings).toEqual([]);
    const svg = await renderClean(spec);
    const paths = [...svg.matchAll(/aria-roledescription="line mark" d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths.map((d) => (d.match(/[ML]/g) ?? []).join(""))).toEqual(["MLLL", "MLLL"]);
    expect(svg).toContain(">Utilisation (%)</text>");
  });

  it("utilisationOverTime(rows, { title }) uses the given title", () => {
    expect(utilisationOverTime([{ timeS: 0, utilisation: 1, resource: "ssd" }], { title: "Run 7" }).title).toBe("Run 7");
  });
});
