/**
 * cachesim at scale, whole processes as a user runs them: synthetic oracleGeneral traces are
 * generated in a temporary folder; each measurement is one `node bin/rtolab.js cachesim` child
 * under `/usr/bin/time` (wall seconds and peak RSS of the process tree, ru_maxrss).
 *
 * - memory: peak RSS of an LRU run on the 10 M and on the 100 M-request trace (target: within
 *   10% of each other), and Belady's bytes per request beyond the cache: (peak RSS of Belady
 *   with next accesses computed by the backward pass − peak RSS of LRU at the same size) /
 *   requests (target ≤ 8).
 * - speed: with `LIBCACHESIM_BIN` set to libCacheSim's `cachesim`, each policy (LRU, FIFO,
 *   CLOCK, ARC, S3-FIFO, Belady) runs in both tools on the same 10 M-request file, alternating,
 *   `CACHESIM_BENCH_REPS` times (default 3); the ratio is rtolab's median wall time over the
 *   peer's. Without the variable only rtolab's times are reported.
 * - threads: LRU and ARC at 50,000 and 100,000 objects (4 pairs) in one run, rtolab with
 *   `--workers 1` and `--workers 2` (each worker reads the trace once and replays its pairs),
 *   and the peer (its default of 2 threads); median wall times, and rtolab 2 workers / peer.
 *
 * Sizes: `CACHESIM_BENCH_REQUESTS` (default 10,000,000) and `CACHESIM_BENCH_LARGE` (default
 * 100,000,000). The traces: 1,000,000 objects, 80% of requests to a hot 10% (xorshift32 with a
 * fixed seed), 4 KiB objects, cache 100,000 objects (`--unit objects`, the peer with
 * `--ignore-obj-size 1`); the next-access field is computed with rtolab's own backward pass.
 *
 * @example
 * LIBCACHESIM_BIN=/path/to/cachesim npm run bench -- cachesim
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AccessChunk } from "../src/policies/cache/cachesim/access-chunks.ts";
import { withFuture } from "../src/policies/cache/cachesim/future.ts";

const CLI = fileURLToPath(new URL("../bin/rtolab.js", import.meta.url));
const OBJECTS = 1_000_000;
const HOT = 100_000;
const CACHE_OBJECTS = 100_000;
/** rtolab policy name → libCacheSim's. */
const POLICIES: Record<string, string> = { lru: "lru", fifo: "fifo", clock: "clock", arc: "arc", s3fifo: "s3fifo", belady: "belady" };

/** One child process measured. */
export interface ChildRun {
  wallSeconds: number;
  /** User + system CPU seconds (steadier than wall time on a shared machine). */
  cpuSeconds: number;
  peakRssMiB: number;
  missRatio: number;
}

/** What {@link runCachesimBench} reports. */
export interface CachesimBenchResult {
  machine: string;
  date: string;
  requests: number;
  largeRequests: number;
  objects: number;
  cacheObjects: number;
  generateSeconds: { requests: number; large: number };
  memory: {
    lruPeakRssMiB: number;
    lruLargePeakRssMiB: number;
    /** large / small − 1. Target: |x| ≤ 0.10. */
    lruRssGrowth: number;
    lruWithinTenPercent: boolean;
    beladyComputedPeakRssMiB: number;
    beladyTracePeakRssMiB: number;
    /** (Belady computed − LRU) / requests. Target ≤ 8. */
    beladyBytesPerRequest: number;
  };
  /** Per policy: rtolab's runs (median wall), the peer's, and the ratio rtolab / peer. */
  speed: Record<
    string,
    { rtolabSeconds: number; rtolabCpuSeconds: number; rtolabMissRatio: number; peerSeconds?: number; peerCpuSeconds?: number; peerMissRatio?: number; ratio?: number; cpuRatio?: number }
  >;
  /** 4 (policy, size) pairs in one run: wall seconds with 1 and 2 worker threads (and the peer's). */
  threads: { pairs: string; oneWorkerSeconds: number; twoWorkersSeconds: number; speedup: number; peerSeconds?: number; ratio?: number };
  peer: string | null;
  reps: number;
}

/** xorshift32 (bench-only: the traces are inputs, not simulation). */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

