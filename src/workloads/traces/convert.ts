import { closeSync, openSync, writeSync } from "node:fs";
import { RTOLAB_CSV_HEADER } from "./rtolab-csv.ts";
import type { TraceRequest } from "./types.ts";

/** Where {@link convertTrace} sends text: a file writer, `process.stdout`, an array collector. */
export interface TraceWriter {
  write(text: string): unknown;
}

/** Output formats of {@link convertTrace}. */
export type ConvertFormat = "csv" | "msr";

/** Options of {@link convertTrace}. */
export interface ConvertOptions {
  /** `csv` (rtolab, default) or `msr` (SNIA/MSR-Cambridge). */
  format?: ConvertFormat;
  /** MSR only: filetime (100 ns ticks) of the first request. Default 2008-01-01 00:00 UTC. */
  startTicks?: bigint;
  /** MSR only: hostname column. Default "rtolab". */
  hostname?: string;
  /** MSR only: disk-number column. Default 0. */
  diskNumber?: number;
}

/** What {@link convertTrace} wrote. */
export interface ConvertResult {
  written: number;
  /** Requests the output format cannot hold (flushes in MSR). */
  skipped: number;
}

/** 2008-01-01T00:00:00Z as a Windows filetime (100 ns ticks since 1601-01-01). */
export const MSR_DEFAULT_START_TICKS = 128434464000000000n;

const FLUSH_CHARS = 64 * 1024;

/**
 * Writes a trace as an rtolab CSV (`t_us,op,offset,length,latency_us`, header included, times
 * rebased to the first request, latency empty when unknown) or as an MSR-Cambridge CSV (no
 * header; times as filetime ticks from `startTicks`, latency in 100 ns ticks, flushes skipped).
 * Streams: text goes to `writer` in chunks of about 64 KiB.
 *
 * @example
 * const out: string[] = [];
 * convertTrace([{ timeUs: 5, op: "R", offset: 0, length: 4096, latencyUs: 12 }], { write: (t) => out.push(t) });
 * out.join("") // => "t_us,op,offset,length,latency_us\n0,R,0,4096,12\n"
 */
export function convertTrace(requests: Iterable<TraceRequest>, writer: TraceWriter, options: ConvertOptions = {}): ConvertResult {
  const msr = options.format === "msr";
  const start = options.startTicks ?? MSR_DEFAULT_START_TICKS;
  const host = options.hostname ?? "rtolab";
  const disk = options.diskNumber ?? 0;
  let text = msr ? "" : `${RTOLAB_CSV_HEADER}\n`;
  let firstUs = Number.NaN;
  let written = 0;
  let skipped = 0;
  for (const r of requests) {
    if (Number.isNaN(firstUs)) firstUs = r.timeUs;
    const t = r.timeUs - firstUs;
    if (!msr) {
      text += `${t},${r.op},${r.offset},${r.length},${r.latencyUs ?? ""}\n`;
    } else if (r.op === "F") {
      skipped++;
      continue;
    } else {
      const ticks = start + BigInt(Math.round(t * 10));
      const type = r.op === "R" ? "Read" : "Write";
      text += `${ticks},${host},${disk},${type},${r.offset},${r.length},${Math.round((r.latencyUs ?? 0) * 10)}\n`;
    }
    written++;
    if (text.length >= FLUSH_CHARS) {
      writer.write(text);
      text = "";
    }
  }
  if (text.length > 0) writer.write(text);
  return { written, skipped };
}

/**
 * A synchronous file writer for {@link convertTrace} (creates or truncates `path`); call
 * `close()` when done. Throws the `fs` error when the file cannot be opened or written.
 *
 * @example
 * const out = openTraceWriter(`${tmp}/boot1.msr.csv`);
 * convertTrace(openTrace("traces/boot1.csv", "csv"), out, { format: "msr" }); // => { written: 1728, skipped: 39 }
 * out.close();
 */
export function openTraceWriter(path: string): TraceWriter & { close(): void } {
  const fd = openSync(path, "w");
  return {
    write: (text: string) => writeSync(fd, text),
    close: () => closeSync(fd),
  };
}
