/**
 * Differential calibration: learn a trace's replay plan from two recordings of the same VM and
 * disk state at different disk latencies (a base boot and one with nbdkit's delay filter, as the
 * pairs in traces/ were made). Where the prior model (plan.ts) guesses, the second recording
 * decides, request by request:
 *
 * 1. **Alignment.** Requests of the delayed boot are matched to the base boot's by op and
 *    offset, in order, within a window (`alignRecordings`): the same reads in the same order
 *    are the same guest work. Unmatched requests keep the prior's rule.
 * 2. **Refuted dependencies.** A request cannot have waited for a request that had not completed
 *    when it was issued in *either* recording. The prior's dependency is kept where the delayed
 *    boot agrees with it; where it refutes it (the request was issued while its prior dependency
 *    was still outstanding), the latest request that completed before it in both boots is used.
 * 3. **Confirmed.** The think after a request's true dependency is guest CPU work: it is the
 *    same in both boots (within the guest's noise), while the time since any other completion
 *    shifts with the added latency. Of the latest completions before a request in both boots,
 *    the one with an unchanged think (well below half the added latency, so that it tells
 *    anything) becomes its dependency.
 * 4. **Resume cost.** The think after a serial read (one issued when nothing was outstanding)
 *    is longer in the delayed boot: the guest resumes later after a long wait (rule 5 of
 *    plan.ts). `resumeStretch` measures it, and the plan's resume cost is set from it, unless
 *    `resumeUs` is given. Thinks of the two boots are compared after taking it out.
 * 5. **Stretched or absorbed.** The think after the dependency is measured in both boots. If the
 *    delayed boot thought less (the gap shrank: a timer, or other work that did not wait), the
 *    plan keeps the shorter think as the dependent part and anchors the rest to the base trace
 *    clock (`DepKind.Anchored`): the gap absorbs delay up to what it absorbed in the recording.
 *    If the think is the same or longer, it stretched with its dependency and stays dependent.
 *
 * The plan is in the base trace's request order, replays the base boot exactly with its own
 * latencies, and is written as a file that scenarios name (`plan-file.ts`).
 */
import { quantileOfSorted } from "../../metrics/statistics.ts";
import type { TraceRequest } from "../traces/types.ts";
import {
  assemblePlan, DepKind, inferReplayPlan, loaderPhaseEnd, type ReplayInferenceOptions, type ReplayPlan, REPLAY_DEFAULTS, resumeCostUs, traceTimes,
} from "./plan.ts";

/**
 * Run-to-run noise of the emulated guest's CPU work, as a fraction of a think: two undelayed
 * boots of the same image (g2boot1, g2boot2) differ by 8.8% in service-ready time and 12% in
 * the boot loader's summed think (traces/README.md). A gap that shrank by less is not evidence.
 */
export const REPEAT_NOISE = 0.12;

/** How many of the latest completions before a request are tried as its dependency (rule 3). */
const CONFIRM_WINDOW = 8;
/** Timestamps are whole µs and the host adds its own jitter: a think is never known closer than this, µs. */
const MIN_TOLERANCE_US = 50;
/**
 * Thinks measured for the resume stretch are shorter than this, µs: their run-to-run noise
 * (REPEAT_NOISE of the think, under 600 µs) stays below the stretch being measured, while the
 * long gaps (timers, the kernel's start) vary by seconds.
 */
const STRETCH_MAX_THINK_US = 5000;

/** Options of {@link calibrateReplayPlan}. */
export type CalibrationOptions = ReplayInferenceOptions;

/** What a calibration learnt, request by request. */
export interface Calibration {
  plan: ReplayPlan;
  /** Base requests matched in the delayed boot. */
  matched: number;
  /** Requests whose prior dependency the delayed boot refuted. */
  refuted: number;
  /** Requests given another dependency because the think after it was the same in both boots. */
  confirmed: number;
  /** Requests whose gap absorbed delay (anchored). */
  absorbed: number;
  /** Median added latency of matched reads, delayed − base, µs. */
  addedLatencyUs: number;
  /** The resume stretch measured between the boots (`resumeStretch`), µs. */
  resumeStretchUs: number;
}

/** What {@link resumeStretch} measured. */
export interface ResumeStretch {
  /** Median of (delayed − base) think after a serial request, µs. */
  medianUs: number;
  /** Requests it was measured on. */
  samples: number;
}

/**
 * Rule 5's evidence: how much longer the guest thought after a **serial** request (issued when
 * nothing was outstanding, in both boots, so its think starts at the completion it waited for)
 * in `delayed` than in `base`, matched with `alignRecordings`; the median over thinks shorter
 * than 5 ms. Two undelayed boots give the noise floor (g2boot1 vs g2boot2: about 50 µs).
 *
 * @example
 * const k2 = (name: string) => [...openTrace(`traces/${name}.csv`, "csv")];
 * resumeStretch(k2("k2boot1"), k2("k2boot_d20ms")) // => { medianUs: 911, samples: 437 }
 */
