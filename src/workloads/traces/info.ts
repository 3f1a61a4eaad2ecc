import { BlockSet } from "./block-set.ts";
import { formatBytes } from "../../util/units.ts";
import type { TraceRequest } from "./types.ts";

/** Options of {@link traceInfo}. */
export interface TraceInfoOptions {
  /** Block size for distinct-block counts, bytes. Default 4096. */
  blockSize?: number;
  /** Width of an offset-histogram bucket, bytes. Default 256 MiB. */
  offsetBucketBytes?: number;
}

/** One bucket of a histogram: requests whose value is in `[from, to)`. */
export interface HistogramBucket {
  from: number;
  to: number;
  count: number;
}

/** Summary of a trace, computed in one pass by {@link traceInfo}. */
export interface TraceInfo {
  requests: number;
  reads: number;
  writes: number;
  flushes: number;
  bytesRead: number;
  bytesWritten: number;
  /** Distinct blocks of `blockSize` touched by reads (a request covers floor(offset/bs) … ceil(end/bs)). */
  distinctBlocksRead: number;
  distinctBlocksWritten: number;
  blockSize: number;
  /** Issue time of the last request minus that of the first, µs. */
  durationUs: number;
  /** Last completion (issue + latency) minus first issue, µs; equals durationUs without latencies. */
  spanUs: number;
  /** Reads (writes) starting exactly where the previous read (write) ended, as a share of reads (writes). */
  sequentialReadShare: number;
  sequentialWriteShare: number;
  /** Highest byte touched + 1. */
  maxByte: number;
  /** Median request size of reads and writes, bytes (lower bound of the power-of-two bucket holding the median). */
  medianSizeBytes: number;
  /** Latency of requests that have one: count, mean, max, µs. */
  latency: { count: number; meanUs: number; maxUs: number };
  /** Reads and writes by size, buckets [2^k, 2^(k+1)) bytes. */
  sizeHistogram: HistogramBucket[];
  /** Reads and writes by start offset, buckets of `offsetBucketBytes`. */
  offsetHistogram: HistogramBucket[];
}

/**
 * Statistics of a trace in one streaming pass. Memory: one Set entry per distinct block read or
 * written (about 50–80 bytes each in V8: ~2 MB for the 27k blocks of a Linux boot, ~1 GB for a
 * 16M-block, 64 GiB working set), plus the histograms.
 *
 * @example
 * traceInfo([{ timeUs: 0, op: "R", offset: 0, length: 8192 }, { timeUs: 10, op: "R", offset: 8192, length: 4096 }]).distinctBlocksRead
 * // => 3
 */
export function traceInfo(requests: Iterable<TraceRequest>, options: TraceInfoOptions = {}): TraceInfo {
  const blockSize = options.blockSize ?? 4096;
  const offsetBucketBytes = options.offsetBucketBytes ?? 256 * 2 ** 20;
  const blocksRead = new BlockSet();
  const blocksWritten = new BlockSet();
  const sizeCounts = new Map<number, number>();
  const offsetCounts = new Map<number, number>();
  let [reads, writes, flushes, bytesRead, bytesWritten, seqReads, seqWrites] = [0, 0, 0, 0, 0, 0, 0];
  let [firstUs, lastUs, endUs, maxByte, nextRead, nextWrite] = [Number.NaN, 0, 0, 0, -1, -1];
  let [latencyCount, latencySum, latencyMax] = [0, 0, 0];
  for (const r of requests) {
    if (Number.isNaN(firstUs)) firstUs = r.timeUs;
    lastUs = r.timeUs;
    endUs = Math.max(endUs, r.timeUs + (r.latencyUs ?? 0));
    if (r.latencyUs !== undefined) {
      latencyCount++;
      latencySum += r.latencyUs;
      latencyMax = Math.max(latencyMax, r.latencyUs);
    }
    if (r.op === "F") {
      flushes++;
      continue;
    }
    const end = r.offset + r.length;
    maxByte = Math.max(maxByte, end);
    const sizeBucket = r.length > 0 ? Math.floor(Math.log2(r.length)) : -1;
    sizeCounts.set(sizeBucket, (sizeCounts.get(sizeBucket) ?? 0) + 1);
    const offsetBucket = Math.floor(r.offset / offsetBucketBytes);
    offsetCounts.set(offsetBucket, (offsetCounts.get(offsetBucket) ?? 0) + 1);
    const blocks = r.op === "R" ? blocksRead : blocksWritten;
    for (let b = Math.floor(r.offset / blockSize), last = Math.ceil(end / blockSize); b < last; b++) blocks.add(b);
    if (r.op === "R") {
      reads++;
      bytesRead += r.length;
      if (r.offset === nextRead) seqReads++;
      nextRead = end;
    } else {
      writes++;
      bytesWritten += r.length;
      if (r.offset === nextWrite) seqWrites++;
      nextWrite = end;
    }
  }
  const sizeHistogram = [...sizeCounts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, count]) => (k < 0 ? { from: 0, to: 1, count } : { from: 2 ** k, to: 2 ** (k + 1), count }));
  const offsetHistogram = [...offsetCounts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, count]) => ({ from: k * offsetBucketBytes, to: (k + 1) * offsetBucketBytes, count }));
  const requestsTotal = reads + writes + flushes;
  return {
    requests: requestsTotal,
    reads,
    writes,
    flushes,
    bytesRead,
    bytesWritten,
    distinctBlocksRead: blocksRead.size,
    distinctBlocksWritten: blocksWritten.size,
    blockSize,
    durationUs: requestsTotal > 0 ? lastUs - firstUs : 0,
    spanUs: requestsTotal > 0 ? endUs - firstUs : 0,
    sequentialReadShare: reads > 0 ? seqReads / reads : 0,
    sequentialWriteShare: writes > 0 ? seqWrites / writes : 0,
    maxByte,
    medianSizeBytes: histogramMedian(sizeHistogram),
    latency: { count: latencyCount, meanUs: latencyCount > 0 ? latencySum / latencyCount : 0, maxUs: latencyMax },
    sizeHistogram,
    offsetHistogram,
  };
}

