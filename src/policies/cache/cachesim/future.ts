import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError, InvariantError } from "../../../util/errors.ts";
import { KeyIndex } from "../structures/key-index.ts";
import { ACCESS_CHUNK, type AccessChunk } from "./access-chunks.ts";

/** The most accesses a computed future can index (the key index stores int32 positions). */
export const MAX_FUTURE_ACCESSES = 2 ** 31 - 1;

/** What {@link withFuture} learnt, filled in as the stream is consumed. */
export interface FutureStats {
  /** Accesses in the stream. */
  accesses: number;
  /** Distinct keys (counted by the backward pass; −1 when the trace's own next field was used). */
  distinctKeys: number;
  /** Whether the next accesses were computed (false: every chunk carried the trace's). */
  computed: boolean;
}

/**
 * Gives every access its next access (for Belady) without holding the trace in memory: the
 * accesses are spooled to a temporary file in fixed-size column blocks (24 bytes per access:
 * key, bytes, next); unless every chunk already carried the trace's next field, a backward pass
 * over that file, block by block from the end, fills the next column in place from a key index
 * of the distinct keys (the only memory that grows: ~24–48 bytes per distinct key, not per
 * request); then the file is streamed forward as chunks. The temporary folder is removed when
 * the stream ends or is abandoned. `stats` is filled as it goes. Throws an InputError past
 * {@link MAX_FUTURE_ACCESSES} accesses when the next accesses must be computed.
 *
 * @example
 * const chunk = { keys: Float64Array.of(1, 2, 1), bytes: Float64Array.of(1, 1, 1), next: new Float64Array(3).fill(Infinity), length: 3, futureKnown: false };
 * const nexts = [];
 * for (const c of withFuture([chunk], 2)) nexts.push(...c.next.subarray(0, c.length));
 * nexts; // => [2, Infinity, Infinity]
 */
export function* withFuture(
  chunks: Iterable<AccessChunk>,
  chunkSize = ACCESS_CHUNK,
  stats: FutureStats = { accesses: 0, distinctKeys: -1, computed: false },
): Generator<AccessChunk> {
  const folder = mkdtempSync(join(tmpdir(), "rtolab-future-"));
  const path = join(folder, "accesses.f64");
  const block = new Float64Array(3 * chunkSize);
  const view = new Uint8Array(block.buffer);
  const fd = openSync(path, "w+");
  try {
    // Pass 1, forward: re-block the source into chunkSize blocks [keys | bytes | next].
    let total = 0;
    let fill = 0;
    let known = true;
    const flush = (): void => {
      if (fill === 0) return;
      writeBlock(fd, block, view, fill, chunkSize, total - fill);
      fill = 0;
    };
    for (const chunk of chunks) {
      known &&= chunk.futureKnown;
      for (let i = 0; i < chunk.length; i++) {
        block[fill] = chunk.keys[i];
        block[chunkSize + fill] = chunk.bytes[i];
        block[2 * chunkSize + fill] = chunk.next[i];
        total++;
        if (++fill === chunkSize) flush();
      }
    }
    flush();
    stats.accesses = total;
    const blocks = Math.ceil(total / chunkSize);
    if (!known) {
      if (total > MAX_FUTURE_ACCESSES) {
        throw new InputError("trace", `access ${MAX_FUTURE_ACCESSES + 1}`, `at most ${MAX_FUTURE_ACCESSES} accesses for a policy that needs the future, or a trace with a next-access field (oracleGeneral)`);
      }
      // Pass 2, backward: last block first, last access first; the next column is rewritten in place.
      const seen = new KeyIndex(1024);
      for (let b = blocks - 1; b >= 0; b--) {
        const first = b * chunkSize;
        const n = Math.min(chunkSize, total - first);
        readBlock(fd, view, n, chunkSize, first);
        for (let i = n - 1; i >= 0; i--) {
          const key = block[i];
          const at = seen.get(key);
          block[2 * chunkSize + i] = at < 0 ? Infinity : at;
          seen.set(key, first + i);
        }
        writeBlock(fd, block, view, n, chunkSize, first);
      }
      stats.distinctKeys = seen.size;
      stats.computed = true;
    }
    // Pass 3, forward: the accesses with their next.
    const out: AccessChunk = {
      keys: block.subarray(0, chunkSize),
      bytes: block.subarray(chunkSize, 2 * chunkSize),
      next: block.subarray(2 * chunkSize),
      length: 0,
      futureKnown: true,
    };
    for (let b = 0; b < blocks; b++) {
      const first = b * chunkSize;
      out.length = Math.min(chunkSize, total - first);
      readBlock(fd, view, out.length, chunkSize, first);
      yield out;
    }
  } finally {
    closeSync(fd);
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Writes the first `n` entries of each of the block's three columns at the block starting
 * with access `first` (blocks hold `chunkSize` accesses, the last one fewer).
 */
function writeBlock(fd: number, block: Float64Array, view: Uint8Array, n: number, chunkSize: number, first: number): void {
  if (n < chunkSize) {
    // Pack the short last block's columns together, as readBlock expects them.
    block.copyWithin(n, chunkSize, chunkSize + n);
    block.copyWithin(2 * n, 2 * chunkSize, 2 * chunkSize + n);
  }
  const bytes = 24 * n;
  let done = 0;
  while (done < bytes) done += writeSync(fd, view, done, bytes - done, first * 24 + done);
  if (n < chunkSize) {
    block.copyWithin(2 * chunkSize, 2 * n, 3 * n);
    block.copyWithin(chunkSize, n, 2 * n);
  }
}

/** Reads the block starting with access `first` (`n` accesses) into the three columns. */
function readBlock(fd: number, view: Uint8Array, n: number, chunkSize: number, first: number): void {
  const bytes = 24 * n;
  let done = 0;
  while (done < bytes) {
    const got = readSync(fd, view, done, bytes - done, first * 24 + done);
    if (got === 0) throw new InvariantError(`future spool: file ended at access ${first}`);
    done += got;
  }
  if (n < chunkSize) {
    const block = new Float64Array(view.buffer);
    block.copyWithin(2 * chunkSize, 2 * n, 3 * n);
    block.copyWithin(chunkSize, n, 2 * n);
  }
}
