/**
 * Collectors of a restore run: demand read latency by phase and by source (log-bucketed
 * histograms, constant memory whatever the trace length), latency percentiles per time window,
 * and relocation progress over time.
 */
import { InputError } from "../util/errors.ts";

/** Where a demand read's data came from (the slowest part, when a read spans several). */
export type ReadSource = "cache" | "secondary" | "primary" | "writeArea";
/** The phases a demand read can fall in (a read may fall in several). */
export type RestorePhase = "beforeServiceReady" | "duringRelocation" | "afterSwitchOver" | "afterServiceReady";

/** Every read source, in the order metrics list them. */
export const READ_SOURCES: readonly ReadSource[] = ["cache", "secondary", "primary", "writeArea"];
/** Every phase, in the order metrics list them. */
export const RESTORE_PHASES: readonly RestorePhase[] = ["beforeServiceReady", "duringRelocation", "afterSwitchOver", "afterServiceReady"];

const RATIO = 1.01;
const LOG_RATIO = Math.log(RATIO);
const BINS = 2400; // 1 µs · 1.01^2400 ≈ 2.3e10 µs: beyond any simulated latency
const FLOOR_NS = 1000;

/**
 * A latency histogram with 1% wide logarithmic bins from 1 µs up: percentiles within 1%, the
 * maximum exact, memory fixed (9.6 KB).
 *
 * @example
 * const h = new LatencyHistogram();
 * for (const ms of [1, 2, 3, 4]) h.record(ms * 1e6);
 * h.percentile(0.5) / 1e6 // ≈ 2.0 // ms, within 1%
 * h.max // => 4000000
 */
export class LatencyHistogram {
  count = 0;
  max = 0;
  sum = 0;
  private readonly bins = new Uint32Array(BINS);

  /**
   * The histogram as plain data (non-empty bins only), to send to another thread and merge
   * there with {@link LatencyHistogram.merge}.
   *
   * @example
   * const h = new LatencyHistogram();
   * for (const ms of [1, 2, 3, 4]) h.record(ms * 1e6);
   * h.state().count // => 4
   */
  state(): HistogramState {
    const bins: number[] = [];
    const counts: number[] = [];
    for (let bin = 0; bin < BINS; bin++) {
      if (this.bins[bin] > 0) {
        bins.push(bin);
        counts.push(this.bins[bin]);
      }
    }
    return { count: this.count, max: this.max, sum: this.sum, bins, counts };
  }

  /**
   * Adds another histogram's contents: percentiles and maximum are then those of both sets of
   * latencies recorded in one histogram (counts are integers, so exactly).
   *
   * @example
   * const a = new LatencyHistogram(); a.record(1e6);
   * const b = new LatencyHistogram(); b.record(3e6);
   * const both = new LatencyHistogram(); both.merge(a.state()); both.merge(b.state());
   * [both.state().count, both.max] // => [2, 3000000]
   */
  merge(state: HistogramState): void {
    this.count += state.count;
    this.sum += state.sum;
    if (state.max > this.max) this.max = state.max;
    for (let i = 0; i < state.bins.length; i++) this.bins[state.bins[i]] += state.counts[i];
  }

  /** Records one latency, ns. */
  record(ns: number): void {
    this.recordInBin(ns, LatencyHistogram.binOf(ns));
  }

  /**
   * The bin of a latency of `ns`: a collector recording one read in several histograms computes
   * it (a logarithm) once.
   *
   * @example
   * LatencyHistogram.binOf(1000) // => 0
   */
  static binOf(ns: number): number {
    return ns <= FLOOR_NS ? 0 : Math.min(BINS - 1, Math.floor(Math.log(ns / FLOOR_NS) / LOG_RATIO) + 1);
  }

  /** Records one latency of `ns` whose bin is `bin` (from {@link LatencyHistogram.binOf}). */
  recordInBin(ns: number, bin: number): void {
    this.count++;
    this.sum += ns;
    if (ns > this.max) this.max = ns;
    this.bins[bin]++;
  }

