import { readI64, readU64, recordChunks } from "./binary-records.ts";
import type { TraceRequest } from "./types.ts";

/** Bytes per oracleGeneral record: u32 time, u64 object id, u32 size, i64 next access. */
export const ORACLE_GENERAL_RECORD_BYTES = 24;

/**
 * Calls `visit` once per record of a libCacheSim oracleGeneral file without allocating:
 * `timeS` (u32 seconds, as stored), `objectId`, `size` (bytes), `next` (1-based index of the next
 * request to the same object, −1 if none) and the 0-based record index. Returns the count.
 * Throws an InputError naming the record on a partial last record or an id ≥ 2^53.
 *
 * @example
 * forEachOracleGeneral("traces/cloudPhysicsIO.oracleGeneral.bin", () => {}); // => 113872
 */
export function forEachOracleGeneral(
  path: string,
  visit: (timeS: number, objectId: number, size: number, next: number, index: number) => void,
): number {
  let index = 0;
  for (const { buffer, count, firstRecord } of recordChunks(path, ORACLE_GENERAL_RECORD_BYTES)) {
    for (let r = 0, at = 0; r < count; r++, at += ORACLE_GENERAL_RECORD_BYTES) {
      const objectId = readU64(buffer, at + 4, path, firstRecord + r, "object id");
      visit(buffer.readUInt32LE(at), objectId, buffer.readUInt32LE(at + 12), readI64(buffer, at + 16), index++);
    }
  }
  return index;
}

/**
 * Streams an oracleGeneral trace as {@link TraceRequest}s. The format has no operation or
 * offset, so: `op` is "R"; **`offset` is the object id** (in the CloudPhysics sample, the start
 * LBN, not multiplied by 512) and is meant as a cache key; `length` is the object size in bytes;
 * `timeUs` is (time − first time) × 10^6; `nextAccessIndex` is the file's 1-based index of the
 * next request to the same object (−1 if none). Throws an InputError naming the 1-based record on
 * a partial record (a cut file's last record is not skipped) or an object id ≥ 2^53. The format
 * has no header or version field to check. A zero-length file is an empty trace: no requests.
 *
 * @example
 * const first = readOracleGeneral("traces/cloudPhysicsIO.oracleGeneral.bin").next().value;
 * // => { timeUs: 0, op: "R", offset: 42932745, length: 512, nextAccessIndex: -1 }
 */
export function* readOracleGeneral(path: string): Generator<TraceRequest> {
  let t0 = -1;
  for (const { buffer, count, firstRecord } of recordChunks(path, ORACLE_GENERAL_RECORD_BYTES)) {
    for (let r = 0, at = 0; r < count; r++, at += ORACLE_GENERAL_RECORD_BYTES) {
      const time = buffer.readUInt32LE(at);
      if (t0 < 0) t0 = time;
      yield {
        timeUs: (time - t0) * 1e6,
        op: "R",
        offset: readU64(buffer, at + 4, path, firstRecord + r, "object id"),
        length: buffer.readUInt32LE(at + 12),
        nextAccessIndex: readI64(buffer, at + 16),
      };
    }
  }
}

/** An oracleGeneral trace loaded into columns (for simulators and benchmarks). */
export interface OracleGeneralColumns {
  /** Seconds, as stored. */
  timeS: Uint32Array;
  objectId: Float64Array;
  /** Bytes. */
  size: Float64Array;
  /** 0-based index of the next request to the same object, Infinity if none. */
  nextIndex: Float64Array;
}

/**
 * Loads a whole oracleGeneral trace into typed arrays (streaming the file twice: count, then
 * fill). Converts the file's 1-based next index to 0-based, −1 to Infinity.
 *
 * @example
 * loadOracleGeneral("traces/cloudPhysicsIO.oracleGeneral.bin").objectId.length; // => 113872
 */
export function loadOracleGeneral(path: string): OracleGeneralColumns {
  const n = forEachOracleGeneral(path, () => {});
  const columns: OracleGeneralColumns = {
    timeS: new Uint32Array(n),
    objectId: new Float64Array(n),
    size: new Float64Array(n),
    nextIndex: new Float64Array(n),
  };
  forEachOracleGeneral(path, (timeS, objectId, size, next, i) => {
    if (i >= n) return;
    columns.timeS[i] = timeS;
    columns.objectId[i] = objectId;
    columns.size[i] = size;
    columns.nextIndex[i] = next < 0 ? Infinity : next - 1;
  });
  return columns;
}
