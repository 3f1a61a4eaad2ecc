/** The distribution of time to service (TTS) across replications, one box per strategy. */
import type { TopLevelSpec } from "vega-lite";
import { chartSize, distinct, pickRows, topLevel, type ChartOptions, type ChartRow } from "./common.ts";
import { bandCells, bandLayer, bandTitle } from "./model-band.ts";

const Y_TITLE = "Time to service (s)";

/** One observed time to service. */
export interface TtsRow {
  strategy: string;
  /** Seconds from restore start until the VM serves requests. */
  ttsSeconds: number;
  /** The VM (unique over replications, e.g. "0/vm0"): its band gets its own slot beside the box. */
  vm?: string;
  /** The VM's TTS model band, seconds. */
  lower?: number;
  upper?: number;
}

/** Most VMs whose bands the chart draws one by one; larger worlds get the box plot alone. */
export const MAX_BANDED_VMS = 64;

/**
 * A box plot per strategy (whiskers at 1.5 × IQR, outliers as points), strategies in the order
 * they first appear in `rows`. When rows carry model bands, each VM's band is a black error bar
 * in a slot of its own across its strategy's column (the subtitle names them), up to
 * `MAX_BANDED_VMS` VMs.
 *
 * @example
 * ttsDistribution([{ strategy: "instant", ttsSeconds: 42 }]).title // => "Time to service by strategy"
 */
export function ttsDistribution(rows: readonly TtsRow[], options: ChartOptions = {}): TopLevelSpec {
  const order = distinct(rows, "strategy");
  const title = options.title ?? "Time to service by strategy";
  const x = { field: "strategy", type: "nominal", title: "Strategy", sort: order, axis: { labelAngle: -30, labelAlign: "right", labelOverlap: false } }; // every strategy named, slanted so eight fit
  const box = {
    mark: { type: "boxplot", extent: 1.5, size: 36 },
    encoding: {
      x,
      y: { field: "ttsSeconds", type: "quantitative", title: Y_TITLE },
      color: { field: "strategy", type: "nominal", legend: null, scale: { domain: order } },
    },
  };
  // One slot per VM stops being readable (and vega's generated sort expression overflows the
  // stack at 1,000 VMs) beyond a few dozen VMs: large worlds draw the box plot alone.
  const banded = rows.some((row) => row.lower !== undefined && row.upper !== undefined);
  if (!banded || new Set(rows.map((row, index) => row.vm ?? String(index))).size > MAX_BANDED_VMS) return topLevel(title, pickRows(rows, ["strategy", "ttsSeconds"]), { ...chartSize, ...box });
  const values: ChartRow[] = rows.map((row, index) => ({
    strategy: row.strategy,
    ttsSeconds: row.ttsSeconds,
    vm: row.vm ?? String(index),
    ...bandCells(row.ttsSeconds, row.lower, row.upper),
  }));
  const band = bandLayer(x, Y_TITLE, { xOffset: { field: "vm", type: "nominal", sort: distinct(values, "vm") } });
  return topLevel(title, values, { ...chartSize, title: bandTitle(title), layer: [box, band] });
}
