import type { AccessStream, CacheUnit } from "./cachesim.ts";
import { simulate } from "./cachesim.ts";

/** One point of a miss-ratio curve. */
export interface MissRatioPoint {
  size: number;
  missRatio: number;
  byteMissRatio: number;
}

/**
 * Capacities from `min` to `max` (inclusive) in `steps` equal steps, rounded to integers.
 *
 * @example
 * curveSizes(128, 1024, 8); // => [128, 256, 384, 512, 640, 768, 896, 1024]
 */
export function curveSizes(min: number, max: number, steps: number): number[] {
  if (steps <= 1) return [max];
  const sizes: number[] = [];
  for (let i = 0; i < steps; i++) sizes.push(Math.round(min + ((max - min) * i) / (steps - 1)));
  return sizes;
}

/**
 * The miss-ratio curve of one policy: one simulation per size (exact, no sampling).
 *
 * @example
 * const stream = buildAccessStream([0, 1, 0, 2, 0].map((block) => ({ timeUs: 0, op: "R" as const, offset: block * 4096, length: 4096 })), "block");
 * missRatioCurve(stream, "lru", [1, 2], "objects");
 * // => [{ size: 1, missRatio: 1, byteMissRatio: 1 }, { size: 2, missRatio: 0.6, byteMissRatio: 0.6 }]
 */
export function missRatioCurve(stream: AccessStream, policy: string, sizes: readonly number[], unit: CacheUnit): MissRatioPoint[] {
  return sizes.map((size) => {
    const row = simulate(stream, policy, size, unit);
    return { size, missRatio: row.missRatio, byteMissRatio: row.byteMissRatio };
  });
}
