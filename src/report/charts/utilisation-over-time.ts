/** Utilisation of resources (links, disks, CPUs) over simulated time. */
import type { TopLevelSpec } from "vega-lite";
import { fractionOverTime, type ChartOptions } from "./common.ts";

/** Utilisation of one resource in one time window. */
export interface UtilisationRow {
  /** Simulated time in seconds. */
  timeS: number;
  /** Busy time over window length, 0 to 1. */
  utilisation: number;
  /** Resource name, e.g. "ma1.ssd" or "link wan". */
  resource: string;
}

/**
 * A line per resource of utilisation (0 to 1, shown as percent) against time.
 *
 * @example
 * utilisationOverTime([{ timeS: 0, utilisation: 0.3, resource: "ssd" }]).title // => "Utilisation over time"
 */
export function utilisationOverTime(rows: readonly UtilisationRow[], options: ChartOptions = {}): TopLevelSpec {
  const title = options.title ?? "Utilisation over time";
  return fractionOverTime(rows, { title, field: "utilisation", yTitle: "Utilisation (%)", series: { field: "resource", title: "Resource" } });
}