  /**
   * The `q` quantile (0..1) in ns: the geometric middle of its bin, capped at the maximum; 0 when empty.
   *
   * @example
   * const h = new LatencyHistogram();
   * for (const ms of [1, 2, 3, 4]) h.record(ms * 1e6);
   * h.percentile(0.99) // ≈ 4.00e6
   */
  percentile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let bin = 0; bin < BINS; bin++) {
      seen += this.bins[bin];
      if (seen >= rank) {
        const value = bin === 0 ? FLOOR_NS : FLOOR_NS * RATIO ** (bin - 0.5);
        return Math.min(value, this.max);
      }
    }
    return this.max;
  }
}

/** A {@link LatencyHistogram}'s contents as plain data: only its non-empty bins, with their counts. */
export interface HistogramState {
  count: number;
  max: number;
  sum: number;
  bins: number[];
  counts: number[];
}

/** A {@link LatencyCollector}'s contents as plain data (see {@link LatencyCollector.state}). */
export interface LatencyCollectorState {
  windowNs: number;
  overall: HistogramState;
  byPhase: Record<RestorePhase, HistogramState>;
  bySource: Record<ReadSource, HistogramState>;
  windows: HistogramState[];
  windowCacheReads: number[];
  windowSecondaryReads: number[];
}

/** One row of the latency-over-time table (ms), as the latency chart reads it. */
export interface LatencyWindowRow extends Record<string, number> {
  timeS: number;
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Windows of the latency-over-time table a run may fill: a 9.6 KB histogram each, so about 1 GB at most. */
export const MAX_WINDOWS = 100_000;

/** A run that outlasts {@link MAX_WINDOWS} windows: one line naming the field, not a heap exhausted. */
function tooManyWindows(at: number, windowNs: number): InputError {
  const wider = Math.ceil(at / MAX_WINDOWS);
  return new InputError("scenario", "model.metricsWindow", `a window wide enough for at most ${MAX_WINDOWS} windows per run: this run reached ${at / 1e9} s (simulated), ${Math.floor(at / windowNs) + 1} windows of ${windowNs} ns; a metricsWindow of at least ${wider} ns, or faster devices if the run should be shorter`);
}

/**
 * Demand read latencies: overall, by phase, by source, and per window of `windowNs`.
 *
 * @example
 * const c = new LatencyCollector(1e9);
 * c.record(2e9, 5e6, "secondary", PHASE_BEFORE_READY); // a 5 ms read issued at t = 2 s
 * c.overall.count // => 1
 */
export class LatencyCollector {
  readonly overall = new LatencyHistogram();
  readonly byPhase: Record<RestorePhase, LatencyHistogram> = {
    beforeServiceReady: new LatencyHistogram(),
    duringRelocation: new LatencyHistogram(),
    afterSwitchOver: new LatencyHistogram(),
    afterServiceReady: new LatencyHistogram(),
  };
  readonly bySource: Record<ReadSource, LatencyHistogram> = {
    cache: new LatencyHistogram(),
    secondary: new LatencyHistogram(),
    primary: new LatencyHistogram(),
    writeArea: new LatencyHistogram(),
  };
  private readonly windows: LatencyHistogram[] = [];
  // Reads the media agent served per window, from its cache or from secondary storage.
  private readonly windowCacheReads: number[] = [];
  private readonly windowSecondaryReads: number[] = [];

  constructor(
    /** Width of the windows of the latency-over-time table, ns. */
    readonly windowNs: number,
  ) {}

