import { InputError } from "../../util/errors.ts";
import { MAX_REQUEST_BYTES, parseNumber, readLines } from "./lines.ts";
import type { TraceRequest } from "./types.ts";

/**
 * Streams a SNIA / MSR-Cambridge block trace CSV
 * (`Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime`, no header). `Timestamp` is a
 * Windows filetime (100 ns ticks, beyond 2^53, so it is rebased exactly with BigInt) and becomes
 * µs since the first record; `ResponseTime` (100 ns ticks) becomes `latencyUs`; `Type` is `Read`
 * or `Write` (any case); offset and size are bytes. A leading header line starting with
 * `Timestamp` is tolerated; blank lines are skipped. Hostname and disk number are not kept:
 * filter the file first if it mixes disks.
 *
 * Throws an InputError naming the file and the 1-based line of the first bad record.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync(`${tmp}/hm_0.csv`, "128166372003061629,hm,0,Read,4096,512,615\n128166372003061729,hm,0,Write,0,4096,20\n");
 * [...readMsr(`${tmp}/hm_0.csv`)]
 * // => [{ timeUs: 0, op: "R", offset: 4096, length: 512, latencyUs: 61.5 },
 * //     { timeUs: 10, op: "W", offset: 0, length: 4096, latencyUs: 2 }]
 */
export function* readMsr(path: string): Generator<TraceRequest> {
  let lineNo = 0;
  let first: bigint | undefined;
  for (const line of readLines(path)) {
    lineNo++;
    if (line.trim() === "" || (lineNo === 1 && /^\uFEFF?timestamp/i.test(line.trim()))) continue;
    const record = parseMsrRecord(line);
    if (typeof record === "string") throw new InputError(path, `line ${lineNo}`, `expected ${record}`);
    first ??= record.ticks;
    const { ticks, ...request } = record;
    // 10 ticks of 100 ns per µs; the difference is small enough for a double.
    request.timeUs = Number(ticks - first) / 10;
    yield request;
  }
}

/**
 * Parses one MSR record: the request (time not yet set) and its filetime `ticks`, or a
 * description of what was expected.
 *
 * @example
 * parseMsrRecord("128166372003061629,hm,0,Read,4096,512,615")
 * // => { ticks: 128166372003061629n, timeUs: 0, op: "R", offset: 4096, length: 512, latencyUs: 61.5 }
 */
export function parseMsrRecord(line: string): (TraceRequest & { ticks: bigint }) | string {
  const fields = line.split(",");
  if (fields.length !== 7) return "7 comma-separated fields (Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime)";
  const stamp = fields[0].trim();
  if (!/^\d+$/.test(stamp)) return "Timestamp, a non-negative integer of 100 ns ticks";
  if (stamp.length > 20 || BigInt(stamp) >= 2n ** 64n) return "Timestamp below 2^64 (a 64-bit filetime)";
  const type = fields[3].trim().toLowerCase();
  if (type !== "read" && type !== "write") return "Type Read or Write";
  const offset = parseNumber(fields[4]);
  if (!(offset >= 0) || !Number.isInteger(offset)) return "Offset, a non-negative integer number of bytes";
  const length = parseNumber(fields[5]);
  if (!(length >= 0) || !Number.isInteger(length)) return "Size, a non-negative integer number of bytes";
  if (length > MAX_REQUEST_BYTES) return "Size up to 4 GiB (2^32 − 1 bytes)";
  if (!Number.isSafeInteger(offset + length)) return "Offset + Size below 2^53 bytes";
  const response = parseNumber(fields[6]);
  if (!(response >= 0)) return "ResponseTime, a non-negative number of 100 ns ticks";
  return { ticks: BigInt(stamp), timeUs: 0, op: type === "read" ? "R" : "W", offset, length, latencyUs: response / 10 };
}
