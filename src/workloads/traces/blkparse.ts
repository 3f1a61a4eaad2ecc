import { InputError } from "../../util/errors.ts";
import { MAX_REQUEST_BYTES, readLines } from "./lines.ts";
import type { BlockOp, TraceRequest } from "./types.ts";

/** Bytes per blkparse sector. */
export const BLKPARSE_SECTOR_BYTES = 512;

/** Which blkparse event marks a request's issue. */
export type BlkparseIssueEvent = "D" | "Q";

/** Options of {@link readBlkparse}. */
export interface BlkparseOptions {
  /**
   * `D` (default): the dispatch to the driver, what the device sees (merged requests, as a disk
   * boundary trace records them); `Q`: the bio as the file system queued it (before merging; a
   * merged-away bio never gets its own `C`, so it has no latency).
   */
  issueEvent?: BlkparseIssueEvent;
  /**
   * Issued requests kept waiting for their `C` before the oldest is given up on and yielded
   * without a latency (a trace cut mid-flight, a lost completion). Default 4096.
   */
  maxPending?: number;
}

/** One parsed event line of blkparse's default output. */
export interface BlkparseEvent {
  device: string;
  timeUs: number;
  action: string;
  rwbs: string;
  /** First sector (512 B); -1 when the line has none (flushes). */
  sector: number;
  sectors: number;
}

const EVENT = /^\s*(\d+,\d+)\s+\d+\s+\d+\s+(\d+)\.(\d+)\s+\d+\s+([A-Za-z]+)\s+(\S+)\s*(.*)$/;
const TARGET = /^(-?\d+)(?:\s*\+\s*(-?\d+))?/;

/**
 * Parses one line of blkparse's default format
 * `maj,min cpu seq sec.nsec pid action rwbs [sector + nsectors] [process]`. Returns undefined for
 * lines that are not events (per-CPU and total summaries, blank lines), an error description for
 * an event line that is broken.
 *
 * @example
 * parseBlkparseLine("  8,0    3   11   0.000123000  697  D  RS 2048 + 8 [cat]")
 * // => { device: "8,0", timeUs: 123, action: "D", rwbs: "RS", sector: 2048, sectors: 8 }
 */
export function parseBlkparseLine(line: string): BlkparseEvent | string | undefined {
  if (!/^\s*\d+,\d+\s/.test(line)) return undefined;
  const m = EVENT.exec(line);
  if (!m) return "a blkparse event: maj,min cpu seq seconds.nanoseconds pid action rwbs [sector + nsectors]";
  const [, device, seconds, fraction, action, rwbs, rest] = m;
  const nanos = Number(fraction.padEnd(9, "0").slice(0, 9));
  const timeUs = Number(seconds) * 1e6 + nanos / 1e3;
  const target = TARGET.exec(rest);
  // blkparse never prints a negative sector or count: such a line is damaged, not an event to drop.
  if (target && (target[1].startsWith("-") || target[2]?.startsWith("-"))) return "sector + nsectors of 0 or more (a negative number is not a position on the disk)";
  const sector = target ? Number(target[1]) : -1;
  const sectors = target?.[2] !== undefined ? Number(target[2]) : 0;
  // Seconds beyond ~2^53 µs, or sectors whose byte offset passes 2^53, would turn into Infinity
  // or rounded offsets downstream: refuse them here rather than yield a wrong request.
  if (!Number.isSafeInteger(Math.ceil(timeUs))) return "a time below 2^53 µs (about 285 years)";
  if (!Number.isSafeInteger((Math.max(sector, 0) + sectors) * BLKPARSE_SECTOR_BYTES)) return "sector + nsectors within 2^53 bytes";
  if (sectors * BLKPARSE_SECTOR_BYTES > MAX_REQUEST_BYTES) return "nsectors up to 4 GiB (2^32 − 1 bytes)";
  return { device, timeUs, action, rwbs, sector, sectors };
}

/**
 * The operation for a blkparse RWBS field: R for reads, W for writes carrying data, F for a
 * flush without data (`FWS 0 + 0`, or no sector); undefined for discards and others (skipped).
 *
 * @example
 * blkparseOp("RA", 8) // => "R"
 * blkparseOp("FWS", 0) // => "F"
 * blkparseOp("DS", 8) // => undefined
 */
