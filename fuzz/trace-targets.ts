/**
 * Fuzz targets for every trace reader: random bytes, mutated valid files and truncated files,
 * each read to the end through `openTrace` (and format detection), as the CLI reads them.
 */
import { closeSync, mkdtempSync, openSync, readSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { detectTraceFormat, openTrace, TRACE_FORMATS } from "../src/workloads/traces/open.ts";
import type { TraceFormat } from "../src/workloads/traces/types.ts";
import { checkOutcome, mutatedBytes, type FuzzTarget, type Outcome } from "./check.ts";

const repo = fileURLToPath(new URL("..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "rtolab-fuzz-traces-"));

/** The first `bytes` bytes of a shipped trace. */
function head(name: string, bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync(join(repo, "traces", name), "r");
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** A vscsi v2 record (40 bytes): cmd, version 0x0200, length, LBN, timestamp, response time. */
function vscsiV2Record(cmd: number, length: number, lbn: number, ts: number, rt: number): Buffer {
  const record = Buffer.alloc(40);
  record.writeUInt16LE(cmd, 0);
  record.writeUInt16LE(0x0200, 2);
  record.writeUInt32LE(length, 8);
  record.writeBigUInt64LE(BigInt(lbn), 16);
  record.writeBigUInt64LE(BigInt(ts), 24);
  record.writeBigUInt64LE(BigInt(rt), 32);
  return record;
}

const BLKPARSE_SAMPLE = [
  "259,0    0        1     0.000000000  1201  Q  RM 524288 + 32 [systemd]",
  "259,0    0        2     0.000004100  1201  D  RM 524288 + 32 [systemd]",
  "259,0    1        3     0.000020000  1202  D   W 1048576 + 8 [kworker/1:2]",
  "259,0    0        4     0.000150250     0  C  RM 524288 + 32 [0]",
  "259,0    1        5     0.000300000  1202  D FWFS [kworker/1:2]",
  "259,0    1        6     0.000420000     0  C   W 1048576 + 8 [0]",
  "259,0    1        7     0.001100000     0  C FWFS 0 [0]",
  "259,0    0        8     0.002000000  1300  D  DS 4096 + 1024 [fstrim]",
  "259,0    0        9     0.003000000  1201  D  RA 65536 + 128 [systemd]",
  "CPU1 (259,0):",
  " Writes Queued:           1,        4KiB  Write Dispatches:        2,        4KiB",
  "",
].join("\n");

const MSR_SAMPLE = [
  "Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime",
  "128166372003061629,hm,0,Read,4096,512,615",
  "128166372003061729,hm,0,Write,0,4096,20",
  "128166372003062729,hm,0,read,8192,65536,1500",
  "",
].join("\r\n");

/** nbdkit's log filter (nbdkit 1.32): interleaved returns, a Zero, a skipped Trim and Extents, a failed read. */
const NBDKIT_LOG_SAMPLE = [
  "2026-12-07 14:26:49.244042 Ready thread_model=3",
  "2026-12-07 14:26:49.292918 Preconnect id=1 readonly=0 ...",
  "2026-12-07 14:26:49.292948 ...Preconnect id=1 return=0",
  "2026-12-07 14:26:49.293671 connection=1 Connect export=\"\" tls=0 size=0x100000 minsize=0x0 prefsize=0x0 maxsize=0x0 write=1 flush=1",
  "2026-12-07 14:26:49.301461 connection=1 Write id=4 offset=0x20000 count=0x10000 fua=0 ...",
  "2026-12-07 14:26:49.301505 connection=1 Read id=5 offset=0x0 count=0x1000 ...",
  "2026-12-07 14:26:49.303624 connection=1 ...Read id=5 return=0",
  "2026-12-07 14:26:49.304144 connection=1 ...Write id=4 return=0",
  "2026-12-07 14:26:49.304595 connection=1 Zero id=7 offset=0x30000 count=0x10000 trim=0 fua=0 fast=0 ...",
  "2026-12-07 14:26:49.307869 connection=1 ...Zero id=7 return=0",
  "2026-12-07 14:26:49.308164 connection=1 Trim id=8 offset=0x40000 count=0x10000 fua=0 ...",
  "2026-12-07 14:26:49.310311 connection=1 ...Trim id=8 return=0",
  "2026-12-07 14:26:49.310480 connection=1 Extents id=9 offset=0x0 count=0x100000 req_one=1 ...",
  "2026-12-07 14:26:49.310545 connection=1 ...Extents id=9 extents=(0x0 0x1000 \"hole,zero\") return=0",
  "2026-12-07 14:26:55.381388 connection=1 Read id=10 offset=0x0 count=0x1000 ...",
  "2026-12-07 14:26:55.381572 connection=1 ...Read id=10 return=-1 error=EIO",
  "2026-12-07 14:26:55.382071 connection=1 Flush id=11 ...",
  "2026-12-07 14:26:55.382079 connection=1 ...Flush id=11 return=0",
  "2026-12-07 14:26:55.393198 connection=1 Disconnect transactions=11",
  "",
].join("\n");

/** A short valid file per format: the seeds that mutation starts from. */
export const TRACE_SAMPLES: Record<TraceFormat, Buffer> = {
  csv: Buffer.from(head("boot1.csv", 1200).toString("latin1").replace(/\n[^\n]*$/, "\n"), "latin1"),
  blkparse: Buffer.from(BLKPARSE_SAMPLE),
  msr: Buffer.from(MSR_SAMPLE),
  vscsi: head("cloudPhysicsIO.vscsi", 32 * 24),
  oracleGeneral: head("cloudPhysicsIO.oracleGeneral.bin", 24 * 24),
  nbdkitLog: Buffer.from(NBDKIT_LOG_SAMPLE),
};

const VSCSI_V2_SAMPLE = Buffer.concat([vscsiV2Record(0x28, 4096, 8, 1000, 50), vscsiV2Record(0x2a, 512, 0, 1200, 70), vscsiV2Record(0x35, 0, 0, 1300, 5)]);

const EXTENSIONS: Record<TraceFormat, string> = { csv: ".csv", blkparse: ".txt", msr: ".csv", vscsi: ".vscsi", oracleGeneral: ".oracleGeneral.bin", nbdkitLog: ".log" };

let fileCounter = 0;

/**
 * Writes `bytes` as a trace file and reads it to the end in `format`, and (for text formats)
 * through format detection too; checks the fuzz property. Stops after a million requests.
 *
 * @example
 * readTraceBytes("csv", Buffer.from("t_us,op,offset,length\n0,R,0,512\n")) // => { loaded: true }
 */
export function readTraceBytes(format: TraceFormat, bytes: Uint8Array): Outcome {
  const path = join(scratch, `case-${fileCounter++ % 64}${EXTENSIONS[format]}`);
  writeFileSync(path, bytes);
  const outcome = checkOutcome([path], () => {
    let n = 0;
    for (const request of openTrace(path, format)) {
      // Never lie: a request the reader yields has finite numbers.
      const { timeUs, offset, length, latencyUs } = request;
      if (![timeUs, latencyUs ?? 0].every(Number.isFinite) || ![offset, length].every(Number.isSafeInteger)) {
        throw new Error(`a non-finite or inexact field in ${JSON.stringify(request)}`);
      }
      if (++n >= 1_000_000) break;
    }
  });
  checkOutcome([path], () => {
    const detected = detectTraceFormat(path);
    if (!TRACE_FORMATS.includes(detected)) throw new Error(`detected ${detected}`);
  });
  return outcome;
}

/** Text lines built from the pieces of real records, so random text gets past the first check. */
function textLines(format: TraceFormat): fc.Arbitrary<Buffer> {
  const sample = TRACE_SAMPLES[format].toString("latin1").split(/\r?\n/);
  const pieces = [...new Set(sample.flatMap((line) => line.split(/([,\s+])/)))];
  const digits = fc.stringMatching(/^[0-9]{15,400}$/);
  const token = fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 }), fc.integer().map(String), fc.double().map(String), digits);
  const line = fc.oneof(fc.constantFrom(...sample), fc.array(token, { maxLength: 12 }).map((parts) => parts.join("")));
  return fc.tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom("\n", "\r\n")).map(([lines, eol]) => Buffer.from(lines.join(eol), "utf8"));
}

/** The fuzz targets of one trace format: random bytes, random lines or records, mutants, truncations. */
export function traceTargets(format: TraceFormat): FuzzTarget<Buffer>[] {
  const sample = TRACE_SAMPLES[format];
  const binary = format === "vscsi" || format === "oracleGeneral";
  const recordBytes = format === "vscsi" ? 32 : 24;
  const structured = binary
    ? fc.array(fc.uint8Array({ minLength: recordBytes, maxLength: recordBytes }), { maxLength: 20 }).map((records) => Buffer.concat(records))
    : textLines(format);
  const mutants = format === "vscsi" ? fc.oneof(mutatedBytes(sample), mutatedBytes(VSCSI_V2_SAMPLE)) : mutatedBytes(sample);
  const targets: [string, fc.Arbitrary<Buffer>][] = [
    ["random bytes", fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes))],
    [binary ? "random records" : "random lines", structured],
    ["mutated valid file", mutants],
    ["truncated valid file", fc.nat({ max: sample.length }).map((cut) => sample.subarray(0, cut))],
  ];
  return targets.map(([kind, arbitrary]) => ({ name: `${format}: ${kind}`, arbitrary, run: (bytes: Buffer) => readTraceBytes(format, bytes) }));
}