/** Object keys of the synthetic workload, in chunks (no future yet). */
function* syntheticChunks(requests: number, seed: number): Generator<AccessChunk> {
  const size = 1 << 16;
  const chunk: AccessChunk = { keys: new Float64Array(size), bytes: new Float64Array(size).fill(4096), next: new Float64Array(size).fill(Infinity), length: 0, futureKnown: false };
  const next = xorshift(seed);
  for (let done = 0; done < requests; ) {
    const n = Math.min(size, requests - done);
    for (let i = 0; i < n; i++) {
      const r = next();
      const object = r % 10 < 8 ? next() % HOT : next() % OBJECTS;
      // Spread ids over 40 bits, as real object ids are (exact: < 2^20 × 2^32).
      chunk.keys[i] = (object * 2654435761) % 2 ** 40;
    }
    chunk.length = n;
    done += n;
    yield chunk;
  }
}

/**
 * Writes an oracleGeneral file of `requests` synthetic requests; with `withNext` the next-access
 * field is filled by rtolab's backward pass (else −1). Streams: memory independent of `requests`.
 */
export function writeSyntheticOracleGeneral(path: string, requests: number, withNext: boolean, seed = 20261206): void {
  const fd = openSync(path, "w");
  const buffer = Buffer.alloc(24 * (1 << 16));
  let index = 0;
  try {
    const source = withNext ? withFuture(syntheticChunks(requests, seed)) : syntheticChunks(requests, seed);
    for (const chunk of source) {
      for (let i = 0; i < chunk.length; i++, index++) {
        const at = 24 * i;
        const key = chunk.keys[i];
        buffer.writeUInt32LE(Math.floor(index / 1000), at);
        buffer.writeUInt32LE(key % 4294967296, at + 4);
        buffer.writeUInt32LE(Math.floor(key / 4294967296), at + 8);
        buffer.writeUInt32LE(chunk.bytes[i], at + 12);
        const next = withNext && chunk.next[i] !== Infinity ? chunk.next[i] + 1 : -1;
        buffer.writeBigInt64LE(BigInt(next), at + 16);
      }
      writeSync(fd, buffer, 0, 24 * chunk.length);
    }
  } finally {
    closeSync(fd);
  }
}