  /**
   * Records a demand read issued at `issuedAt` (ns) that took `latency` ns; `phases` is a bit set
   * of `PHASE_*` flags.
   */
  record(issuedAt: number, latency: number, source: ReadSource, phases: number): void {
    const bin = LatencyHistogram.binOf(latency);
    this.overall.recordInBin(latency, bin);
    this.bySource[source].recordInBin(latency, bin);
    if (phases & PHASE_BEFORE_READY) this.byPhase.beforeServiceReady.recordInBin(latency, bin);
    if (phases & PHASE_RELOCATING) this.byPhase.duringRelocation.recordInBin(latency, bin);
    if (phases & PHASE_SWITCHED) this.byPhase.afterSwitchOver.recordInBin(latency, bin);
    if (phases & PHASE_AFTER_READY) this.byPhase.afterServiceReady.recordInBin(latency, bin);
    const window = Math.floor(issuedAt / this.windowNs);
    if (window >= MAX_WINDOWS) throw tooManyWindows(issuedAt, this.windowNs);
    while (this.windows.length <= window) {
      this.windows.push(new LatencyHistogram());
      this.windowCacheReads.push(0);
      this.windowSecondaryReads.push(0);
    }
    this.windows[window].recordInBin(latency, bin);
    if (source === "cache") this.windowCacheReads[window]++;
    else if (source === "secondary") this.windowSecondaryReads[window]++;
  }

  /**
   * Everything recorded, as plain data: partitions of one run each fill a collector of their own,
   * and {@link LatencyCollector.merge} adds them up into the run's.
   *
   * @example
   * const c = new LatencyCollector(1e9);
   * c.record(2e9, 5e6, "secondary", PHASE_BEFORE_READY);
   * c.state().overall.count // => 1
   */
  state(): LatencyCollectorState {
    const byPhase = Object.fromEntries(RESTORE_PHASES.map((phase) => [phase, this.byPhase[phase].state()])) as Record<RestorePhase, HistogramState>;
    const bySource = Object.fromEntries(READ_SOURCES.map((source) => [source, this.bySource[source].state()])) as Record<ReadSource, HistogramState>;
    return {
      windowNs: this.windowNs,
      overall: this.overall.state(),
      byPhase,
      bySource,
      windows: this.windows.map((h) => h.state()),
      windowCacheReads: [...this.windowCacheReads],
      windowSecondaryReads: [...this.windowSecondaryReads],
    };
  }

  /**
   * Adds another collector's contents (same window width): every table and percentile is then
   * the one a single collector recording both would give.
   *
   * @example
   * const partitions = [0, 1].map((i) => {
   *   const c = new LatencyCollector(1e9);
   *   c.record(i * 1e9, 5e6, "secondary", PHASE_BEFORE_READY);
   *   return c.state();
   * });
   * const run = new LatencyCollector(1e9); for (const partition of partitions) run.merge(partition);
   * run.overall.count // => 2
   */
  merge(state: LatencyCollectorState): void {
    if (state.windowNs !== this.windowNs) throw new Error(`latency windows differ: ${state.windowNs} ns vs ${this.windowNs} ns`);
    this.overall.merge(state.overall);
    for (const phase of RESTORE_PHASES) this.byPhase[phase].merge(state.byPhase[phase]);
    for (const source of READ_SOURCES) this.bySource[source].merge(state.bySource[source]);
    state.windows.forEach((window, i) => {
      while (this.windows.length <= i) {
        this.windows.push(new LatencyHistogram());
        this.windowCacheReads.push(0);
        this.windowSecondaryReads.push(0);
      }
      this.windows[i].merge(window);
      this.windowCacheReads[i] += state.windowCacheReads[i];
      this.windowSecondaryReads[i] += state.windowSecondaryReads[i];
    });
  }

  /**
   * The media agent's cache hit ratio over time: per window with reads served by the media
   * agent, the share served from its cache (the rest came from secondary storage).
   *
   * @example
   * const c = new LatencyCollector(1e9);
   * c.record(2e9, 1e5, "cache", 0); c.record(2e9, 5e6, "secondary", 0);
   * c.hitRatioRows() // => [{ timeS: 2, hitRatio: 0.5 }]
   */
  hitRatioRows(): { timeS: number; hitRatio: number }[] {
    const rows: { timeS: number; hitRatio: number }[] = [];
    for (let i = 0; i < this.windows.length; i++) {
      const served = this.windowCacheReads[i] + this.windowSecondaryReads[i];
      if (served > 0) rows.push({ timeS: (i * this.windowNs) / 1e9, hitRatio: this.windowCacheReads[i] / served });
    }
    return rows;
  }

