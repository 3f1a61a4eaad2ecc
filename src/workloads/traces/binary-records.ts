import { closeSync, readSync } from "node:fs";
import { InputError } from "../../util/errors.ts";
import { openTraceFile } from "./open-file.ts";

/** A chunk of whole fixed-size records read from a binary trace. */
export interface RecordChunk {
  /** Buffer reused between chunks: read it before asking for the next chunk. */
  buffer: Buffer;
  /** Whole records in this chunk. */
  count: number;
  /** 1-based number of the chunk's first record in the file. */
  firstRecord: number;
}

/** Target bytes per read (rounded down to whole records). */
export const CHUNK_BYTES = 1 << 20;

/**
 * Streams a file of little-endian fixed-size records in ~1 MiB chunks with `fs.readSync`
 * (never the whole file); the buffer is reused, so a chunk is valid until the next one. Throws
 * an {@link InputError} naming the 1-based record number if the file ends inside a record, or
 * naming the file if it cannot be opened.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync(`${tmp}/t.bin`, Buffer.alloc(24 * 3));
 * let total = 0;
 * for (const chunk of recordChunks(`${tmp}/t.bin`, 24)) total += chunk.count;
 * total // => 3 // the records in t.bin
 */
export function* recordChunks(path: string, recordSize: number): Generator<RecordChunk> {
  const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / recordSize));
  const buffer = Buffer.allocUnsafe(perChunk * recordSize);
  const chunk: RecordChunk = { buffer, count: 0, firstRecord: 1 };
  const fd = openTraceFile(path);
  try {
    let record = 1;
    for (;;) {
      let filled = 0;
      while (filled < buffer.length) {
        const n = readSync(fd, buffer, filled, buffer.length - filled, null);
        if (n === 0) break;
        filled += n;
      }
      const count = Math.floor(filled / recordSize);
      if (count > 0) {
        chunk.count = count;
        chunk.firstRecord = record;
        yield chunk;
        record += count;
      }
      const rest = filled - count * recordSize;
      if (rest > 0) {
        throw new InputError(path, `record ${record}`, `a complete ${recordSize}-byte record, but the file ends after ${rest} bytes of it`);
      }
      if (filled < buffer.length) return;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The first `bytes` bytes of a file (fewer if it is shorter).
 *
 * @example
 * readHead("traces/cloudPhysicsIO.vscsi", 16).readUInt16LE(14); // => 0x0100
 */
export function readHead(path: string, bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes);
  const fd = openTraceFile(path);
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads an unsigned little-endian 64-bit integer as a number; throws an {@link InputError} if
 * it exceeds 2^53 − 1 (no exact double).
 *
 * @example
 * readU64(Buffer.from([1, 0, 0, 0, 1, 0, 0, 0]), 0, "t", 1, "lbn"); // => 4294967297
 */
export function readU64(buffer: Buffer, at: number, path: string, record: number, field: string): number {
  const hi = buffer.readUInt32LE(at + 4);
  if (hi >= 0x200000) throw new InputError(path, `record ${record}`, `${field} below 2^53`);
  return hi * 4294967296 + buffer.readUInt32LE(at);
}

/**
 * Reads a signed little-endian 64-bit integer as a number (exact within ±2^53).
 *
 * @example
 * readI64(Buffer.alloc(8, 0xff), 0); // => -1
 */
export function readI64(buffer: Buffer, at: number): number {
  return buffer.readInt32LE(at + 4) * 4294967296 + buffer.readUInt32LE(at);
}
