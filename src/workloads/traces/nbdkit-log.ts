import { InputError } from "../../util/errors.ts";
import { MAX_REQUEST_BYTES, readLines } from "./lines.ts";
import type { BlockOp, TraceRequest } from "./types.ts";

/**
 * The timestamp every line of nbdkit's log filter starts with, `YYYY-MM-DD HH:MM:SS.ffffff`
 * (UTC: the filter formats `gettimeofday` with `gmtime_r`), followed by a space or the line's end.
 *
 * @example
 * NBDKIT_LOG_TIMESTAMP.test("2020-08-06 02:07:23.080907 connection=1 Read id=1 offset=0x0 count=0x200 ...") // => true
 * NBDKIT_LOG_TIMESTAMP.test("8,0 0 1 0.000010000 9 D R 8 + 8 [x]") // => false
 */
export const NBDKIT_LOG_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6})(?: |$)/;

/**
 * The actions that become requests. Zero is a write: the guest writes zeros (NBD_CMD_WRITE_ZEROES),
 * and the disk does the work of a write. The others are skipped: Trim (a discard) and Cache (an
 * advisory prefetch) move no data the guest waits for, Extents (block status) is metadata, and
 * ListExports, Ready, Fork, Preconnect, Connect and Disconnect are not requests at all.
 */
const OPS: Readonly<Record<string, BlockOp>> = { Read: "R", Write: "W", Zero: "W", Flush: "F" };

/** One call or return line of a request nbdkit's log filter records (Read, Write, Zero, Flush). */
export interface NbdkitLogEntry {
  /** The line's timestamp, µs since 1970-01-01 UTC. */
  timeUs: number;
  connection: number;
  /** nbdkit's action name: Read, Write, Zero or Flush. */
  action: string;
  /** The request's id, unique within its connection. */
  id: number;
  /** True for the return line `...Read id=K return=…`, false for the call. */
  isReturn: boolean;
  op: BlockOp;
  /** Bytes; 0 for a flush and on return lines (they carry no offset). */
  offset: number;
  length: number;
}

/**
 * Parses one line of nbdkit's log filter (nbdkit 1.32, `man nbdkit-log-filter`, LOG FILE FORMAT):
 * a call `TIMESTAMP connection=N Read id=K offset=0x… count=0x… ...` or its return
 * `TIMESTAMP connection=N ...Read id=K return=…`. Returns undefined for a blank line and for every
 * action that is not a request rtolab replays (see the reader), a description of what was
 * expected when the line is broken (no timestamp, no id, an offset or count that is not hex).
 *
 * @example
 * parseNbdkitLogLine("2020-08-06 02:07:23.080907 connection=1 Read id=1 offset=0x200 count=0x1000 ...")
 * // => { timeUs: 1596679643080907, connection: 1, action: "Read", id: 1, isReturn: false, op: "R", offset: 512, length: 4096 }
 * parseNbdkitLogLine("2020-08-06 02:07:23.081255 connection=1 Disconnect transactions=1") // => undefined
 * parseNbdkitLogLine("2020-08-06 02:07:23.080907 connection=1 Read id=1 offset=0x2g0 count=0x1000 ...")
 * // => "offset=0x… in hexadecimal after Read"
 */
