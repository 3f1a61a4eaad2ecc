/** Helpers for asserting on vega's SVG output: mark counts by ARIA role and the root size. */
import { expect } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { renderChart } from "../../../src/report/charts/render.ts";

/**
 * Counts scene items whose `aria-roledescription` is exactly `role` ("line mark", "point",
 * "box", "bar", "rule mark", "errorband"); containers ("line mark container") do not match.
 */
export function countMarks(svg: string, role: string): number {
  return svg.split(`aria-roledescription="${role}"`).length - 1;
}

/** Width and height of the root `<svg>` element, in CSS pixels. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /^<svg[^>]*>/.exec(svg)?.[0] ?? "";
  return { width: Number(/ width="(\d+)"/.exec(root)?.[1]), height: Number(/ height="(\d+)"/.exec(root)?.[1]) };
}

/** Renders a spec, asserting that neither vega-lite nor vega logged a warning. */
export async function renderClean(spec: TopLevelSpec): Promise<string> {
  const { svg, warnings } = await renderChart(spec);
  expect(warnings).toEqual([]);
  return svg;
}

/** The encoding of a single-view spec, or of layer `index` of a layered one, loosely typed. */
export function encodingOf(spec: TopLevelSpec, index = 0): Record<string, Record<string, unknown>> {
  const view = spec as unknown as { encoding?: object; layer?: { encoding: object }[] };
  return (view.layer ? view.layer[index].encoding : view.encoding) as Record<string, Record<string, unknown>>;
}
