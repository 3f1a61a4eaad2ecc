import type { Rng } from "../../kernel/rng.ts";
import type { TraceRequest } from "../traces/types.ts";
import { BOOT_DEFAULTS, type SizeTable } from "./calibration.ts";
import { exponentialUs, sizeSampler } from "./sizes.ts";

/** Parameters of {@link bootWorkload}; every one defaults to {@link BOOT_DEFAULTS} (bytes, µs, shares in [0, 1]). */
export interface BootWorkloadOptions {
  requests?: number;
  /** Time of the first request, µs. Default 0. */
  startUs?: number;
  meanGapUs?: number;
  writeShare?: number;
  flushShare?: number;
  sequentialShare?: number;
  rereadShare?: number;
  workingSetBytes?: number;
  usedBytes?: number;
  diskBytes?: number;
  extentBytes?: number;
  journalOffset?: number;
  journalBytes?: number;
  journalShare?: number;
  readSizes?: SizeTable;
  writeSizes?: SizeTable;
}

const BLOCK = 4096;

/**
 * A synthetic VM boot: a working set of `workingSetBytes` in extents of `extentBytes`, spread
 * over the first `usedBytes` of the disk (one extent at a random place in each equal slot, so
 * they never overlap). Each request is a flush (`flushShare`), a write (`writeShare` of the
 * rest: a journal append with `journalShare`, else into the working set) or a read that
 * continues the previous read (`sequentialShare`), re-reads an earlier read (`rereadShare`) or
 * reads the next unread part of a random extent. Sizes come from the measured tables, gaps
 * between issues are exponential with mean `meanGapUs`. Deterministic for a given `rng` state;
 * memory grows with `requests` (earlier reads are kept for re-reads).
 *
 * @example
 * const boot = [...bootWorkload(new RngStreams(7).stream("boot"))];
 * boot.length // => 1480
 */
export function* bootWorkload(rng: Rng, options: BootWorkloadOptions = {}): Generator<TraceRequest> {
  const o = { ...BOOT_DEFAULTS, ...options };
  const drawRead = sizeSampler(o.readSizes);
  const drawWrite = sizeSampler(o.writeSizes);
  const extentBlocks = Math.max(1, Math.round(o.extentBytes / BLOCK));
  const extentCount = Math.max(1, Math.round(o.workingSetBytes / (extentBlocks * BLOCK)));
  const slotBlocks = Math.floor(o.usedBytes / BLOCK / extentCount);
  if (slotBlocks < extentBlocks) throw new RangeError("bootWorkload requires workingSetBytes <= usedBytes");
  const extentStart = new Float64Array(extentCount); // bytes
  const cursor = new Float64Array(extentCount); // bytes read from the extent's start
  for (let e = 0; e < extentCount; e++) {
    extentStart[e] = (e * slotBlocks + Math.floor(rng.double() * (slotBlocks - extentBlocks + 1))) * BLOCK;
  }
  const extentBytes = extentBlocks * BLOCK;
  const open = Array.from({ length: extentCount }, (_, e) => e); // extents with unread bytes
  const pastReads: Array<[number, number]> = [];
  let current = -1; // extent of the previous read
  let journal = 0;
  let t = o.startUs ?? 0;
  for (let i = 0; i < o.requests; i++) {
    if (i > 0) t += exponentialUs(rng, o.meanGapUs);
    const u = rng.double();
    if (u < o.flushShare) {
      yield { timeUs: t, op: "F", offset: 0, length: 0 };
      continue;
    }
    if (rng.double() < o.writeShare) {
      const length = drawWrite(rng);
      let offset: number;
      if (rng.double() < o.journalShare) {
        if (journal + length > o.journalBytes) journal = 0;
        offset = o.journalOffset + journal;
        journal += length;
      } else {
        const e = Math.floor(rng.double() * extentCount);
        offset = extentStart[e] + Math.floor(rng.double() * Math.max(1, (extentBytes - length) / BLOCK + 1)) * BLOCK;
      }
      yield { timeUs: t, op: "W", offset: Math.min(offset, o.diskBytes - length), length };
      continue;
    }
    const v = rng.double();
    const length = drawRead(rng);
    let read: [number, number];
    const reread = v >= o.sequentialShare && v < o.sequentialShare + o.rereadShare;
    if (v < o.sequentialShare && current >= 0 && cursor[current] < extentBytes) {
      read = take(current, length);
    } else if ((reread || open.length === 0) && pastReads.length > 0) {
      read = pastReads[Math.floor(rng.double() * pastReads.length)];
      current = -1;
    } else {
      current = open.length > 0 ? open[Math.floor(rng.double() * open.length)] : 0;
      read = take(current, length);
    }
    pastReads.push(read);
    yield { timeUs: t, op: "R", offset: read[0], length: read[1] };
  }

  /** The next `length` bytes of extent `e` (clipped at its end); advances its cursor. */
  function take(e: number, length: number): [number, number] {
    const clipped = Math.min(length, extentBytes - cursor[e]);
    const offset = extentStart[e] + cursor[e];
    cursor[e] += clipped;
    if (cursor[e] >= extentBytes) {
      // Swap-remove from the open list (order does not matter, draws are by position).
      const at = open.indexOf(e);
      if (at >= 0) {
        open[at] = open[open.length - 1];
        open.pop();
      }
    }
    return [offset, clipped];
  }
}
