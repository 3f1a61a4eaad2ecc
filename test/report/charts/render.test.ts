import { describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { missRatioCurve } from "../../../src/report/charts/miss-ratio-curve.ts";
import { chartFiles, compileChart, renderChart, renderPng, renderSvg } from "../../../src/report/charts/render.ts";
import { countMarks, svgSize } from "./svg-marks.ts";

const rows = ["lru", "arc"].flatMap((policy, p) => [1, 2, 4].map((size) => ({ policy, size, missRatio: 0.8 - 0.1 * size - 0.05 * p })));
const spec = missRatioCurve(rows, { sizeUnit: "GiB" });

/** PNG width and height from the IHDR chunk (bytes 16–23, big-endian). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe("compileChart", () => {
  it("compileChart(spec) returns a Vega spec and no warnings for a valid chart", () => {
    const { vega, warnings } = compileChart(spec);
    expect(warnings).toEqual([]);
    expect(vega.$schema).toBe("https://vega.github.io/schema/vega/v6.json");
  });

  it("compileChart(spec with a bad aggregate) reports the compiler's warning instead of printing it", () => {
    const bad = { data: { values: [{ a: 1 }] }, mark: "point", encoding: { x: { field: "a", type: "quantitative", aggregate: "nonsense" } } };
    expect(compileChart(bad as unknown as TopLevelSpec).warnings).toEqual([expect.stringContaining("nonsense")]);
  });
});

describe("renderSvg", () => {
  it("renderSvg(spec) twice gives byte-identical SVG", async () => {
    const first = await renderSvg(spec);
    expect(await renderSvg(spec)).toBe(first);
    expect(first.startsWith("<svg")).toBe(true);
  });

  it("renderSvg(clipped marks) numbers clip paths from 1 on every render, even when renders overlap", async () => {
    const clipped = { ...spec, mark: { type: "line", clip: true } } as TopLevelSpec;
    const [a, b, c] = await Promise.all([renderSvg(clipped), renderSvg(clipped), renderSvg(spec)]);
    expect(a).toContain('id="clip1"');
    expect(b).toBe(a);
    expect(c).toBe(await renderSvg(spec));
  });

  it("renderSvg(spec) sets text in DejaVu Sans and sizes the chart from the 480 × 280 plot", async () => {
    const svg = await renderSvg(spec);
    expect(svg).toContain('font-family="DejaVu Sans, sans-serif"');
    expect(svg).not.toContain('font-family="sans-serif"');
    const { width, height } = svgSize(svg);
    expect(width).toBeGreaterThan(480);
    expect(width).toBeLessThan(700);
    expect(height).toBeGreaterThan(280);
    expect(height).toBeLessThan(400);
  });

  it("renderChart(spec with a data url) refuses to fetch", async () => {
    const remote = { data: { url: "https://example.com/data.json" }, mark: "point" } as TopLevelSpec;
    const { warnings } = await renderChart(remote).catch((error: Error) => ({ warnings: [error.message] }));
    expect(warnings.join(" ")).toContain("charts load no external data");
  });

  it("renderSvg(spec) escapes markup in data values", async () => {
    const svg = await renderSvg(missRatioCurve([{ policy: "<script>", size: 1, missRatio: 0.5 }], { sizeUnit: "GiB" }));
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
    expect(countMarks(svg, "point")).toBe(1);
  });
});

describe("renderPng", () => {
  it("renderPng(svg) gives PNG bytes at twice the SVG's size", async () => {
    const svg = await renderSvg(spec);
    const png = renderPng(svg);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const { width, height } = svgSize(svg);
    expect(pngSize(png)).toEqual({ width: 2 * width, height: 2 * height });
  });

  it("renderPng(svg, { scale: 1 }) gives the SVG's own size and the same bytes twice", async () => {
    const svg = await renderSvg(spec);
    const png = renderPng(svg, { scale: 1 });
    expect(pngSize(png)).toEqual(svgSize(svg));
    expect(renderPng(svg, { scale: 1 })).toEqual(png);
  });

  it("renderPng(svg, { scale: 0 }) throws", () => {
    expect(() => renderPng("<svg/>", { scale: 0 })).toThrow("renderPng requires a positive scale, got 0");
  });
});

describe("chartFiles", () => {
  it("chartFiles(name, spec) gives the spec, SVG and PNG under charts/", async () => {
    const files = await chartFiles("mrc", spec);
    expect([...files.keys()]).toEqual(["charts/mrc.vl.json", "charts/mrc.svg", "charts/mrc.png"]);
    expect(JSON.parse(files.get("charts/mrc.vl.json") as string)).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(files.get("charts/mrc.svg")).toBe(await renderSvg(spec));
    expect(files.get("charts/mrc.png")).toBeInstanceOf(Uint8Array);
  });

  it("chartFiles('../x', spec) rejects a name that is not a plain file stem", async () => {
    await expect(chartFiles("../x", spec)).rejects.toThrow('chartFiles requires a name of letters, digits, ".", "_" and "-", got "../x"');
  });
});
