/** Statistics of each metric across a run's independent replications. */
import type { MetricValue, ReplicationResult } from "../contracts/model-kind.ts";
import { confidenceInterval } from "./confidence.ts";
import { mean } from "./statistics.ts";

/** One metric summarised over replications. */
export interface MetricSummary {
  name: string;
  unit: string;
  n: number;
  mean: number;
  /** Sample standard deviation (0 for a single replication). */
  sd: number;
  /** 95% Student-t confidence interval of the mean ([mean, mean] for one replication). */
  ci95: [number, number];
  analytic?: number;
  /**
   * The model band (`MetricValue.lower`/`upper`), each end averaged over replications like
   * `mean`; present only when every replication reported a band for the metric.
   */
  lower?: number;
  upper?: number;
  description?: string;
}

interface Entry {
  unit: string;
  values: number[];
  lowers: number[];
  uppers: number[];
  analytic?: number;
  description?: string;
}

/** The band of a metric over replications: mean of each end, when every replication had one. */
function bandOf(entry: Entry): Pick<MetricSummary, "lower" | "upper"> {
  const complete = entry.lowers.length === entry.values.length && entry.uppers.length === entry.values.length && entry.values.length > 0;
  return complete ? { lower: mean(entry.lowers), upper: mean(entry.uppers) } : {};
}

function addValue(entry: Entry, metric: MetricValue): void {
  entry.values.push(metric.value);
  if (metric.lower !== undefined && metric.upper !== undefined) {
    entry.lowers.push(metric.lower);
    entry.uppers.push(metric.upper);
  }
}

/**
 * Groups metrics by name, in first-seen order, and summarises each (mean, sd, CI and, when every
 * replication gave one, the mean model band).
 *
 * @example
 * summarizeReplications([{ metrics: [{ name: "w", unit: "ms", value: 1, lower: 0, upper: 2 }], fingerprint: "", events: 0 },
 *   { metrics: [{ name: "w", unit: "ms", value: 3, lower: 2, upper: 5 }], fingerprint: "", events: 0 }])[0]
 * // ≈ { name: "w", unit: "ms", n: 2, mean: 2, sd: 1.414, ci95: [-10.71, 14.71], lower: 1, upper: 3.5 }
 */
export function summarizeReplications(replications: readonly ReplicationResult[]): MetricSummary[] {
  const byName = new Map<string, Entry>();
  for (const replication of replications) {
    for (const metric of replication.metrics) {
      let entry = byName.get(metric.name);
      if (!entry) {
        entry = { unit: metric.unit, values: [], lowers: [], uppers: [], analytic: metric.analytic, description: metric.description };
        byName.set(metric.name, entry);
      }
      addValue(entry, metric);
    }
  }
  return [...byName].map(([name, entry]) => {
    const { unit, values, analytic, description } = entry;
    const summary: MetricSummary =
      values.length >= 2
        ? (() => {
            const ci = confidenceInterval(values);
            return { name, unit, n: ci.n, mean: ci.mean, sd: ci.sd, ci95: [ci.low, ci.high] as [number, number] };
          })()
        : { name, unit, n: values.length, mean: values[0], sd: 0, ci95: [values[0], values[0]] };
    if (analytic !== undefined) summary.analytic = analytic;
    Object.assign(summary, bandOf(entry));
    if (description !== undefined) summary.description = description;
    return summary;
  });
}
