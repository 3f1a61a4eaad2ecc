/** Hand-built run results for the check tests (no simulation: exact means and CIs). */
import type { RunResult } from "../../../src/lab/run.ts";
import type { MetricSummary } from "../../../src/metrics/summarize.ts";

/** A metric summary with mean `mean` and 95% CI mean ± halfWidth over `n` replications. */
export function summary(name: string, unit: string, mean: number, halfWidth: number, n = 5): MetricSummary {
  return { name, unit, n, mean, sd: 0, ci95: [mean - halfWidth, mean + halfWidth] };
}

/** A run of scenario `name` (hash `hash`) with the given variants' metrics. */
export function runResult(name: string, variants: Record<string, MetricSummary[]>, hash = "h1"): RunResult {
  return {
    loaded: { scenario: { name }, hash, path: `/x/${name}.yaml`, variants: [] } as unknown as RunResult["loaded"],
    seed: 1,
    fingerprint: "",
    events: 0,
    variants: Object.entries(variants).map(([variant, metrics]) => ({ name: variant, replications: [], metrics })),
  } as RunResult;
}