/** Runs `command args` under /usr/bin/time; returns wall seconds, peak RSS and stdout. */
function timed(command: string, args: string[], cwd: string): { wallSeconds: number; cpuSeconds: number; peakRssMiB: number; stdout: string } {
  const result = spawnSync("/usr/bin/time", ["-f", "TIME %e %M %U %S", command, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  const line = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(result.stderr);
  if (result.status !== 0 || line === null) throw new Error(`bench: ${command} ${args.join(" ")} failed (${result.status}): ${result.stderr.slice(-400)}`);
  return { wallSeconds: Number(line[1]), cpuSeconds: Number(line[3]) + Number(line[4]), peakRssMiB: Number(line[2]) / 1024, stdout: result.stdout };
}

/** One `rtolab cachesim` child. */
function rtolab(trace: string, policy: string, cwd: string, extra: string[] = [], size = String(CACHE_OBJECTS)): ChildRun {
  const run = timed(process.execPath, [CLI, "cachesim", "--trace", trace, "--policy", policy, "--size", size, "--unit", "objects", "--no-chart", "--json", ...extra], cwd);
  const rows = JSON.parse(run.stdout) as { missRatio: number }[];
  return { wallSeconds: run.wallSeconds, cpuSeconds: run.cpuSeconds, peakRssMiB: run.peakRssMiB, missRatio: rows[0].missRatio };
}

/** One libCacheSim child (it writes a result file into `cwd`). */
function peer(bin: string, trace: string, policy: string, cwd: string, size = String(CACHE_OBJECTS)): ChildRun {
  const run = timed(bin, [trace, "oracleGeneral", policy.split(",").map((p) => POLICIES[p]).join(","), size, "--ignore-obj-size", "1"], cwd);
  const ratio = /miss ratio ([\d.]+)/.exec(run.stdout);
  if (ratio === null) throw new Error(`bench: no miss ratio in libCacheSim's output: ${run.stdout.slice(-300)}`);
  return { wallSeconds: run.wallSeconds, cpuSeconds: run.cpuSeconds, peakRssMiB: run.peakRssMiB, missRatio: Number(ratio[1]) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

function seconds(body: () => void): number {
  const start = process.hrtime.bigint();
  body();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * The cachesim scale bench (see the file's comment).
 *
 * @example
 * const result = runCachesimBench(); result.memory.lruWithinTenPercent; // => true
 */
export function runCachesimBench(): CachesimBenchResult {
  const requests = Number(process.env.CACHESIM_BENCH_REQUESTS ?? 10_000_000);
  const large = Number(process.env.CACHESIM_BENCH_LARGE ?? 100_000_000);
  const reps = Number(process.env.CACHESIM_BENCH_REPS ?? 3);
  const bin = process.env.LIBCACHESIM_BIN || null;
  const dir = mkdtempSync(join(tmpdir(), "rtolab-cachesim-bench-"));
  try {
    const small = join(dir, "synthetic-small.oracleGeneral.bin");
    const big = join(dir, "synthetic-large.oracleGeneral.bin");
    const generateSmall = seconds(() => writeSyntheticOracleGeneral(small, requests, true));
    const generateLarge = seconds(() => writeSyntheticOracleGeneral(big, large, false));
    const lru = rtolab(small, "lru", dir);
    const lruLarge = rtolab(big, "lru", dir);
    rmSync(big);
    const beladyComputed = rtolab(small, "belady", dir, ["--future", "compute"]);
    const beladyTrace = rtolab(small, "belady", dir);
    const speed: CachesimBenchResult["speed"] = {};
    for (const policy of Object.keys(POLICIES)) {
      const ours: ChildRun[] = [];
      const theirs: ChildRun[] = [];
      for (let r = 0; r < reps; r++) {
        ours.push(rtolab(small, policy, dir));
        if (bin !== null) theirs.push(peer(bin, small, policy, dir));
      }
      const rtolabSeconds = median(ours.map((run) => run.wallSeconds));
      const rtolabCpuSeconds = median(ours.map((run) => run.cpuSeconds));
      speed[policy] = { rtolabSeconds, rtolabCpuSeconds, rtolabMissRatio: ours[0].missRatio };
      if (bin !== null) {
        const peerSeconds = median(theirs.map((run) => run.wallSeconds));
        const peerCpuSeconds = median(theirs.map((run) => run.cpuSeconds));
        Object.assign(speed[policy], { peerSeconds, peerCpuSeconds, peerMissRatio: theirs[0].missRatio, ratio: rtolabSeconds / peerSeconds, cpuRatio: rtolabCpuSeconds / peerCpuSeconds });
      }
    }
    const pairs = { policy: "lru,arc", size: "50000,100000" };
    const one: number[] = [];
    const two: number[] = [];
    const peerThreads: number[] = [];
    for (let r = 0; r < reps; r++) {
      one.push(rtolab(small, pairs.policy, dir, ["--workers", "1"], pairs.size).wallSeconds);
      two.push(rtolab(small, pairs.policy, dir, ["--workers", "2"], pairs.size).wallSeconds);
      if (bin !== null) peerThreads.push(peer(bin, small, pairs.policy, dir, pairs.size).wallSeconds);
    }
    const threads: CachesimBenchResult["threads"] = { pairs: `${pairs.policy} × ${pairs.size} objects`, oneWorkerSeconds: median(one), twoWorkersSeconds: median(two), speedup: median(one) / median(two) };
    if (bin !== null) Object.assign(threads, { peerSeconds: median(peerThreads), ratio: median(two) / median(peerThreads) });
    const growth = lruLarge.peakRssMiB / lru.peakRssMiB - 1;
    return {
      machine: `${cpus()[0]?.model ?? "?"}, ${availableParallelism()} cores, ${process.platform} ${process.arch}, node ${process.version}`,
      date: new Date().toISOString(),
      requests,
      largeRequests: large,
      objects: OBJECTS,
      cacheObjects: CACHE_OBJECTS,
      generateSeconds: { requests: generateSmall, large: generateLarge },
      memory: {
        lruPeakRssMiB: lru.peakRssMiB,
        lruLargePeakRssMiB: lruLarge.peakRssMiB,
        lruRssGrowth: growth,
        lruWithinTenPercent: Math.abs(growth) <= 0.1,
        beladyComputedPeakRssMiB: beladyComputed.peakRssMiB,
        beladyTracePeakRssMiB: beladyTrace.peakRssMiB,
        beladyBytesPerRequest: ((beladyComputed.peakRssMiB - lru.peakRssMiB) * 2 ** 20) / requests,
      },
      speed,
      threads,
      peer: bin,
      reps,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
