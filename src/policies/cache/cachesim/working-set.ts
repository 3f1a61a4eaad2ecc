/**
 * The working set of a stream of cache accesses: its distinct objects and their bytes (each
 * object's size at its first access), what libCacheSim's `cachesim` measures before it turns
 * cache sizes below 1 into fractions of it.
 */
import { KeyIndex } from "../structures/key-index.ts";
import type { AccessChunk } from "./access-chunks.ts";
import type { CacheUnit } from "./cachesim.ts";

/** Distinct objects of a stream and the bytes they hold. */
export interface WorkingSet {
  objects: number;
  bytes: number;
}

/**
 * Counts the distinct keys of `chunks` and the sum of their sizes at first access (libCacheSim's
 * `cal_working_set_size`). Memory: a key index of the distinct keys.
 *
 * @example
 * const chunk = { keys: Float64Array.of(1, 2, 1), bytes: Float64Array.of(4096, 512, 8192), next: new Float64Array(3), length: 3, futureKnown: false };
 * workingSet([chunk]) // => { objects: 2, bytes: 4608 }
 */
export function workingSet(chunks: Iterable<AccessChunk>): WorkingSet {
  const seen = new KeyIndex();
  let bytes = 0;
  for (const { keys, bytes: sizes, length } of chunks) {
    for (let i = 0; i < length; i++) {
      if (seen.get(keys[i]) !== -1) continue;
      seen.set(keys[i], 0);
      bytes += sizes[i];
    }
  }
  return { objects: seen.size, bytes };
}

/**
 * A cache size given as a fraction of the working set (`0 < fraction < 1`), in `unit`: the
 * fraction of its objects or of its bytes, rounded down as libCacheSim does; undefined when that
 * rounds to 0.
 *
 * @example
 * fractionOfWorkingSet(0.01, { objects: 48974, bytes: 1e9 }, "objects") // => 489
 * fractionOfWorkingSet(0.1, { objects: 48974, bytes: 1e9 }, "bytes") // => 100000000
 * fractionOfWorkingSet(0.00001, { objects: 48974, bytes: 1e9 }, "objects") // => undefined
 */
export function fractionOfWorkingSet(fraction: number, set: WorkingSet, unit: CacheUnit): number | undefined {
  const size = Math.floor(fraction * (unit === "bytes" ? set.bytes : set.objects));
  return size >= 1 ? size : undefined;
}
