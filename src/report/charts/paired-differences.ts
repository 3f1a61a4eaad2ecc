/** The chart of `rtolab compare`: each metric's difference B − A with its 95% CI, a panel per metric in its own unit. */
import type { TopLevelSpec } from "vega-lite";
import { distinct, pickRows, topLevel, type ChartOptions } from "./common.ts";

/** One compared metric (at one sweep point or variant, its group): the mean difference B − A and its CI half-width. */
export interface DifferenceRow {
  /** Sweep point or variant the difference belongs to; "" for a plain comparison. */
  group: string;
  metric: string;
  unit: string;
  difference: number;
  halfWidth: number;
  /** The comparison's verdict: lower, higher, negligible, not significant or identical. */
  effect: string;
}

/** Options of {@link pairedDifferences}. */
export interface DifferenceOptions extends ChartOptions {
  /** Names of the two sides (variants or folders): the axes read `B − A`. */
  labelA: string;
  labelB: string;
  /** False when the sides did not share seeds (Welch intervals). */
  paired: boolean;
}

/** Effects in legend order, with their colours: direction in blue and orange, no effect in greys. */
const EFFECTS: readonly (readonly [string, string])[] = [
  ["lower", "#1f77b4"],
  ["higher", "#ff7f0e"],
  ["not significant", "#7f7f7f"],
  ["negligible", "#bcbd22"],
  ["identical", "#000000"],
];

/** Width of each panel's plot and the height of one of its rows, in CSS pixels. */
const PANEL_WIDTH = 420;
const ROW_HEIGHT = 26;

/**
 * A panel per metric (in the order given, stacked), each on its own x axis titled with the
 * metric, `B − A` and its unit: the mean difference as a point coloured by its effect (legend
 * "Effect"), its 95% CI as an error bar from `difference − halfWidth` to `difference + halfWidth`,
 * and a dashed rule at zero (every panel's scale includes 0, so an interval crossing the rule is
 * one that does not exclude "no difference"). Rows within a panel are the groups (sweep points,
 * variants) when there are any.
 *
 * @example
 * const spec = pairedDifferences([{ group: "", metric: "waitMean", unit: "ms", difference: -1.2, halfWidth: 0.3, effect: "lower" }], { labelA: "fifo", labelB: "fast", paired: true });
 * const panels = spec.vconcat as { layer: { mark: { type: string } }[] }[];
 * panels[0].layer.map((layer) => layer.mark.type) // => ["rule", "errorbar", "point"]
 * const data = spec.data as { values: object[] };
 * data.values // ≈ [{ group: "", metric: "waitMean", unit: "ms", difference: -1.2, ciLow: -1.5, ciHigh: -0.9, effect: "lower" }]
 */
export function pairedDifferences(rows: readonly DifferenceRow[], options: DifferenceOptions): TopLevelSpec {
  const { labelA, labelB } = options;
  const values = pickRows(
    rows.map((row) => ({ ...row, ciLow: row.difference - row.halfWidth, ciHigh: row.difference + row.halfWidth })),
    ["group", "metric", "unit", "difference", "ciLow", "ciHigh", "effect"],
  );
  const groups = distinct(rows, "group").filter((group) => group !== "");
  const effects = EFFECTS.filter(([effect]) => rows.some((row) => row.effect === effect));
  const color = {
    field: "effect",
    type: "nominal",
    title: "Effect",
    scale: { domain: effects.map(([effect]) => effect), range: effects.map(([, colour]) => colour) },
    legend: { orient: "top", labelLimit: 0 },
  };
  const y = groups.length > 0 ? { y: { field: "group", type: "nominal", title: null, sort: groups, axis: { labelLimit: 240 } } } : {};
  const panel = (metric: string) => {
    const unit = rows.find((row) => row.metric === metric)?.unit ?? "";
    const x = { field: "difference", type: "quantitative", title: `${metric}: ${labelB} − ${labelA} (${unit === "" ? "no unit" : unit})`, scale: { zero: true }, axis: { tickCount: 6, format: "~r" } };
    return {
      width: PANEL_WIDTH,
      height: ROW_HEIGHT * Math.max(1, groups.length),
      transform: [{ filter: { field: "metric", equal: metric } }],
      layer: [
        { mark: { type: "rule", color: "#555555", strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: "quantitative" } } },
        { mark: { type: "errorbar", ticks: true, thickness: 1.5, color: "#333333" }, encoding: { x: { ...x, field: "ciLow" }, x2: { field: "ciHigh" }, ...y } },
        {
          mark: { type: "point", filled: true, size: 70, opacity: 1 },
          encoding: {
            x,
            ...y,
            color,
            tooltip: [{ field: "group", title: "point" }, { field: "difference", format: ".4~g" }, { field: "ciLow", title: "95% CI low", format: ".4~g" }, { field: "ciHigh", title: "95% CI high", format: ".4~g" }, { field: "effect" }],
          },
        },
      ],
    };
  };
  const title = options.title ?? `${labelB} − ${labelA}: differences with 95% CIs`;
  const how = options.paired ? "paired by replication (common random numbers)" : "unpaired: Welch intervals (the folders' seeds differ)";
  return topLevel(title, values, {
    title: { text: title, subtitle: [`${how}; bars: 95% confidence interval; dashed line: no difference`] },
    vconcat: distinct(rows, "metric").map(panel),
    spacing: 18,
    resolve: { scale: { x: "independent", color: "shared" }, legend: { color: "shared" } },
  });
}
