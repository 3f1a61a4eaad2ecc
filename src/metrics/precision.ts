/**
 * Numbers shown with the precision their confidence interval supports: the half-width to two
 * significant digits when its leading digit is 1 to 3, else one (the Particle Data Group's
 * rounding rule, simplified), and the value to the same decimal place, so a table never prints
 * digits that are noise (`4.04 ± 0.07`, not `4.03712 ± 0.06546`; `12350 ± 340`). A half-width that
 * is zero, or below a billionth of the value (floating-point rounding of identical
 * replications, e.g. `6.9e-15`), is shown as an exact 0.
 */

/** Half-widths this small against the value are rounding noise, shown as 0. */
const NOISE = 1e-9;

/**
 * The decimal place the value and its half-width are rounded to (negative: tens, hundreds),
 * or `undefined` when the half-width is zero or rounding noise.
 *
 * @example
 * ciDecimals(4.037, 0.06546) // => 2
 * ciDecimals(4.037, 0.0346) // => 3
 * ciDecimals(12345, 340) // => -1
 * ciDecimals(3.2, 6.9e-15) // => undefined
 */
export function ciDecimals(value: number, halfWidth: number): number | undefined {
  if (!Number.isFinite(halfWidth) || halfWidth <= NOISE * Math.abs(value) || halfWidth === 0) return undefined;
  const exponent = Math.floor(Math.log10(halfWidth));
  const leading = Math.floor(halfWidth / 10 ** exponent);
  return Math.min(15, (leading <= 3 ? 1 : 0) - exponent);
}

/**
 * `x` rounded to `decimals` places (negative: to tens, hundreds...), as text without exponent.
 *
 * @example
 * roundTo(4.03712, 3) // => "4.037"
 * roundTo(12345, -1) // => "12350"
 * roundTo(-0.0004, 2) // => "0.00"
 */
export function roundTo(x: number, decimals: number): string {
  if (decimals >= 0) {
    const text = x.toFixed(decimals);
    return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
  }
  const step = 10 ** -decimals;
  const rounded = Math.round(x / step) * step;
  return String(rounded === 0 ? 0 : rounded);
}

/**
 * `value ± halfWidth` rounded to the interval's precision; with `fallback` (e.g. 4 significant
 * digits) for the value when the half-width is zero or noise, then shown as `± 0`.
 *
 * @example
 * formatWithCi(4.03712, 0.06546) // => { value: "4.04", halfWidth: "0.07" }
 * formatWithCi(-2.0000000000000004, 6.9e-15) // => { value: "-2", halfWidth: "0" }
 */
export function formatWithCi(value: number, halfWidth: number, fallback: (x: number) => string = (x) => String(Number(x.toPrecision(4)))): { value: string; halfWidth: string } {
  const decimals = ciDecimals(value, halfWidth);
  if (decimals === undefined) return { value: fallback(value), halfWidth: "0" };
  return { value: roundTo(value, decimals), halfWidth: roundTo(halfWidth, decimals) };
}