export function parseNbdkitLogLine(line: string): NbdkitLogEntry | string | undefined {
  if (line.trim() === "") return undefined;
  const stamp = NBDKIT_LOG_TIMESTAMP.exec(line);
  if (!stamp) return "a line starting with a timestamp YYYY-MM-DD HH:MM:SS.ffffff (nbdkit's log filter)";
  const [year, month, day, hour, minute, second, micros] = stamp.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return "a timestamp YYYY-MM-DD HH:MM:SS.ffffff with a real month, day and time of day";
  }
  // Calendar arithmetic on the line's own fields (UTC, as nbdkit wrote them): never the wall clock.
  const timeUs = Date.UTC(year, month - 1, day, hour, minute, second) * 1000 + micros;
  const rest = line.slice(stamp[0].length);
  const head = /^(?:connection=(\d+) )?(\.\.\.)?([A-Za-z]+)/.exec(rest);
  if (!head) return "an action (Read, Write, Flush, …) after the timestamp";
  const action = head[3];
  const op = OPS[action];
  if (op === undefined) return undefined;
  if (head[1] === undefined) return `connection=N before ${action} (a request of a client connection)`;
  const fields = rest.slice(head[0].length);
  const id = /^ id=(\d+)(?: |$)/.exec(fields);
  if (!id) return `id=K after ${action} (the request's id, to pair its call with its return)`;
  const entry: NbdkitLogEntry = {
    timeUs, connection: Number(head[1]), action, id: Number(id[1]), isReturn: head[2] !== undefined, op, offset: 0, length: 0,
  };
  if (entry.isReturn || op === "F") return entry;
  const offset = hexField(fields, OFFSET);
  if (offset === undefined) return `offset=0x… in hexadecimal after ${action}`;
  const count = hexField(fields, COUNT);
  if (count === undefined) return `count=0x… in hexadecimal after ${action}`;
  if (count > MAX_REQUEST_BYTES) return "count up to 4 GiB (2^32 − 1 bytes)";
  if (!Number.isSafeInteger(offset + count)) return "offset + count below 2^53 bytes";
  entry.offset = offset;
  entry.length = count;
  return entry;
}

const OFFSET = / offset=(\S*)/;
const COUNT = / count=(\S*)/;

/** The value of the field `pattern` finds among `fields`, undefined when it is missing or not `0x` and hex digits. */
function hexField(fields: string, pattern: RegExp): number | undefined {
  const value = pattern.exec(fields)?.[1];
  if (value === undefined || !/^0x[0-9a-f]{1,16}$/i.test(value)) return undefined;
  return Number.parseInt(value.slice(2), 16);
}

/**
 * How far out of time order nbdkit's log lines may be, µs. nbdkit's threads stamp a line and then
 * write it, so a line may follow one stamped up to a lock wait later (70 µs apart in a boot
 * recorded here: two reads called at once by QEMU's two I/O threads). The reader restores time
 * order within this window and refuses a line stamped further back than it. One second is far
 * above such waits and far below the time a boot's requests span.
 */
export const NBDKIT_LOG_REORDER_US = 1_000_000;

/** A request whose call has been read, waiting for its return, or for the reorder window to pass. */
interface Pending {
  /** Its call's timestamp, µs since 1970. */
  callUs: number;
  op: BlockOp;
  offset: number;
  length: number;
  latencyUs: number;
  action: string;
  id: number;
  /** Line of its call, for errors and to order calls stamped alike. */
  line: number;
  done: boolean;
}

/**
 * Streams the log of nbdkit's log filter (`nbdkit --filter=log … logfile=FILE`) as requests:
 * Read → R, Write → W, Zero → W (the guest writes zeros), Flush → F (offset and length 0); Trim,
 * Cache, Extents and the lines that are not requests are skipped (see `OPS` above). Each call is
 * paired with its return by connection and id (requests run in parallel, so returns interleave);
 * `timeUs` is the call's timestamp in µs since the earliest call, `latencyUs` the return's minus
 * the call's. A request that failed (`return=-1 error=EIO`) is kept: the guest waited for it all
 * the same. Every connection is kept, merged in call order.
 *
 * Requests come out in the order of their calls' timestamps (ties: in line order), each once its
 * return has been read and the log has gone {@link NBDKIT_LOG_REORDER_US} past it (nbdkit may
 * write lines slightly out of time order). Memory does not grow with the log's length: it holds
 * one read chunk, the requests outstanding at once, and those called after the oldest
 * outstanding one or within the window.
 *
 * Throws an InputError naming the file and the 1-based line: of a broken line (no timestamp, no
 * id, an offset or count that is not hex); of a call stamped more than the window before one
 * already read; of a call whose return never comes (the log was cut short, or the same
 * connection and id is called again first); of a return that is not the call's action or comes
 * before it.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync(`${tmp}/disk.log`, [
 *   "2020-08-06 02:07:23.080712 connection=1 Connect export=\"\" tls=0 size=0x400",
 *   "2020-08-06 02:07:23.080907 connection=1 Read id=1 offset=0x0 count=0x200 ...",
 *   "2020-08-06 02:07:23.080915 connection=1 Flush id=2 ...",
 *   "2020-08-06 02:07:23.080920 connection=1 ...Flush id=2 return=0",
 *   "2020-08-06 02:07:23.082927 connection=1 ...Read id=1 return=0",
 *   "2020-08-06 02:07:23.083255 connection=1 Disconnect transactions=2",
 * ].join("\n"));
 * [...readNbdkitLog(`${tmp}/disk.log`)]
 * // => [{ timeUs: 0, op: "R", offset: 0, length: 512, latencyUs: 2020 },
 * //     { timeUs: 8, op: "F", offset: 0, length: 0, latencyUs: 5 }]
 */
