import { closeSync, readSync } from "node:fs";
import { InputError } from "../../util/errors.ts";
import { openTraceFile } from "./open-file.ts";

/** Bytes read per `readSync` call: memory stays at about this much whatever the file's length. */
export const LINE_CHUNK_BYTES = 1 << 20;

/**
 * Longest request accepted from a text trace, bytes: 2^32 − 1, the limit of the 32-bit length
 * fields of vscsi and oracleGeneral (real block requests are at most a few MiB). A garbage
 * length of a terabyte would otherwise cost minutes and gigabytes in every per-block consumer.
 *
 * @example
 * MAX_REQUEST_BYTES // => 4294967295
 */
export const MAX_REQUEST_BYTES = 2 ** 32 - 1;

/**
 * Longest line accepted, bytes. Trace lines are under 200 bytes; without a cap, a binary or
 * garbage file with no newline would be buffered whole.
 *
 * @example
 * MAX_LINE_BYTES // => 1048576
 */
export const MAX_LINE_BYTES = 1 << 20;

/**
 * Streams the lines of a text file, synchronously, reading `chunkBytes` at a time (a line longer
 * than a chunk is carried over, so only the longest line bounds memory). Line terminators `\n`
 * and `\r\n` are removed; a final line without a terminator is still yielded; an empty file
 * yields nothing. Lines are decoded as UTF-8. The file is closed when the generator finishes or
 * is abandoned (`return()`, `break` in a `for…of`). Throws an InputError naming the file when it
 * cannot be opened, and naming the line when a line is longer than {@link MAX_LINE_BYTES}.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync(`${tmp}/two-lines.txt`, "t_us,op\n0,R\n");
 * [...readLines(`${tmp}/two-lines.txt`)] // => ["t_us,op", "0,R"]
 */
export function* readLines(path: string, chunkBytes: number = LINE_CHUNK_BYTES): Generator<string> {
  const fd = openTraceFile(path);
  let lineNo = 0;
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    let carry: Buffer = Buffer.alloc(0);
    for (;;) {
      const read = readSync(fd, chunk, 0, chunkBytes, null);
      if (read === 0) break;
      // Invariant: `data` starts at the beginning of a line; `carry` never holds a '\n'.
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
        const end = nl > start && data[nl - 1] === 13 ? nl - 1 : nl;
        lineNo++;
        yield data.toString("utf8", start, end);
        start = nl + 1;
      }
      if (data.length - start > MAX_LINE_BYTES) {
        throw new InputError(path, `line ${lineNo + 1}`, `a line under ${MAX_LINE_BYTES / 2 ** 20} MiB (is this a text trace?)`);
      }
      // Copy: `chunk` is reused by the next read.
      carry = Buffer.from(data.subarray(start));
    }
    if (carry.length > 0) {
      const end = carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length;
      yield carry.toString("utf8", 0, end);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Parses a decimal field that must be a finite number (integers, decimals and exponents
 * accepted; empty and non-numeric text rejected). Returns NaN for bad text so callers can name
 * the field in their own error.
 *
 * @example
 * parseNumber(" 42 ") // => 42
 * parseNumber("4x2") // => NaN
 */
export function parseNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed === "") return Number.NaN;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
}
