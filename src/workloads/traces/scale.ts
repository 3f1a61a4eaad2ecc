/**
 * A boot trace scaled to a larger (or smaller) working set with its structure kept: every
 * request's offset and length are multiplied by `factor`, so the same requests, in the same
 * order, at the same issue times and with the same recorded latencies, read `factor` times the
 * bytes over `factor` times the extent (the layout stretched: neighbours stay neighbours, a
 * sequential run stays sequential). Used for VM types whose boots read several times a small
 * Linux guest's (a Windows Server boot) when only the Linux traces are at hand: the guest's
 * think times and dependencies (what the replay model infers from times) are the recorded ones,
 * its I/O is larger. Alignment keeps requests on `align`-byte sectors: each start is rounded
 * down and each end up, so a request never shrinks below `factor` × its length.
 */
import type { TraceRequest } from "./types.ts";

/**
 * `requests` with offsets and lengths scaled by `factor` (starts rounded down, ends rounded up
 * to `align` bytes; flushes unchanged); the input itself when `factor` is 1. Throws a RangeError
 * for a factor that is not positive and finite.
 *
 * @example
 * const trace = [{ timeUs: 0, op: "R" as const, offset: 4096, length: 4096, latencyUs: 80 }, { timeUs: 9, op: "F" as const, offset: 0, length: 0 }];
 * scaleTrace(trace, 3.5)
 * // => [{ timeUs: 0, op: "R", offset: 14336, length: 14336, latencyUs: 80 }, { timeUs: 9, op: "F", offset: 0, length: 0 }]
 * scaleTrace([{ timeUs: 0, op: "W", offset: 1000, length: 100 }], 2)
 * // => [{ timeUs: 0, op: "W", offset: 1536, length: 1024 }] // bytes 2000..2200 on whole 512-byte sectors: 1536..2560
 */
export function scaleTrace(requests: readonly TraceRequest[], factor: number, align = 512): readonly TraceRequest[] {
  if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError(`scaleTrace: a positive finite factor, got ${factor}`);
  if (factor === 1) return requests;
  return requests.map((r) => {
    if (r.op === "F") return r;
    const start = Math.floor((r.offset * factor) / align) * align;
    const end = Math.ceil(((r.offset + r.length) * factor) / align) * align;
    return { ...r, offset: start, length: Math.max(align, end - start) };
  });
}
