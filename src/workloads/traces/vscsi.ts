import { InputError } from "../../util/errors.ts";
import { readHead, readU64, recordChunks } from "./binary-records.ts";
import type { BlockOp, TraceRequest } from "./types.ts";

/** Bytes per vscsiStats record, by version. */
export const VSCSI_RECORD_BYTES = { 1: 32, 2: 40 } as const;

/** SCSI command → operation. READ/WRITE(6/10/12/16) map to R/W; SYNCHRONIZE CACHE(10/16) to F. */
const OPS = new Map<number, BlockOp>([
  [0x08, "R"], [0x28, "R"], [0xa8, "R"], [0x88, "R"],
  [0x0a, "W"], [0x2a, "W"], [0xaa, "W"], [0x8a, "W"],
  [0x35, "F"], [0x91, "F"],
]);

/**
 * Detects the vscsiStats version from the first record: v1 keeps its u16 version (0x01xx) at
 * byte 14, v2 (0x02xx) at byte 2. Throws an InputError on anything else.
 *
 * @example
 * import { readFileSync } from "node:fs";
 * vscsiVersion(readFileSync("traces/cloudPhysicsIO.vscsi").subarray(0, 64), "t.vscsi"); // => 1
 */
export function vscsiVersion(first: Buffer, path: string): 1 | 2 {
  if (first.length >= 16 && first.readUInt16LE(14) >> 8 === 1) return 1;
  if (first.length >= 4 && first.readUInt16LE(2) >> 8 === 2) return 2;
  throw new InputError(path, "record 1", "a vscsi version field 0x01xx (v1, bytes 14-15) or 0x02xx (v2, bytes 2-3)");
}

/**
 * Streams a VMware vscsiStats trace (libCacheSim `vscsi`, v1 32-byte or v2 40-byte records,
 * version detected from the first record) as {@link TraceRequest}s: offset = LBN × 512 bytes,
 * length = bytes, timeUs rebased so the first request is at 0, latencyUs = response time (v2
 * only). Throws an InputError naming the 1-based record on a partial record (the last one of a
 * cut file included: it is not skipped), a version field other than 0x01xx/0x02xx in record 1, a
 * record whose version differs from the first, a SCSI command other than READ/WRITE/SYNCHRONIZE
 * CACHE, or an LBN at or beyond 2^44. A zero-length file is an empty trace: no requests, no error.
 *
 * @example
 * readVscsi("traces/cloudPhysicsIO.vscsi").next().value;
 * // => { timeUs: 0, op: "W", offset: 21981565440, length: 512 }
 */
export function* readVscsi(path: string): Generator<TraceRequest> {
  let t0 = -1;
  const head = readHead(path, 16);
  if (head.length === 0) return;
  const version = vscsiVersion(head, path);
  const size = VSCSI_RECORD_BYTES[version];
  for (const { buffer, count, firstRecord } of recordChunks(path, size)) {
    for (let r = 0, at = 0; r < count; r++, at += size) {
      const record = firstRecord + r;
      const v1 = version === 1;
      const cmd = buffer.readUInt16LE(v1 ? at + 12 : at);
      const ver = buffer.readUInt16LE(v1 ? at + 14 : at + 2);
      if (ver >> 8 !== version) {
        throw new InputError(path, `record ${record}`, `vscsi version ${version} (field 0x0${version}xx) like record 1, found 0x${ver.toString(16)}`);
      }
      const op = OPS.get(cmd & 0xff);
      if (op === undefined) {
        throw new InputError(path, `record ${record}`, `a SCSI read, write or synchronize-cache command, found 0x${cmd.toString(16)}`);
      }
      const ts = readU64(buffer, at + 24, path, record, "timestamp");
      if (t0 < 0) t0 = ts;
      const lbn = readU64(buffer, at + 16, path, record, "LBN");
      if (lbn >= 2 ** 44) throw new InputError(path, `record ${record}`, "an LBN below 2^44 (byte offsets below 2^53)");
      const request: TraceRequest = {
        timeUs: ts - t0,
        op,
        offset: lbn * 512,
        length: buffer.readUInt32LE(v1 ? at + 4 : at + 8),
      };
      if (!v1) request.latencyUs = readU64(buffer, at + 32, path, record, "response time");
      yield request;
    }
  }
}
