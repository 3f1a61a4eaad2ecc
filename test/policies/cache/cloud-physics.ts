import { closeSync, openSync, readSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Cache } from "../../../src/policies/cache/cache.ts";
import type { CachePolicy } from "../../../src/policies/cache/types.ts";

const RECORD = 24;
const MiB = 1024 * 1024;

/** The cloudPhysics oracleGeneral trace shipped in `traces/`, resolved from this file. */
export const cloudPhysicsPath = fileURLToPath(new URL("../../../traces/cloudPhysicsIO.oracleGeneral.bin", import.meta.url));

/** The trace's requests as parallel arrays: object id (start LBN) and size in bytes. */
export interface ObjectTrace {
  keys: Float64Array;
  sizes: Float64Array;
}

/**
 * Decodes a libCacheSim oracleGeneral file (packed 24-byte little-endian records: u32 time,
 * u64 object id, u32 size, i64 next index), reading 64 KiB chunks.
 *
 * @example
 * loadOracleGeneral(cloudPhysicsPath).keys.length; // => 113872
 */
export function loadOracleGeneral(path: string): ObjectTrace {
  const keys: number[] = [];
  const sizes: number[] = [];
  const chunk = Buffer.alloc(RECORD * 2731);
  const fd = openSync(path, "r");
  try {
    let carry = 0;
    for (;;) {
      const read = readSync(fd, chunk, carry, chunk.length - carry, null);
      const end = carry + read;
      let at = 0;
      for (; at + RECORD <= end; at += RECORD) {
        keys.push(Number(chunk.readBigUInt64LE(at + 4)));
        sizes.push(chunk.readUInt32LE(at + 12));
      }
      carry = end - at;
      chunk.copy(chunk, 0, at, end);
      if (read === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  return { keys: Float64Array.from(keys), sizes: Float64Array.from(sizes) };
}

/**
 * Misses and missed bytes of `create(capacity)` on `trace` at the byte capacities of
 * libCacheSim's golden tests (128 MiB to 1 GiB in steps of 128 MiB), one object per request,
 * sizes respected.
 *
 * @example
 * goldenMisses(trace, (c) => new ArcCache(c)).misses[0]; // => 90252
 */
export function goldenMisses(trace: ObjectTrace, create: (capacity: number) => CachePolicy): { misses: number[]; missedBytes: number[] } {
  const misses: number[] = [];
  const missedBytes: number[] = [];
  for (let step = 1; step <= 8; step++) {
    const capacity = step * 128 * MiB;
    const cache = new Cache(capacity, create(capacity));
    for (let i = 0; i < trace.keys.length; i++) cache.access(trace.keys[i], trace.sizes[i]);
    misses.push(cache.stats.misses);
    missedBytes.push(cache.stats.missedSize);
  }
  return { misses, missedBytes };
}