export function resumeStretch(base: readonly TraceRequest[], delayed: readonly TraceRequest[]): ResumeStretch {
  const b = traceTimes(base);
  const d = traceTimes(delayed);
  const serialThink = (t: typeof b): Float64Array => {
    const think = new Float64Array(t.issue.length).fill(Number.NaN);
    let latest = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < t.issue.length; j++) {
      if (j > 0 && t.issue[j] >= latest) think[j] = t.issue[j] - latest;
      latest = Math.max(latest, t.completion[j]);
    }
    return think;
  };
  const thinkB = serialThink(b);
  const thinkD = serialThink(d);
  const match = alignRecordings(base, delayed);
  const stretch: number[] = [];
  for (let j = 0; j < base.length; j++) {
    const m = match[j];
    if (m < 0 || Number.isNaN(thinkB[j]) || Number.isNaN(thinkD[m]) || thinkB[j] >= STRETCH_MAX_THINK_US) continue;
    stretch.push(thinkD[m] - thinkB[j]);
  }
  if (stretch.length === 0) return { medianUs: 0, samples: 0 };
  stretch.sort((x, y) => x - y);
  return { medianUs: quantileOfSorted(stretch, 0.5), samples: stretch.length };
}

/**
 * Matches each base request to a delayed-boot request with the same op and offset, in order:
 * the first one within `window` requests after the last match, -1 when there is none. Order
 * matters: a read of the same offset elsewhere in the boot is other work.
 *
 * @example
 * const r = (offset: number) => ({ timeUs: 0, op: "R" as const, offset, length: 512 });
 * [...alignRecordings([r(0), r(512), r(1024)], [r(0), r(1024)])] // => [0, -1, 1]
 */
export function alignRecordings(base: readonly TraceRequest[], delayed: readonly TraceRequest[], window = 64): Int32Array {
  // Offset, not length: a slower disk lets the block layer merge adjacent reads differently.
  const key = (r: TraceRequest): string => `${r.op}|${r.offset}`;
  const delayedKeys = delayed.map(key);
  const match = new Int32Array(base.length).fill(-1);
  let next = 0;
  for (let i = 0; i < base.length && next < delayed.length; i++) {
    const k = key(base[i]);
    const end = Math.min(delayed.length, next + window);
    for (let j = next; j < end; j++) {
      if (delayedKeys[j] === k) {
        match[i] = j;
        next = j + 1;
        break;
      }
    }
  }
  return match;
}

/**
 * Rule 5's cost from a stretch measured with `addedUs` µs of added latency: the stretch itself
 * when the added wait reached `fullAfterUs`, scaled up in proportion below it; whole µs, ≥ 0.
 *
 * @example
 * resumeCostFromStretch(284, 2000, 1000) // => 284
 * resumeCostFromStretch(100, 500, 1000) // => 200
 */
export function resumeCostFromStretch(stretchUs: number, addedUs: number, fullAfterUs: number): number {
  const cost = addedUs >= fullAfterUs ? stretchUs : (stretchUs * fullAfterUs) / Math.max(addedUs, 1);
  return Math.max(0, Math.round(cost));
}

/**
 * Calibrates the replay plan of `base` from a second recording `delayed` of the same VM (rules
 * in the module comment). Both must be sorted by issue time (RangeError otherwise).
 *
 * @example
 * const k2boot1 = [...openTrace("traces/k2boot1.csv", "csv")];
 * const k2boot_d20ms = [...openTrace("traces/k2boot_d20ms.csv", "csv")];
 * const { plan, refuted, absorbed } = calibrateReplayPlan(k2boot1, k2boot_d20ms);
 * [plan.count, refuted, absorbed] // => [1715, 23, 5]
 */
