import { endianness } from "node:os";
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

/** One chunk of an oracleGeneral file decoded into columns (reused: read it before the next). */
export interface OracleGeneralChunk {
  objectId: Float64Array;
  /** Bytes. */
  size: Float64Array;
  /** 0-based index of the next request to the same object, Infinity if none. */
  next: Float64Array;
  /** Records in this chunk (the columns' valid prefix). */
  length: number;
}

/**
 * Streams an oracleGeneral file as column chunks of up to ~43,690 records (1 MiB of file),
 * decoded straight from the read buffer through a 32-bit view: no object per request, memory
 * independent of the file's length. The next index is converted like
 * {@link loadOracleGeneral}'s. The columns are reused from chunk to chunk. Same errors as
 * {@link readOracleGeneral} (partial record, object id ≥ 2^53).
 *
 * @example
 * let n = 0;
 * for (const chunk of oracleGeneralChunks("traces/cloudPhysicsIO.oracleGeneral.bin")) n += chunk.length;
 * n // => 113872
 */
export function* oracleGeneralChunks(path: string): Generator<OracleGeneralChunk> {
  let chunk: OracleGeneralChunk | undefined;
  const words = ORACLE_GENERAL_RECORD_BYTES / 4;
  for (const { buffer, count, firstRecord } of recordChunks(path, ORACLE_GENERAL_RECORD_BYTES)) {
    if (chunk === undefined || chunk.objectId.length < count) {
      const n = Math.max(count, chunk?.objectId.length ?? 0);
      chunk = { objectId: new Float64Array(n), size: new Float64Array(n), next: new Float64Array(n), length: 0 };
    }
    const { objectId, size, next } = chunk;
    if (endianness() === "LE" && buffer.byteOffset % 4 === 0) {
      const u32 = new Uint32Array(buffer.buffer, buffer.byteOffset, count * words);
      for (let r = 0, w = 0; r < count; r++, w += words) {
        const hi = u32[w + 2];
        if (hi >= 0x200000) readU64(buffer, r * ORACLE_GENERAL_RECORD_BYTES + 4, path, firstRecord + r, "object id");
        objectId[r] = hi * 4294967296 + u32[w + 1];
        size[r] = u32[w + 3];
        const nextHi = u32[w + 5] | 0;
        next[r] = nextHi < 0 ? Infinity : nextHi * 4294967296 + u32[w + 4] - 1;
      }
    } else {
      for (let r = 0, at = 0; r < count; r++, at += ORACLE_GENERAL_RECORD_BYTES) {
        objectId[r] = readU64(buffer, at + 4, path, firstRecord + r, "object id");
        size[r] = buffer.readUInt32LE(at + 12);
        const n = readI64(buffer, at + 16);
        next[r] = n < 0 ? Infinity : n - 1;
      }
    }
    chunk.length = count;
    yield chunk;
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
