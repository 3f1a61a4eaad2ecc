/** Fairness and imbalance of a fleet run's loads. Pure. (Means and quantiles: metrics/statistics.ts.) */

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
