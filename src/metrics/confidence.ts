/**
 * Confidence intervals from independent replications, with the Student t quantile computed
 * here (simple-statistics has no inverse t): the t CDF through the regularised incomplete beta
 * function, inverted by bisection to ~1e-12.
 */

/** Summary of independent replications of one output. */
export interface ConfidenceInterval {
  /** Number of replications. */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 denominator). */
  sd: number;
  /** t_{(1+level)/2, n−1} · sd / √n. */
  halfWidth: number;
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

/**
 * Mean, sample sd and the Student-t confidence interval of `values` (independent
 * replications). Throws an Error for fewer than 2 values or a level outside (0, 1).
 *
 * @example
 * confidenceInterval([1, 2, 3, 4, 5]).halfWidth // => 1.9632431614774872 // t_{0.975,4} · 1.5811 / √5
 */
export function confidenceInterval(values: ReadonlyArray<number>, level = 0.95): ConfidenceInterval {
  const n = values.length;
  if (n < 2) throw new Error(`confidenceInterval requires at least two values, got ${n}`);
  if (!(level > 0 && level < 1)) throw new Error(`confidenceInterval requires a level in (0, 1), got ${level}`);
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const sd = Math.sqrt(squares / (n - 1));
  const halfWidth = (studentTQuantile((1 + level) / 2, n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, halfWidth, low: mean - halfWidth, high: mean + halfWidth, level };
}

/**
 * The p-quantile of Student's t distribution with `df` degrees of freedom (df > 0, may be
 * fractional). Throws for p outside (0, 1).
 *
 * @example
 * studentTQuantile(0.975, 9)  // => 2.262157162798246
 * studentTQuantile(0.975, 1)  // => 12.70620473617464
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`studentTQuantile requires p in (0, 1), got ${p}`);
  if (!(df > 0)) throw new Error(`studentTQuantile requires df > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // Bracket, then bisect: the CDF is monotone, so this always converges.
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-13 * Math.max(1, high); i++) {
    const mid = (low + high) / 2;
    if (studentTCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * The CDF of Student's t with `df` degrees of freedom at `t`.
 *
 * @example
 * studentTCdf(0, 5)                 // => 0.5
 * studentTCdf(2.262157162798246, 9) // ≈ 0.97500000000 // to ~1e-11
 */
export function studentTCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** I_x(a, b) by the continued fraction of Numerical Recipes (betacf), using symmetry for speed. */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, 9 terms; ~1e-15 relative). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const g = 7;
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = coefficients[0];
  for (let i = 1; i < g + 2; i++) sum += coefficients[i] / (z + i);
  const t = z + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
