/**
 * A window of a recorded trace placed on another disk: the requests issued in
 * `[fromUs, fromUs + durationUs)` (at most `requests` of them), their times, order, sizes, ops
 * and recorded latencies kept, then each offset mapped onto a disk of `diskBytes`. Used to replay
 * a production VM's I/O (the CloudPhysics trace) as the post-boot service phase of a restored VM
 * whose disk is smaller than the recorded one.
 *
 * Mappings, both on whole 512-byte sectors and never past the disk's end (a request that would
 * cross it is moved back to end there; one longer than the disk is cut to it):
 * - `modulo`: offset mod disk size. Keeps every request's position within its disk-sized
 *   stretch, so locality (sequential runs, reuse) is exactly the recorded one; areas of the
 *   recording a disk size apart land on the same bytes.
 * - `scale`: offset × disk size / `extentBytes` (the recorded disk's extent), rounded down to a
 *   sector. Keeps the layout's proportions (a region at 60 % of the recorded disk lands at 60 %),
 *   lengths as recorded, so neighbours a sector apart may merge.
 */
import type { TraceRequest } from "./types.ts";

/** How a recorded offset is placed on a smaller (or larger) disk; see the module comment. */
export type DiskMapping = "modulo" | "scale";

const SECTOR = 512;

/** Options of {@link traceWindow}; times in µs, every bound optional. */
export interface TraceWindowOptions {
  /** Trace time the window starts at, µs (default 0: the first request). */
  fromUs?: number;
  /** Window length, µs (default: to the trace's end). */
  durationUs?: number;
  /** At most this many requests (default all in the window). */
  requests?: number;
}

/**
 * The requests of a trace sorted by issue time that are issued at or after `fromUs` and before
 * `fromUs + durationUs`, at most `requests` of them, unchanged (times as in the trace: plans
 * rebase to their first request).
 *
 * @example
 * const trace = [0, 10, 20, 30].map((timeUs) => ({ timeUs, op: "R" as const, offset: 0, length: 512 }));
 * traceWindow(trace, { fromUs: 10, durationUs: 20 }).map((r) => r.timeUs) // => [10, 20]
 * traceWindow(trace, { requests: 3 }).length // => 3
 */
export function traceWindow(requests: readonly TraceRequest[], options: TraceWindowOptions = {}): TraceRequest[] {
  const from = options.fromUs ?? 0;
  const end = options.durationUs === undefined ? Number.POSITIVE_INFINITY : from + options.durationUs;
  const limit = options.requests ?? Number.POSITIVE_INFINITY;
  const out: TraceRequest[] = [];
  for (const r of requests) {
    if (r.timeUs >= end || out.length >= limit) break;
    if (r.timeUs >= from) out.push(r);
  }
  return out;
}

/**
 * The largest byte a trace touches (offset + length over its requests, flushes left out): the
 * recorded disk's extent, as {@link mapOntoDisk}'s `scale` mapping needs it.
 *
 * @example
 * traceExtent([{ timeUs: 0, op: "R", offset: 4096, length: 512 }, { timeUs: 1, op: "F", offset: 0, length: 0 }]) // => 4608
 */
export function traceExtent(requests: readonly TraceRequest[]): number {
  let extent = 0;
  for (const r of requests) if (r.op !== "F") extent = Math.max(extent, r.offset + r.length);
  return extent;
}

/**
 * `requests` with each offset mapped onto a disk of `diskBytes` by `mapping` (module comment);
 * `extentBytes` is the recorded disk's extent (for `scale`; default the requests' own). Flushes
 * and requests already on the disk under `modulo` are kept as they are. Throws a RangeError for
 * a disk smaller than one sector.
 *
 * @example
 * const trace = [{ timeUs: 0, op: "W" as const, offset: 21_981_565_440, length: 512 }, { timeUs: 7, op: "R" as const, offset: 4096, length: 8192 }];
 * mapOntoDisk(trace, 16 * 2 ** 30, "modulo").map((r) => r.offset) // => [4_801_696_256, 4096]
 * mapOntoDisk(trace, 16 * 2 ** 30, "scale", 32 * 2 ** 30).map((r) => r.offset) // => [10_990_782_464, 2048]
 * mapOntoDisk([{ timeUs: 0, op: "R", offset: 1536, length: 1024 }], 2048, "modulo")[0] // => { timeUs: 0, op: "R", offset: 1024, length: 1024 } // moved back to end at the disk's end
 */
export function mapOntoDisk(requests: readonly TraceRequest[], diskBytes: number, mapping: DiskMapping, extentBytes = traceExtent(requests)): TraceRequest[] {
  const disk = Math.floor(diskBytes / SECTOR) * SECTOR;
  if (!(disk >= SECTOR)) throw new RangeError(`mapOntoDisk: a disk of at least ${SECTOR} bytes, got ${diskBytes}`);
  const ratio = extentBytes > 0 ? disk / extentBytes : 1;
  return requests.map((r) => {
    if (r.op === "F") return r;
    const placed = mapping === "modulo" ? r.offset % disk : Math.floor((r.offset * ratio) / SECTOR) * SECTOR;
    const length = Math.min(r.length, disk);
    const offset = Math.min(placed, disk - length);
    return offset === r.offset && length === r.length ? r : { ...r, offset, length };
  });
}
