import { InputError } from "../../util/errors.ts";
import { MAX_REQUEST_BYTES, parseNumber, readLines } from "./lines.ts";
import type { BlockOp, TraceRequest } from "./types.ts";

/** The header an rtolab trace CSV starts with (`latency_us` may be left out). */
export const RTOLAB_CSV_HEADER = "t_us,op,offset,length,latency_us";

const OPS: ReadonlySet<string> = new Set<BlockOp>(["R", "W", "F"]);

/**
 * Streams an rtolab trace CSV (`t_us,op,offset,length,latency_us`, header required, the format of
 * `traces/boot*.csv`): times in µs rebased so the first request is at 0, offset and length in
 * bytes, `op` R, W or F, `latency_us` (optional column) in µs. Blank lines are skipped. Memory is
 * one read chunk, whatever the file's length.
 *
 * Throws an InputError naming the file and the 1-based line of the first bad record, e.g.
 * `boot.csv: line 3: expected op R, W or F`.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync(`${tmp}/t.csv`, "t_us,op,offset,length,latency_us\n5,R,4096,512,40\n");
 * [...readRtolabCsv(`${tmp}/t.csv`)]
 * // => [{ timeUs: 0, op: "R", offset: 4096, length: 512, latencyUs: 40 }]
 */
export function* readRtolabCsv(path: string): Generator<TraceRequest> {
  let lineNo = 0;
  let hasLatency = false;
  let firstUs = Number.NaN;
  for (const line of readLines(path)) {
    lineNo++;
    if (lineNo === 1) {
      const header = line.trim().replace(/^\uFEFF/, "");
      if (header === RTOLAB_CSV_HEADER) hasLatency = true;
      else if (header !== "t_us,op,offset,length") {
        throw new InputError(path, "line 1", `expected the header "${RTOLAB_CSV_HEADER}"`);
      }
      continue;
    }
    if (line.trim() === "") continue;
    const request = parseRtolabCsvRecord(line, hasLatency);
    if (typeof request === "string") throw new InputError(path, `line ${lineNo}`, `expected ${request}`);
    if (Number.isNaN(firstUs)) firstUs = request.timeUs;
    request.timeUs -= firstUs;
    yield request;
  }
  if (lineNo === 0) throw new InputError(path, "line 1", `expected the header "${RTOLAB_CSV_HEADER}"`);
}

/**
 * Parses one data line of an rtolab CSV (times not rebased). Returns the request, or a
 * description of what was expected when the line is bad.
 *
 * @example
 * parseRtolabCsvRecord("10,W,0,4096,7", true) // => { timeUs: 10, op: "W", offset: 0, length: 4096, latencyUs: 7 }
 * parseRtolabCsvRecord("10,X,0,4096,7", true) // => "op R, W or F"
 */
export function parseRtolabCsvRecord(line: string, hasLatency: boolean): TraceRequest | string {
  const fields = line.split(",");
  const columns = hasLatency ? 5 : 4;
  if (fields.length !== columns) return `${columns} comma-separated fields (${hasLatency ? RTOLAB_CSV_HEADER : "t_us,op,offset,length"})`;
  const op = fields[1].trim();
  if (!OPS.has(op)) return "op R, W or F";
  const timeUs = parseNumber(fields[0]);
  if (!(timeUs >= 0)) return "t_us, a non-negative number of microseconds";
  const offset = parseNumber(fields[2]);
  if (!(offset >= 0) || !Number.isInteger(offset)) return "offset, a non-negative integer number of bytes";
  const length = parseNumber(fields[3]);
  if (!(length >= 0) || !Number.isInteger(length)) return "length, a non-negative integer number of bytes";
  if (length > MAX_REQUEST_BYTES) return "length up to 4 GiB (2^32 − 1 bytes)";
  if (!Number.isSafeInteger(offset + length)) return "offset + length below 2^53 bytes";
  const request: TraceRequest = { timeUs, op: op as BlockOp, offset, length };
  if (hasLatency) {
    const latencyUs = parseNumber(fields[4]);
    if (!(latencyUs >= 0)) return "latency_us, a non-negative number of microseconds";
    request.latencyUs = latencyUs;
  }
  return request;
}
