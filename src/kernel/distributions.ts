import type { Rng } from "./rng.ts";

/**
 * A probability distribution. Objects are pure: all randomness comes from the `rng` passed to
 * `sample`, so one distribution can serve many streams and tests can seed exactly.
 * `mean` and `variance` are the exact moments (Infinity or NaN where they do not exist).
 */
export interface Distribution {
  /** Draws one value using `rng`. */
  sample(rng: Rng): number;
  readonly mean: number;
  readonly variance: number;
}

function requireThat(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/**
 * Always `value`.
 *
 * @example
 * constant(5).sample(rng) // => 5
 */
export function constant(value: number): Distribution {
  return { sample: () => value, mean: value, variance: 0 };
}

/**
 * Uniform on [low, high).
 *
 * @example
 * uniform(2, 4).mean // => 3
 */
export function uniform(low: number, high: number): Distribution {
  requireThat(high >= low, `uniform requires high >= low, got [${low}, ${high})`);
  const width = high - low;
  return { sample: (rng) => low + width * rng.double(), mean: low + width / 2, variance: (width * width) / 12 };
}

/**
 * Exponential with the given **mean** (1/rate), by inversion.
 *
 * @example
 * exponential(1_000_000).mean // => 1000000 // e.g. 1 ms in ns
 */
export function exponential(mean: number): Distribution {
  requireThat(mean > 0, `exponential requires a positive mean, got ${mean}`);
  // 1 - u lies in (0, 1], so the log is finite.
  return { sample: (rng) => -mean * Math.log(1 - rng.double()), mean, variance: mean * mean };
}

/**
 * Normal with mean and standard deviation, by Box–Muller (two uniforms per draw, no hidden
 * state, so the object stays pure).
 *
 * @example
 * normal(10, 2).variance // => 4
 */
export function normal(mean: number, sd: number): Distribution {
  requireThat(sd >= 0, `normal requires a non-negative sd, got ${sd}`);
  return { sample: (rng) => mean + sd * standardNormal(rng), mean, variance: sd * sd };
}

function standardNormal(rng: Rng): number {
  const u1 = 1 - rng.double();
  const u2 = rng.double();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Lognormal: exp of a normal with mean `mu` and sd `sigma` (parameters of the log).
 * Use `lognormalFromMoments` to give the distribution's own mean and coefficient of variation.
 *
 * @example
 * lognormal(0, 1).mean // => 1.6487212707001282 // e^0.5
 */
export function lognormal(mu: number, sigma: number): Distribution {
  requireThat(sigma >= 0, `lognormal requires a non-negative sigma, got ${sigma}`);
  const s2 = sigma * sigma;
  return {
    sample: (rng) => Math.exp(mu + sigma * standardNormal(rng)),
    mean: Math.exp(mu + s2 / 2),
    variance: (Math.exp(s2) - 1) * Math.exp(2 * mu + s2),
  };
}

/**
 * Lognormal with a given mean and coefficient of variation (sd / mean).
 *
 * @example
 * lognormalFromMoments(100, 0.5).mean // ≈ 100 // to rounding
 */
export function lognormalFromMoments(mean: number, cv: number): Distribution {
  requireThat(mean > 0 && cv >= 0, `lognormalFromMoments requires mean > 0 and cv >= 0, got ${mean}, ${cv}`);
  const s2 = Math.log(1 + cv * cv);
  return lognormal(Math.log(mean) - s2 / 2, Math.sqrt(s2));
}

/**
 * Pareto (type I) with minimum `scale` and tail index `shape` (alpha), by inversion.
 * The mean is infinite for shape <= 1 and the variance for shape <= 2.
 *
 * @example
 * pareto(1, 3).mean // => 1.5
 */
export function pareto(scale: number, shape: number): Distribution {
  requireThat(scale > 0 && shape > 0, `pareto requires positive scale and shape, got ${scale}, ${shape}`);
  const mean = shape > 1 ? (shape * scale) / (shape - 1) : Infinity;
  const variance = shape > 2 ? (scale * scale * shape) / ((shape - 1) ** 2 * (shape - 2)) : Infinity;
  return { sample: (rng) => scale / Math.pow(1 - rng.double(), 1 / shape), mean, variance };
}

/**
 * Walker's alias table for drawing an index with the given (unnormalised) weights in O(1).
 *
 * @example
 * const table = aliasTable([1, 3]);
 * let ones = 0;
 * for (let i = 0; i < 10_000; i++) ones += drawAlias(table, rng);
 * ones / 10_000 // ≈ 0.75 // index 1 three times in four
 */
export interface AliasTable {
  readonly probability: Float64Array;
  readonly alias: Int32Array;
}

/**
 * Builds an alias table in O(n). Throws if no weight is positive or any is negative.
 *
 * @example
 * aliasTable([1, 1]).probability // => new Float64Array([1, 1])
 */
export function aliasTable(weights: ArrayLike<number>): AliasTable {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    requireThat(weights[i] >= 0 && Number.isFinite(weights[i]), `aliasTable requires finite non-negative weights, got ${weights[i]} at ${i}`);
    total += weights[i];
  }
  requireThat(total > 0, "aliasTable requires at least one positive weight");
  const probability = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = (weights[i] * n) / total;
    (scaled[i] < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    probability[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  // Leftovers are 1 up to rounding.
  for (const i of large) probability[i] = 1;
  for (const i of small) probability[i] = 1;
  return { probability, alias };
}

/**
 * Draws an index from an alias table with one uniform.
 *
 * @example
 * drawAlias(aliasTable([0, 5]), rng) // => 1
 */
export function drawAlias(table: AliasTable, rng: Rng): number {
  const n = table.probability.length;
  const x = rng.double() * n;
  const i = Math.floor(x);
  return x - i < table.probability[i] ? i : table.alias[i];
}

function discreteMoments(values: ArrayLike<number>, weights: ArrayLike<number>): { mean: number; variance: number } {
  let total = 0;
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    total += weights[i];
    m1 += weights[i] * values[i];
    m2 += weights[i] * values[i] * values[i];
  }
  const mean = m1 / total;
  return { mean, variance: m2 / total - mean * mean };
}

/**
 * Zipf over ranks 1..n with exponent s: P(k) ∝ 1 / k^s. O(n) precomputation, O(1) per draw
 * (alias method).
 *
 * @example
 * const counts = [0, 0, 0, 0];
 * for (let i = 0; i < 11_000; i++) counts[zipf(3, 1).sample(rng)]++;
 * counts.map((n) => n / 11_000) // ≈ [0, 0.55, 0.27, 0.18] // 1, 2 or 3 with probabilities 6/11, 3/11, 2/11
 */
export function zipf(n: number, s: number): Distribution {
  requireThat(Number.isInteger(n) && n >= 1 && s >= 0, `zipf requires an integer n >= 1 and s >= 0, got ${n}, ${s}`);
  const ranks = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let k = 1; k <= n; k++) {
    ranks[k - 1] = k;
    weights[k - 1] = 1 / Math.pow(k, s);
  }
  const table = aliasTable(weights);
  return { sample: (rng) => drawAlias(table, rng) + 1, ...discreteMoments(ranks, weights) };
}

/**
 * The empirical distribution of `samples`: each draw is one of them, equally likely.
 *
 * @example
 * empirical([3, 5, 5]).mean // => 4.333333333333333
 */
export function empirical(samples: ArrayLike<number>): Distribution {
  requireThat(samples.length > 0, "empirical requires at least one sample");
  const values = Float64Array.from(samples);
  const n = values.length;
  return {
    sample: (rng) => values[Math.floor(rng.double() * n)],
    ...discreteMoments(values, new Float64Array(n).fill(1)),
  };
}

/**
 * A histogram distribution: bin i is [edges[i], edges[i+1]) chosen with weight `weights[i]`,
 * then a uniform value within it. Needs `edges.length === weights.length + 1`, increasing edges.
 *
 * @example
 * histogram([0, 10, 20], [3, 1]).mean // => 7.5
 */
export function histogram(edges: ArrayLike<number>, weights: ArrayLike<number>): Distribution {
  requireThat(edges.length === weights.length + 1, `histogram requires edges.length === weights.length + 1, got ${edges.length} and ${weights.length}`);
  for (let i = 0; i + 1 < edges.length; i++) {
    requireThat(edges[i + 1] >= edges[i], `histogram requires non-decreasing edges, got ${edges[i]} then ${edges[i + 1]}`);
  }
  const table = aliasTable(weights);
  const lows = Float64Array.from(edges);
  let total = 0;
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < weights.length; i++) {
    const a = lows[i];
    const b = lows[i + 1];
    total += weights[i];
    m1 += (weights[i] * (a + b)) / 2;
    m2 += (weights[i] * (a * a + a * b + b * b)) / 3;
  }
  const mean = m1 / total;
  return {
    sample: (rng) => {
      const i = drawAlias(table, rng);
      return lows[i] + (lows[i + 1] - lows[i]) * rng.double();
    },
    mean,
    variance: m2 / total - mean * mean,
  };
}
