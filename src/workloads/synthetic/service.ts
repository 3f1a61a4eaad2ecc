import { zipf } from "../../kernel/distributions.ts";
import type { Rng } from "../../kernel/rng.ts";
import type { TraceRequest } from "../traces/types.ts";
import { SERVICE_DEFAULTS, type SizeTable } from "./calibration.ts";
import { exponentialUs, sizeSampler } from "./sizes.ts";

/** Parameters of {@link serviceWorkload}; every one defaults to {@link SERVICE_DEFAULTS} (bytes, µs, shares in [0, 1]). */
export interface ServiceWorkloadOptions {
  requests?: number;
  /** Time of the first request, µs. Default 0. */
  startUs?: number;
  meanGapUs?: number;
  writeShare?: number;
  sequentialShare?: number;
  zipfExponent?: number;
  hotSetOffset?: number;
  hotSetBytes?: number;
  objectBytes?: number;
  sizes?: SizeTable;
}

/**
 * A synthetic service phase: requests to objects of `objectBytes` in a hot set of
 * `hotSetBytes` at `hotSetOffset`, the object drawn by Zipf rank (exponent `zipfExponent`)
 * with ranks scattered over the hot set (rank k sits at slot k × stride mod n, stride coprime to
 * n); with `sequentialShare` a request continues where the previous request of the same op ended instead. Each is a
 * write with `writeShare`, else a read; sizes from the measured table, clipped to the object;
 * exponential gaps of mean `meanGapUs`. Deterministic for a given `rng` state; O(objects) memory.
 *
 * @example
 * const service = [...serviceWorkload(new RngStreams(7).stream("service"), { requests: 100 })];
 * service.length // => 100
 */
export function* serviceWorkload(rng: Rng, options: ServiceWorkloadOptions = {}): Generator<TraceRequest> {
  const o = { ...SERVICE_DEFAULTS, ...options };
  const objects = Math.max(1, Math.floor(o.hotSetBytes / o.objectBytes));
  const rank = zipf(objects, o.zipfExponent);
  const drawSize = sizeSampler(o.sizes);
  const stride = coprimeStride(objects);
  const hotEnd = o.hotSetOffset + objects * o.objectBytes;
  let t = o.startUs ?? 0;
  const next = { R: -1, W: -1 }; // where the previous read / write ended
  for (let i = 0; i < o.requests; i++) {
    if (i > 0) t += exponentialUs(rng, o.meanGapUs);
    const op = rng.double() < o.writeShare ? "W" : "R";
    let length = drawSize(rng);
    let offset: number;
    if (next[op] >= 0 && next[op] + length <= hotEnd && rng.double() < o.sequentialShare) {
      offset = next[op];
    } else {
      const slot = ((rank.sample(rng) - 1) * stride) % objects;
      offset = o.hotSetOffset + slot * o.objectBytes;
      length = Math.min(length, o.objectBytes);
    }
    next[op] = offset + length;
    yield { timeUs: t, op, offset, length };
  }
}

/** A stride near 0.618 n that is coprime to n, so k ↦ k × stride mod n is a permutation. */
function coprimeStride(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = Math.max(1, Math.floor(n * 0.6180339887));
  while (gcd(stride, n) !== 1) stride++;
  return stride;
}