  /**
   * The latency-over-time table: one row per non-empty window (time = window start, s).
   *
   * @example
   * const c = new LatencyCollector(1e9);
   * c.record(2e9, 5e6, "secondary", 0);
   * c.windowRows()[0] // ≈ { timeS: 2, count: 1, p50Ms: 4.98, p95Ms: 4.98, p99Ms: 4.98, maxMs: 5 }
   */
  windowRows(): LatencyWindowRow[] {
    const rows: LatencyWindowRow[] = [];
    this.windows.forEach((h, i) => {
      if (h.count === 0) return;
      rows.push({ timeS: (i * this.windowNs) / 1e9, count: h.count, p50Ms: h.percentile(0.5) / 1e6, p95Ms: h.percentile(0.95) / 1e6, p99Ms: h.percentile(0.99) / 1e6, maxMs: h.max / 1e6 });
    });
    return rows;
  }
}

/** Phase flag: issued before the VM's service-ready milestone. */
export const PHASE_BEFORE_READY = 1;
/** Phase flag: issued while the VM's relocation runs. */
export const PHASE_RELOCATING = 2;
/** Phase flag: issued after the VM switched over to primary. */
export const PHASE_SWITCHED = 4;
/**
 * Phase flag: issued at or after the VM's service-ready milestone (the service workload). With
 * no relocation, its p99 is the floor a relocating run's p99 during relocation is read against.
 */
export const PHASE_AFTER_READY = 8;

/**
 * Relocation progress over time across all VMs: the fraction of bytes to copy already copied,
 * sampled at the end of each window in which something was copied. It keeps the bytes copied
 * per window (integers, so sums are exact), which lets partitions of a run merge their progress.
 *
 * @example
 * const p = new RelocationProgress(1e9, 100);
 * p.add(1.5e9, 50); p.rows() // => [{ timeS: 2, fractionCopied: 0.5 }]
 */
export class RelocationProgress {
  private readonly copiedByWindow = new Map<number, number>();
  // The latest window and the bytes added in it, kept out of the map until the window changes (most adds fall in it).
  private window = -1;
  private copiedInWindow = 0;

  constructor(
    readonly windowNs: number,
    /** Bytes to copy in the whole run (0: the fraction is 1 once anything was copied). */
    readonly totalBytes: number,
  ) {}

  /** `bytes` more copied at `at` (ns). */
  add(at: number, bytes: number): void {
    const window = Math.ceil(at / this.windowNs) || 1;
    if (window !== this.window) {
      this.flush();
      this.window = window;
    }
    this.copiedInWindow += bytes;
  }

  /**
   * Bytes copied per window, as `[window, bytes]` pairs in window order: plain data for
   * {@link RelocationProgress.merge}.
   *
   * @example
   * const p = new RelocationProgress(1e9, 100);
   * p.add(1.5e9, 50);
   * p.state() // => [[2, 50]]
   */
  state(): [number, number][] {
    this.flush();
    return [...this.copiedByWindow].sort((a, b) => a[0] - b[0]);
  }

  /** Adds another progress's bytes per window (same window width and total). */
  merge(state: readonly (readonly [number, number])[]): void {
    this.flush();
    for (const [window, bytes] of state) this.copiedByWindow.set(window, (this.copiedByWindow.get(window) ?? 0) + bytes);
  }

  /** Rows `{ timeS, fractionCopied }`, in time order. */
  rows(): { timeS: number; fractionCopied: number }[] {
    let copied = 0;
    return this.state().map(([window, bytes]) => {
      copied += bytes;
      return { timeS: (window * this.windowNs) / 1e9, fractionCopied: this.totalBytes > 0 ? copied / this.totalBytes : 1 };
    });
  }

  private flush(): void {
    if (this.window < 0) return;
    this.copiedByWindow.set(this.window, (this.copiedByWindow.get(this.window) ?? 0) + this.copiedInWindow);
    this.window = -1;
    this.copiedInWindow = 0;
  }
}