export function* readNbdkitLog(path: string): Generator<TraceRequest> {
  const outstanding = new Map<string, Pending>(); // "connection id" → call awaiting its return
  // Calls in (timestamp, line) order; `head` advances as requests are yielded. Lines come almost
  // in time order, so an insertion lands at or near the end.
  const waiting: Pending[] = [];
  let head = 0;
  let latestCallUs = -Infinity;
  let firstUs = Number.NaN;
  let lineNo = 0;
  const ready = function* (untilUs: number): Generator<TraceRequest> {
    while (head < waiting.length && waiting[head].done && waiting[head].callUs <= untilUs) {
      const p = waiting[head++];
      if (Number.isNaN(firstUs)) firstUs = p.callUs;
      yield { timeUs: p.callUs - firstUs, op: p.op, offset: p.offset, length: p.length, latencyUs: p.latencyUs };
    }
    if (head > 1024 && head * 2 > waiting.length) {
      waiting.splice(0, head); // keep the array bounded by the requests still waiting
      head = 0;
    }
  };
  for (const line of readLines(path)) {
    lineNo++;
    const entry = parseNbdkitLogLine(line);
    if (entry === undefined) continue;
    if (typeof entry === "string") throw new InputError(path, `line ${lineNo}`, `expected ${entry}`);
    const key = `${entry.connection} ${entry.id}`;
    const pending = outstanding.get(key);
    if (!entry.isReturn) {
      if (pending) throw missingReturn(path, pending, `connection=${entry.connection} id=${entry.id} is called again at line ${lineNo} first`);
      if (entry.timeUs < latestCallUs - NBDKIT_LOG_REORDER_US) {
        throw new InputError(path, `line ${lineNo}`, `expected calls within ${NBDKIT_LOG_REORDER_US / 1e6} s of time order (this one is stamped ${((latestCallUs - entry.timeUs) / 1e6).toFixed(6)} s before one already read)`);
      }
      latestCallUs = Math.max(latestCallUs, entry.timeUs);
      const call: Pending = { callUs: entry.timeUs, op: entry.op, offset: entry.offset, length: entry.length, latencyUs: 0, action: entry.action, id: entry.id, line: lineNo, done: false };
      outstanding.set(key, call);
      let at = waiting.length;
      while (at > head && waiting[at - 1].callUs > call.callUs) at--;
      waiting.splice(at, 0, call);
      yield* ready(latestCallUs - NBDKIT_LOG_REORDER_US);
      continue;
    }
    // A return without its call has no issue time; nbdkit starts a log afresh, so only a log
    // whose head was cut off has one: skipped, as blkparse's reader skips such completions.
    if (!pending) continue;
    if (pending.action !== entry.action) {
      throw new InputError(path, `line ${lineNo}`, `expected ...${pending.action} id=${entry.id}, the return of the ${pending.action} called at line ${pending.line}`);
    }
    const latencyUs = entry.timeUs - pending.callUs;
    if (latencyUs < 0) throw new InputError(path, `line ${lineNo}`, `expected a return timestamp at or after its call's (line ${pending.line}; did the clock go back?)`);
    outstanding.delete(key);
    pending.latencyUs = latencyUs;
    pending.done = true;
    yield* ready(latestCallUs - NBDKIT_LOG_REORDER_US);
  }
  const open = waiting.slice(head).find((p) => !p.done);
  if (open) throw missingReturn(path, open, "the log ends first: was it cut short?");
  yield* ready(Infinity);
}

/** The InputError for a call whose return never came, at the call's line. */
function missingReturn(path: string, call: Pending, why: string): InputError {
  return new InputError(path, `line ${call.line}`, `expected a return line "...${call.action} id=${call.id}" for this call (${why})`);
}
