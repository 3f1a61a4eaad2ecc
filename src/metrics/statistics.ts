/**
 * The sample statistics every model kind reports with: `mean` and one `quantile`, so "p95"
 * means the same in restore, fleet and vm-boot results.
 *
 * The quantile is Hyndman & Fan's type 7: linear interpolation between the order statistics
 * at h = (n − 1)·p. It is the default of R's `quantile`, numpy's `percentile` and
 * spreadsheet `PERCENTILE`/`PERCENTILE.INC`, so a user who recomputes a p95 from the tidy CSVs
 * with the usual tool gets the number rtolab printed; it is continuous in p, exact at p = 0
 * (the minimum) and p = 1 (the maximum), and needs no tie rules. (Latency percentiles of
 * restores come from a histogram, restore/metrics.ts, and are bin values, not this.)
 */

/**
 * Arithmetic mean; NaN for an empty list (there is no mean of nothing: callers that report
 * something else for "no values" say so where they do).
 *
 * @example
 * mean([1, 2, 6]) // => 3
 * mean([]) // => NaN
 */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * The p-quantile (0 ≤ p ≤ 1) of values already sorted ascending, Hyndman–Fan type 7; NaN for
 * an empty list. Use it to take several quantiles of one sorted copy.
 *
 * @example
 * quantileOfSorted([1, 2, 3, 4], 0.95) // ≈ 3.85
 */
export function quantileOfSorted(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a quantile's p is in [0, 1], got ${p}`);
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(sorted.length - 1, low + 1);
  // At an integer h the order statistic itself (no 0 · (x − y), which is NaN for infinities).
  return h === low ? sorted[low] : sorted[low] + (h - low) * (sorted[high] - sorted[low]);
}

/**
 * The p-quantile (0 ≤ p ≤ 1) of `values`, Hyndman–Fan type 7 (R's and numpy's default: linear
 * interpolation between order statistics); NaN for an empty list. `values` is not modified.
 *
 * @example
 * quantile([4, 1, 3, 2], 0.5) // => 2.5
 * quantile([1, 2, 3, 4], 0.95) // ≈ 3.85
 * quantile([10, 20], 1) // => 20
 */
export function quantile(values: readonly number[], p: number): number {
  return quantileOfSorted([...values].sort((a, b) => a - b), p);
}
