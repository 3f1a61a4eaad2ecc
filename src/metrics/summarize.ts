/** Statistics of each metric across a run's independent replications. */
import type { ReplicationResult } from "../lab/model-kind.ts";
import { confidenceInterval } from "./confidence.ts";

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
  description?: string;
}

/**
 * Groups metrics by name, in first-seen order, and summarises each.
 *
 * @example
 * summarizeReplications([{ metrics: [{ name: "w", unit: "ms", value: 1 }], fingerprint: "", events: 0 },
 *   { metrics: [{ name: "w", unit: "ms", value: 3 }], fingerprint: "", events: 0 }])[0].mean // => 2
 */
export function summarizeReplications(replications: readonly ReplicationResult[]): MetricSummary[] {
  const byName = new Map<string, { unit: string; values: number[]; analytic?: number; description?: string }>();
  for (const replication of replications) {
    for (const metric of replication.metrics) {
      let entry = byName.get(metric.name);
      if (!entry) {
        entry = { unit: metric.unit, values: [], analytic: metric.analytic, description: metric.description };
        byName.set(metric.name, entry);
      }
      entry.values.push(metric.value);
    }
  }
  return [...byName].map(([name, { unit, values, analytic, description }]) => {
    const summary: MetricSummary =
      values.length >= 2
        ? (() => {
            const ci = confidenceInterval(values);
            return { name, unit, n: ci.n, mean: ci.mean, sd: ci.sd, ci95: [ci.low, ci.high] as [number, number] };
          })()
        : { name, unit, n: values.length, mean: values[0], sd: 0, ci95: [values[0], values[0]] };
    if (analytic !== undefined) summary.analytic = analytic;
    if (description !== undefined) summary.description = description;
    return summary;
  });
}