/**
 * Lower bound of the bucket holding the median of a histogram (0 when empty).
 *
 * @example
 * histogramMedian([{ from: 512, to: 1024, count: 1 }, { from: 4096, to: 8192, count: 2 }]) // => 4096
 */
export function histogramMedian(histogram: readonly HistogramBucket[]): number {
  const total = histogram.reduce((sum, b) => sum + b.count, 0);
  let seen = 0;
  for (const bucket of histogram) {
    seen += bucket.count;
    if (seen * 2 > total) return bucket.from;
  }
  return 0;
}

const MIB = 2 ** 20;

/**
 * Formats a {@link TraceInfo} as a readable text block (what `rtolab trace info FILE` prints).
 *
 * @example
 * formatTraceInfo(traceInfo(openTrace("traces/boot0.csv", "csv"))).split("\n")[0]
 * // => "requests      1727 (1437 reads, 251 writes, 39 flushes)"
 */
export function formatTraceInfo(info: TraceInfo): string {
  const blockKiB = `${info.blockSize / 1024} KiB`;
  const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
  const lines = [
    `requests      ${info.requests} (${info.reads} reads, ${info.writes} writes, ${info.flushes} flushes)`,
    `duration      ${(info.durationUs / 1e6).toFixed(3)} s of issues, ${(info.spanUs / 1e6).toFixed(3)} s to the last completion`,
    `read          ${(info.bytesRead / MIB).toFixed(1)} MiB, ${info.distinctBlocksRead} distinct ${blockKiB} blocks (${((info.distinctBlocksRead * info.blockSize) / MIB).toFixed(1)} MiB)`,
    `written       ${(info.bytesWritten / MIB).toFixed(1)} MiB, ${info.distinctBlocksWritten} distinct ${blockKiB} blocks`,
    `sequential    ${pct(info.sequentialReadShare)} of reads, ${pct(info.sequentialWriteShare)} of writes start where the previous one ended`,
    `disk span     ${(info.maxByte / MIB).toFixed(1)} MiB (highest byte touched)`,
    `latency       ${info.latency.count > 0 ? `mean ${info.latency.meanUs.toFixed(1)} µs, max ${info.latency.maxUs} µs` : "not recorded"}`,
    `median size   ${formatBytes(info.medianSizeBytes)} or more`,
    "request size  count",
    ...info.sizeHistogram.map((b) => `  ${`${formatBytes(b.from)}–${formatBytes(b.to)}`.padEnd(18)} ${b.count}`),
    "offset        count",
    ...info.offsetHistogram.map((b) => `  ${`${formatBytes(b.from)}–${formatBytes(b.to)}`.padEnd(18)} ${b.count}`),
  ];
  return lines.join("\n");
}
