/** Summaries of a fleet run's loads and durations: fairness, imbalance, quantiles. Pure. */

/**
 * Jain's fairness index (Σx)² / (n·Σx²): 1 when every value is equal, 1/n when one value has
 * everything. 1 for an empty list or all zeros (nothing to be unfair about).
 *
 * @example
 * jainIndex([5, 5, 5, 5]) // => 1
 * jainIndex([4, 0, 0, 0]) // => 0.25
 * jainIndex([1, 2, 3])    // => 0.8571428571428571 // 36 / 42
 */
export function jainIndex(values: readonly number[]): number {
  let sum = 0;
  let squares = 0;
  for (const x of values) {
    sum += x;
    squares += x * x;
  }
  return squares === 0 ? 1 : (sum * sum) / (values.length * squares);
}

/**
 * Max over mean (1 = balanced); 1 for an empty list or all zeros.
 *
 * @example
 * maxOverMean([1, 2, 3]) // => 1.5
 */
export function maxOverMean(values: readonly number[]): number {
  if (values.length === 0) return 1;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return mean === 0 ? 1 : Math.max(...values) / mean;
}

/**
 * The p-quantile by linear interpolation between order statistics (Hyndman–Fan type 7, as R's
 * default); NaN for an empty list.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5)  // => 2.5
 * quantile([1, 2, 3, 4], 0.95) // ≈ 3.85
 */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
}

/**
 * Arithmetic mean; NaN for an empty list.
 *
 * @example
 * mean([1, 2, 6]) // => 3
 */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
