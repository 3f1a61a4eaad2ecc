/** Progress of relocating a VM's disks from the backup store to production storage. */
import type { TopLevelSpec } from "vega-lite";
import { fractionOverTime, type ChartOptions } from "./common.ts";

/** Relocation progress at one instant. */
export interface RelocationRow {
  /** Simulated time in seconds. */
  timeS: number;
  /** Bytes copied over bytes to copy, 0 to 1. */
  fractionCopied: number;
  /** Relocation strategy; rows without it form one series. */
  strategy?: string;
}

/**
 * A line per strategy of the fraction copied (0 to 1, shown as percent) against time.
 *
 * @example
 * relocationProgress([{ timeS: 0, fractionCopied: 0 }]).title // => "Relocation progress"
 */
export function relocationProgress(rows: readonly RelocationRow[], options: ChartOptions = {}): TopLevelSpec {
  const title = options.title ?? "Relocation progress";
  return fractionOverTime(rows, { title, field: "fractionCopied", yTitle: "Copied (%)", series: { field: "strategy", title: "Strategy" } });
}
