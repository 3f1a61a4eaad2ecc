/**
 * Warm-up deletion for steady-state metrics.
 *
 * **How a model kind declares warm-up.** A kind that measures steady state deletes the
 * warm-up itself, before computing its metrics, from a field of its own schema: the
 * queue-station kind discards its first `warmupCustomers` customers. Metrics a kind returns are
 * already warm-up free; sweeps and reports never truncate anything. A kind whose warm-up length
 * is not known in advance (a cache filling, a backlog building) collects the time series and
 * truncates it with {@link mser5} before averaging, or emits the series as a table and lets the
 * analyst do it (the helper is pure and works on any number array).
 *
 * MSER-5 (White 1997; Franklin & White 2008): average the series in batches of 5, then pick the
 * truncation point d (in batches, at most half of them) that minimises the marginal standard
 * error of the remaining mean, MSER(d) = Σ_{i>d} (Z_i − Z̄_d)² / (k − d)².
 */

/** Where MSER-5 truncates a series, and the mean of what is left. */
export interface MserResult {
  /** Observations to delete from the start (a multiple of 5). */
  truncate: number;
  /** Mean of the observations kept (whole batches only). */
  mean: number;
  /** False when the minimum sits at the half-way limit: the run is likely too short to trust. */
  reliable: boolean;
}

/**
 * MSER-5 truncation of `series` (in time order). Trailing observations that do not fill a batch
 * of 5 are ignored. Throws for a series shorter than 10 observations (two batches).
 *
 * @example
 * mser5([9, 9, 9, 9, 9, 5, 5, 5, 5, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
 * // => { truncate: 10, mean: 1, reliable: true }
 */
export function mser5(series: readonly number[]): MserResult {
  const batchSize = 5;
  const k = Math.floor(series.length / batchSize);
  if (k < 2) throw new Error(`mser5 requires at least 10 observations, got ${series.length}`);
  const batches: number[] = [];
  for (let b = 0; b < k; b++) {
    let sum = 0;
    for (let i = b * batchSize; i < (b + 1) * batchSize; i++) sum += series[i];
    batches.push(sum / batchSize);
  }
  // Suffix sums give every candidate's mean and squared deviations in O(k).
  const suffix = new Array<number>(k + 1).fill(0);
  const suffixSquares = new Array<number>(k + 1).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    suffix[i] = suffix[i + 1] + batches[i];
    suffixSquares[i] = suffixSquares[i + 1] + batches[i] * batches[i];
  }
  const limit = Math.floor(k / 2);
  let best = 0;
  let bestValue = Infinity;
  for (let d = 0; d <= limit; d++) {
    const kept = k - d;
    const mean = suffix[d] / kept;
    const squares = Math.max(0, suffixSquares[d] - kept * mean * mean);
    const value = squares / (kept * kept);
    // Strictly smaller, with a relative guard against rounding noise: ties keep the shortest cut.
    if (d === 0 || value < bestValue - 1e-12 * Math.max(1, bestValue)) {
      best = d;
      bestValue = value;
    }
  }
  return { truncate: best * batchSize, mean: suffix[best] / (k - best), reliable: best < limit || limit === 0 };
}