export function calibrateReplayPlan(base: readonly TraceRequest[], delayed: readonly TraceRequest[], options: CalibrationOptions = {}): Calibration {
  const b = traceTimes(base);
  const d = traceTimes(delayed);
  const match = alignRecordings(base, delayed);
  const addedLatencyUs = medianAddedLatency(base, delayed, match);
  const resumeStretchUs = resumeStretch(base, delayed).medianUs;
  const learnt = resumeCostFromStretch(resumeStretchUs, addedLatencyUs, options.resumeFullAfterUs ?? REPLAY_DEFAULTS.resumeFullAfterUs);
  const prior = inferReplayPlan(base, { ...options, resumeUs: options.resumeUs ?? learnt });
  const resume = prior.resume;
  const asyncWrites = options.asyncWrites ?? true;
  // Think in the delayed boot between i's completion and j's issue, the resume costs taken out.
  const delayedThinkUs = (i: number, j: number): number =>
    d.issue[match[j]] - d.completion[match[i]] - resumeCostUs(resume, d.completion[match[i]] - d.issue[match[i]]) + resumeCostUs(resume, b.completion[i] - b.issue[i]);
  const n = base.length;
  const dep = prior.dep.slice();
  const thinkUs = prior.thinkUs.slice();
  const notBeforeUs = new Float64Array(n);
  const kind = prior.kind.slice();
  const completedBeforeInBoth = (i: number, j: number): boolean =>
    b.completion[i] <= b.issue[j] && (match[i] < 0 || d.completion[match[i]] <= d.issue[match[j]]);
  const loaderEnd = options.loaderPhase ?? true ? loaderPhaseEnd(base, b) : -1;
  let matched = 0;
  let refuted = 0;
  let absorbed = 0;
  let confirmed = 0;
  const invariant = (j: number): number => {
    let best = -1;
    let bestDiff = Number.POSITIVE_INFINITY;
    for (let i = j - 1, seen = 0; i >= 0 && seen < CONFIRM_WINDOW; i--) {
      if ((asyncWrites && base[i].op === "W") || match[i] < 0 || !completedBeforeInBoth(i, j)) continue;
      seen++;
      const thinkB = b.issue[j] - b.completion[i];
      const diff = Math.abs(delayedThinkUs(i, j) - thinkB);
      // A think is evidence only where its noise is well below the added latency.
      const tolerance = Math.max(REPEAT_NOISE * thinkB, MIN_TOLERANCE_US);
      if (tolerance < addedLatencyUs / 2 && diff <= tolerance && diff < bestDiff) {
        best = i;
        bestDiff = diff;
      }
    }
    return best;
  };
  for (let j = 0; j < n; j++) {
    if (match[j] < 0) continue;
    matched++;
    // A flush keeps the prior's dependency on its writes (plan.ts rule 2): steps 2 and 3 here
    // consider reads and flushes only.
    if (kind[j] === DepKind.Flush) continue;
    const sure = j <= loaderEnd ? -1 : invariant(j);
    if (sure >= 0) {
      if (sure !== dep[j]) confirmed++;
      dep[j] = sure;
      thinkUs[j] = b.issue[j] - b.completion[sure];
      kind[j] = DepKind.Earlier;
      continue;
    }
    let p = dep[j];
    if (p >= 0 && !completedBeforeInBoth(p, j)) {
      refuted++;
      p = latestConsistent(base, b.completion, j, asyncWrites, completedBeforeInBoth);
      dep[j] = p;
      thinkUs[j] = p < 0 ? b.issue[j] : b.issue[j] - b.completion[p];
      kind[j] = p < 0 ? DepKind.Start : DepKind.Earlier;
    }
    if (p < 0 || match[p] < 0 || j <= loaderEnd) continue;
    const delayedThink = delayedThinkUs(p, j);
    // Absorbed: the gap shrank by more than one request's added latency and more than the
    // emulated guest's own run-to-run noise (REPEAT_NOISE of the think).
    if (delayedThink <= thinkUs[j] - Math.max(addedLatencyUs, REPEAT_NOISE * thinkUs[j])) {
      absorbed++;
      thinkUs[j] = delayedThink;
      notBeforeUs[j] = b.issue[j];
      kind[j] = DepKind.Anchored;
    }
  }
  const plan = assemblePlan(
    base, b, { dep, thinkUs, notBeforeUs, kind }, calibratedMilestoneRule(prior),
    `calibrated on a second recording (${matched} of ${n} requests matched, resume ${resume.costUs} µs)`, resume,
  );
  return { plan, matched, refuted, absorbed, confirmed, addedLatencyUs, resumeStretchUs };
}

/** The latest-completing counted request before j that completed before j in both recordings, or -1. */
function latestConsistent(
  base: readonly TraceRequest[], completion: Float64Array, j: number, asyncWrites: boolean,
  consistent: (i: number, j: number) => boolean,
): number {
  let best = -1;
  for (let i = j - 1; i >= 0; i--) {
    if (asyncWrites && base[i].op === "W") continue;
    if (!consistent(i, j)) continue;
    if (best < 0 || completion[i] > completion[best]) best = i;
    // Requests are in issue order: once one issued before best's completion by more than any
    // latency seen, none further back can complete later. Scan a bounded window instead.
    if (j - i > 512) break;
  }
  return best;
}

/** Milestones: the prior's rule (service ready is a moment of the base boot). */
function calibratedMilestoneRule(prior: ReplayPlan): ReplayPlan["milestoneRule"] {
  return (_plan, timeUs) => prior.milestoneRule(prior, timeUs);
}

function medianAddedLatency(base: readonly TraceRequest[], delayed: readonly TraceRequest[], match: Int32Array): number {
  const added: number[] = [];
  for (let i = 0; i < base.length; i++) {
    if (match[i] >= 0 && base[i].op === "R") added.push((delayed[match[i]].latencyUs ?? 0) - (base[i].latencyUs ?? 0));
  }
  if (added.length === 0) return 0;
  added.sort((x, y) => x - y);
  return added[added.length >> 1];
}