export function blkparseOp(rwbs: string, sectors: number): BlockOp | undefined {
  if (rwbs.includes("D") || rwbs.includes("E")) return undefined; // discard, secure erase
  if (rwbs.includes("R")) return "R";
  if (rwbs.includes("W")) return sectors > 0 ? "W" : rwbs.includes("F") ? "F" : undefined;
  if (rwbs.includes("F")) return "F";
  return undefined;
}

interface Pending {
  request: TraceRequest;
  key: string;
  done: boolean;
}

/**
 * Streams the output of `blkparse` (default format) as requests. The issue event is `D`
 * (dispatch to the device) by default, or `Q` (see {@link BlkparseOptions}); each issued request
 * waits for the next `C` on the same device with the same sector and size (flushes: the next
 * flush `C`), and `latencyUs = C − issue`. Requests are yielded in issue order, times in µs from
 * the first issue, sectors of 512 B; discards, other actions and summary lines are skipped.
 * Memory is one chunk plus the requests in flight (at most `maxPending`).
 *
 * Throws an InputError naming the file and the 1-based line of a broken event line.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync(`${tmp}/trace.txt`, "8,0 0 1 0.000010000 9 D R 8 + 8 [x]\n8,0 0 2 0.000060000 0 C R 8 + 8 [0]\n");
 * [...readBlkparse(`${tmp}/trace.txt`)]
 * // => [{ timeUs: 0, op: "R", offset: 4096, length: 4096, latencyUs: 50 }]
 */
export function* readBlkparse(path: string, options: BlkparseOptions = {}): Generator<TraceRequest> {
  const issueEvent = options.issueEvent ?? "D";
  const maxPending = options.maxPending ?? 4096;
  const inFlight = new Map<string, Pending[]>();
  const order: Pending[] = []; // issue order; head index advances as requests are yielded
  let head = 0;
  let firstUs = Number.NaN;
  let lineNo = 0;
  for (const line of readLines(path)) {
    lineNo++;
    const event = parseBlkparseLine(line);
    if (event === undefined) continue;
    if (typeof event === "string") throw new InputError(path, `line ${lineNo}`, `expected ${event}`);
    if (event.action !== issueEvent && event.action !== "C") continue;
    const op = blkparseOp(event.rwbs, event.sectors);
    if (op === undefined) continue;
    const key = op === "F" ? `${event.device} F` : `${event.device} ${event.sector}+${event.sectors}`;
    if (event.action === "C") {
      const waiting = inFlight.get(key);
      const pending = waiting?.shift();
      if (!pending) continue; // completion of a request issued before the trace began
      if (waiting!.length === 0) inFlight.delete(key);
      pending.request.latencyUs = event.timeUs - pending.request.timeUs;
      pending.done = true;
    } else {
      if (op !== "F" && event.sector < 0) {
        throw new InputError(path, `line ${lineNo}`, "expected sector + nsectors after the RWBS field");
      }
      if (Number.isNaN(firstUs)) firstUs = event.timeUs;
      const offset = op === "F" ? 0 : event.sector * BLKPARSE_SECTOR_BYTES;
      const length = op === "F" ? 0 : event.sectors * BLKPARSE_SECTOR_BYTES;
      const pending: Pending = { request: { timeUs: event.timeUs, op, offset, length }, key, done: false };
      order.push(pending);
      const waiting = inFlight.get(key);
      if (waiting) waiting.push(pending);
      else inFlight.set(key, [pending]);
    }
    while (head < order.length && (order[head].done || order.length - head > maxPending)) {
      yield release(order[head++], inFlight, firstUs);
    }
    if (head > 1024 && head * 2 > order.length) {
      order.splice(0, head); // keep the array bounded by the requests in flight
      head = 0;
    }
  }
  while (head < order.length) yield release(order[head++], inFlight, firstUs);
}

/** Rebases a request for output and forgets it if its completion never came. */
function release(pending: Pending, inFlight: Map<string, Pending[]>, firstUs: number): TraceRequest {
  if (!pending.done) {
    const waiting = inFlight.get(pending.key);
    const at = waiting ? waiting.indexOf(pending) : -1;
    if (at >= 0) waiting!.splice(at, 1);
    if (waiting && waiting.length === 0) inFlight.delete(pending.key);
  }
  const request = pending.request;
  request.timeUs -= firstUs;
  if (request.latencyUs !== undefined) request.latencyUs = Math.round(request.latencyUs * 1000) / 1000;
  request.timeUs = Math.round(request.timeUs * 1000) / 1000;
  return request;
}
