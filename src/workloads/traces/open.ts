import { closeSync, readSync } from "node:fs";
import { InputError } from "../../util/errors.ts";
import { readBlkparse } from "./blkparse.ts";
import { openTraceFile } from "./open-file.ts";
import { parseMsrRecord, readMsr } from "./msr.ts";
import { NBDKIT_LOG_TIMESTAMP, readNbdkitLog } from "./nbdkit-log.ts";
import { readOracleGeneral } from "./oracle-general.ts";
import { readRtolabCsv } from "./rtolab-csv.ts";
import type { TraceFormat, TraceRequest } from "./types.ts";
import { readVscsi } from "./vscsi.ts";

/** Every trace format, in the order `detectTraceFormat` names them. */
export const TRACE_FORMATS: readonly TraceFormat[] = ["csv", "blkparse", "msr", "vscsi", "oracleGeneral", "nbdkitLog"];

/**
 * Streams the requests of the trace at `path` in the given format. The result can be iterated
 * more than once (each iteration reopens and rereads the file); memory does not grow with the
 * trace's length. Reading throws an InputError on a bad record (file and line or record number).
 *
 * @example
 * let n = 0;
 * for (const request of openTrace("traces/boot1.csv", "csv")) n++;
 * n // => 1767
 */
export function openTrace(path: string, format: TraceFormat): Iterable<TraceRequest> {
  const read = READERS[format];
  if (!read) throw new InputError(path, "", `a trace format, one of ${TRACE_FORMATS.join(", ")}`);
  return { [Symbol.iterator]: () => inTimeOrder(path, read(path)) };
}

/**
 * The requests of `requests` as they come, refusing one issued before the one ahead of it:
 * every consumer (replay, profiles, cache simulation, `trace info`'s duration) assumes issue
 * order. The InputError names the request by its 1-based number among the trace's requests.
 *
 * @example
 * const requests = [{ timeUs: 5, op: "R", offset: 0, length: 512 }, { timeUs: 4, op: "R", offset: 0, length: 512 }];
 * [...inTimeOrder("t.csv", requests[Symbol.iterator]())]
 * // throws "t.csv: request 2: requests in issue-time order (timeUs 4 comes after 5; sort the trace by time)"
 */
export function* inTimeOrder(path: string, requests: Iterator<TraceRequest>): Generator<TraceRequest> {
  let previous = -Infinity;
  let index = 0;
  for (let next = requests.next(); !next.done; next = requests.next()) {
    index++;
    const request = next.value;
    if (request.timeUs < previous) {
      throw new InputError(path, `request ${index}`, `requests in issue-time order (timeUs ${request.timeUs} comes after ${previous}; sort the trace by time)`);
    }
    previous = request.timeUs;
    yield request;
  }
}

const READERS: Record<TraceFormat, (path: string) => Iterator<TraceRequest>> = {
  csv: readRtolabCsv,
  blkparse: (path) => readBlkparse(path),
  msr: readMsr,
  vscsi: readVscsi,
  oracleGeneral: readOracleGeneral,
  nbdkitLog: readNbdkitLog,
};

/**
 * Guesses a trace's format: by extension first (`.vscsi`; `.oracleGeneral`, `.oracleGeneral.bin`,
 * `.og.bin`), then by the first non-empty line of text (the rtolab CSV header; a blkparse event
 * line `maj,min cpu seq time …`; a line of nbdkit's log filter, which starts with a timestamp
 * `YYYY-MM-DD HH:MM:SS.ffffff`; a 7-field MSR record). Throws an InputError when nothing fits.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * detectTraceFormat("traces/boot1.csv") // => "csv"
 * detectTraceFormat("traces/cloudPhysicsIO.vscsi") // => "vscsi"
 * writeFileSync(`${tmp}/disk.log`, "2020-08-06 02:07:23.080415 Ready thread_model=3\n");
 * detectTraceFormat(`${tmp}/disk.log`) // => "nbdkitLog"
 */
export function detectTraceFormat(path: string): TraceFormat {
  const name = path.toLowerCase();
  if (name.endsWith(".vscsi")) return "vscsi";
  if (/\.(oraclegeneral|oraclegeneral\.bin|og\.bin)$/.test(name)) return "oracleGeneral";
  const line = firstTextLine(path);
  if (/^t_us,op,offset,length(,latency_us)?$/.test(line)) return "csv";
  if (/^\d+,\d+\s+\d+\s+\d+\s+\d+\.\d+\s/.test(line)) return "blkparse";
  if (NBDKIT_LOG_TIMESTAMP.test(line)) return "nbdkitLog";
  if (/^timestamp,hostname,disknumber,type,offset,size,responsetime$/i.test(line)) return "msr";
  if (typeof parseMsrRecord(line) !== "string") return "msr";
  throw new InputError(
    path,
    "",
    "a trace in a known format: rtolab CSV (header t_us,op,offset,length,latency_us), blkparse text, MSR CSV, nbdkit's log filter output, .vscsi or .oracleGeneral",
  );
}

/** The first non-empty line among the file's first 64 KiB, trimmed ("" if none). */
function firstTextLine(path: string): string {
  const fd = openTraceFile(path);
  try {
    const head = Buffer.alloc(64 * 1024);
    const read = readSync(fd, head, 0, head.length, 0);
    const text = head.toString("utf8", 0, read).replace(/^\uFEFF/, "");
    return text.split(/\r?\n/).find((l) => l.trim() !== "")?.trim() ?? "";
  } finally {
    closeSync(fd);
  }
}
