import type { TraceFormat, TraceRequest } from "../../../workloads/traces/types.ts";
import { openTrace } from "../../../workloads/traces/open.ts";
import { oracleGeneralChunks } from "../../../workloads/traces/oracle-general.ts";

/**
 * How requests become cache accesses.
 * - `libcachesim`: one access per request, keyed by its `offset` (for oracleGeneral the object
 *   id, for vscsi/CSV the byte offset: either way one key per start LBN), sized by its `length`;
 *   this is libCacheSim's request semantics and reproduces its published miss counts.
 * - `block`: each request is split into the `blockBytes` blocks it touches (key = block number,
 *   size = blockBytes), one access each, in order: what a media agent's block cache sees.
 * Both modes skip flushes (`op` "F") and count reads and writes alike, as libCacheSim does.
 */
export type CachesimMode = "libcachesim" | "block";

/**
 * A run of cache accesses in columns: the unit every cachesim pass moves. A whole in-memory
 * stream ({@link buildAccessStream}) has the same shape.
 */
export interface AccessChunk {
  keys: Float64Array;
  /** Bytes of each access. */
  bytes: Float64Array;
  /**
   * 0-based index (in the whole stream) of the next access to the same key, Infinity if none
   * or not known (only Belady reads it).
   */
  next: Float64Array;
  /** Accesses in this chunk (the columns' valid prefix). */
  length: number;
  /** Whether every `next` of the chunk came from the trace (oracleGeneral's field). */
  futureKnown: boolean;
}

/** Accesses per chunk: 64 Ki (1.5 MiB of columns), small enough to stay in the CPU cache. */
export const ACCESS_CHUNK = 1 << 16;

/**
 * Streams `requests` as {@link AccessChunk}s of at most `chunkSize` accesses under `mode`. The
 * chunk object and its columns are reused: read one before asking for the next. Memory is
 * the chunk, whatever the trace's length. In `libcachesim` mode a request's `nextAccessIndex`
 * (oracleGeneral: 1-based, −1 none) becomes `next`; a chunk with a request without it has
 * `futureKnown` false.
 *
 * @example
 * const req = (offset: number, length: number) => ({ timeUs: 0, op: "R" as const, offset, length });
 * const lengths = [];
 * for (const c of accessChunks([req(0, 8192), req(4096, 4096), req(0, 4096)], "block", 4096, 2)) lengths.push(c.length);
 * lengths; // => [2, 2]
 */
export function* accessChunks(
  requests: Iterable<TraceRequest>,
  mode: CachesimMode,
  blockBytes = 4096,
  chunkSize = ACCESS_CHUNK,
): Generator<AccessChunk> {
  const chunk: AccessChunk = {
    keys: new Float64Array(chunkSize),
    bytes: new Float64Array(chunkSize),
    next: new Float64Array(chunkSize),
    length: 0,
    futureKnown: mode === "libcachesim",
  };
  const { keys, bytes, next } = chunk;
  let n = 0;
  for (const request of requests) {
    if (request.op === "F") continue;
    if (mode === "libcachesim") {
      const file = request.nextAccessIndex;
      if (file === undefined) chunk.futureKnown = false;
      keys[n] = request.offset;
      bytes[n] = request.length;
      next[n] = file === undefined || file < 0 ? Infinity : file - 1;
      if (++n === chunkSize) {
        chunk.length = n;
        yield chunk;
        n = 0;
        chunk.futureKnown = true;
      }
    } else if (request.length > 0) {
      const last = Math.floor((request.offset + request.length - 1) / blockBytes);
      for (let block = Math.floor(request.offset / blockBytes); block <= last; block++) {
        keys[n] = block;
        bytes[n] = blockBytes;
        next[n] = Infinity;
        if (++n === chunkSize) {
          chunk.length = n;
          yield chunk;
          n = 0;
        }
      }
    }
  }
  if (n > 0) {
    chunk.length = n;
    yield chunk;
  }
}

/**
 * The accesses of an oracleGeneral file in `libcachesim` mode, decoded from the file's bytes
 * straight into columns (no request objects: the fast path of `rtolab cachesim`); `next` is the
 * file's next-access field. Same accesses as `accessChunks(readOracleGeneral(path), "libcachesim")`.
 *
 * @example
 * let n = 0;
 * for (const c of oracleGeneralAccessChunks("traces/cloudPhysicsIO.oracleGeneral.bin")) n += c.length;
 * n; // => 113872
 */
export function* oracleGeneralAccessChunks(path: string): Generator<AccessChunk> {
  for (const columns of oracleGeneralChunks(path)) {
    yield { keys: columns.objectId, bytes: columns.size, next: columns.next, length: columns.length, futureKnown: true };
  }
}

/**
 * The accesses of a trace file under `mode`: oracleGeneral files in `libcachesim` mode decoded
 * straight into columns ({@link oracleGeneralAccessChunks}), other formats through their reader
 * and {@link accessChunks}.
 *
 * @example
 * let n = 0;
 * for (const c of fileAccessChunks("traces/boot0.csv", "csv", "block", 4096)) n += c.length;
 * n; // => 16800
 */
export function fileAccessChunks(path: string, format: TraceFormat, mode: CachesimMode, blockBytes = 4096): Iterable<AccessChunk> {
  if (format === "oracleGeneral" && mode === "libcachesim") return oracleGeneralAccessChunks(path);
  return accessChunks(openTrace(path, format), mode, blockBytes);
}
