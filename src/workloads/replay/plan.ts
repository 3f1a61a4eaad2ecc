/**
 * Replay dependency inference: from a trace's issue and completion times (issue + latency_us),
 * which earlier request did each request wait for, and how long did the guest think after it?
 * Every rule and the evidence for it in the traces is in docs/replay.md; in short:
 *
 * 1. **Boot-loader phase.** Firmware and boot loader have no scheduler: they read one request
 *    at a time and compute between reads. The leading run of reads in which no request was
 *    issued while another was outstanding, up to and including its longest I/O-free gap (the
 *    kernel decompressing and starting, seconds), is a strict chain: every request, and that
 *    gap, waits for the completion before it (`DepKind.Loader`). The kernel cannot start before
 *    the boot loader's last read has completed.
 * 2. **Writes are write-back.** No request waits for a write's completion (`asyncWrites`), except
 *    the flush that makes them durable: a flush waits for the latest-completing write since the
 *    flush before it (`flushWaitsForWrites`, `DepKind.Flush`; flush.ts).
 * 3. **Threads.** After the loader, the guest's I/O comes from `threads` threads that each
 *    wait for their own reads (2 by default: the slowed boots' stretch, E3). When request j is
 *    issued while m reads or flushes are still outstanding, m threads are blocked; j's thread
 *    is one of the `threads − m` that are not, and its own last request is among the latest
 *    `threads − m` completed reads/flushes. j waits for the earliest of them: the `k`-th latest
 *    completion with `k = max(1, threads − m)` (`DepKind.Latest` for k = 1, `DepKind.Earlier`
 *    otherwise), and thinks the rest of its gap after it. In a trace recorded on a fast disk
 *    (m = 0 almost always) a request waits, on average, for every second completion; in a
 *    trace recorded on a slow disk, where the guest kept several requests in flight, a request
 *    issued beside outstanding ones waits for the latest. The count is the boot's, not its
 *    vCPUs': a blocked thread holds no vCPU, and at +20 ms a thread needs 1–2 ms of CPU per
 *    22 ms cycle, so the 2 vCPUs of the shipped recordings were far from limiting the 1.6
 *    requests the guest kept in flight (docs/replay.md, E3).
 * 4. Milestones (service ready at a trace time, not a request) follow rules 3 and 6.
 * 5. **Resuming after a long wait costs time.** A thread whose read took `w` µs resumes
 *    `resumeCostUs(resume, w)` later than one whose read came back at once: the think after a
 *    dependency is the recorded think, minus the resume cost of the recorded wait, plus that of
 *    the simulated wait. The cost (`resumeUs`) is measured from what-if pairs
 *    (`resumeStretch` in calibrate.ts) and is the one constant fitted on recordings
 *    (docs/replay.md, E5); validation reports it leave-one-out.
 * 6. **A long serial run is one thread.** After the loader, requests issued one at a time with
 *    nothing outstanding, whose latencies add up to a second or more, come from one thread (a
 *    second thread reading would have overlapped them): each waits for the latest completion,
 *    not rule 3's second-latest (`serialRunUs`; serial-run.ts). Only recordings from slow disks
 *    have such runs.
 *
 * With service time = the trace's own latency, every issue and milestone is reproduced exactly (by
 * construction; tested).
 */
import type { TraceRequest } from "../traces/types.ts";
import { flushedWrite } from "./flush.ts";
import { CompletionSweep } from "./completion-sweep.ts";
import { SERIAL_RUN_US, serialRunMembers } from "./serial-run.ts";

/** Options of {@link inferReplayPlan}. */
export interface ReplayInferenceOptions {
  /** Rule 3: threads of the guest that each wait for their own reads. Default 2 (the shipped boots, docs/replay.md E3). */
  threads?: number;
  /** Requests do not wait for write completions. Default true. */
  asyncWrites?: boolean;
  /** Rule 2's exception: a flush waits for the writes since the flush before it. Default true. */
  flushWaitsForWrites?: boolean;
  /** Detect the serial boot-loader phase (rule 1). Default true. */
  loaderPhase?: boolean;
  /** Rule 5: extra think after a wait on I/O of `resumeFullAfterUs` or longer, µs. 0 turns the rule off. */
  resumeUs?: number;
  /** Rule 5: the wait at which the full resume cost applies (shorter waits: in proportion), µs. */
  resumeFullAfterUs?: number;
  /** Rule 6: a serial run whose latencies add up to this many µs is one thread (serial-run.ts). 0 turns the rule off. */
  serialRunUs?: number;
}

/**
 * Rule 5's resume cost of the shipped recordings (QEMU TCG guests on the recording host), µs:
 * the mean, over the what-if pairs in traces/what-if-pairs.json, of the median stretch of the
 * think that follows a serial read (`resumeStretch`: 719, 911, 284 and 209 µs; a test recomputes
 * it). It belongs to the recording environment: a trace recorded on another
 * hypervisor needs its own (`rtolab replay calibrate` measures it from a pair).
 */
export const SHIPPED_RESUME_US = 531;

/**
 * Where the full resume cost is reached, µs. An assumption: the pairs show no stretch at the
 * base boots' 5–45 µs latencies and the full one at 2 ms and beyond; nothing was recorded between.
 */
export const RESUME_FULL_AFTER_US = 1000;

/** Defaults of {@link ReplayInferenceOptions}: the shipped recordings (docs/replay.md). */
export const REPLAY_DEFAULTS: Required<ReplayInferenceOptions> = {
  threads: 2, asyncWrites: true, flushWaitsForWrites: true, loaderPhase: true, resumeUs: SHIPPED_RESUME_US, resumeFullAfterUs: RESUME_FULL_AFTER_US, serialRunUs: SERIAL_RUN_US,
};

/** Rule 5's parameters as a plan carries them. */
export interface ResumeCost {
  /** Extra think after a wait of `fullAfterUs` or longer, µs. */
  costUs: number;
  /** The wait from which the full cost applies, µs. */
  fullAfterUs: number;
}

/** No resume cost (open-loop plans, rule 5 off). */
export const NO_RESUME: ResumeCost = { costUs: 0, fullAfterUs: 1 };

/**
 * Rule 5: how much later a thread resumes after waiting `waitUs` µs for a read than after a read
 * that came back at once: the full cost from `fullAfterUs` on, in proportion below (whole µs).
 *
 * @example
 * resumeCostUs({ costUs: 500, fullAfterUs: 1000 }, 250) // => 125
 */
export function resumeCostUs(resume: ResumeCost, waitUs: number): number {
  // Whole µs, like the trace's times: replays on the kernel (ns) then equal the predictor exactly.
  return waitUs >= resume.fullAfterUs ? resume.costUs : Math.round((resume.costUs * Math.max(0, waitUs)) / resume.fullAfterUs);
}

/**
 * The think after dependency `dep` when it took `waitUs` µs in the replay: the recorded think
 * `thinkUs`, less the resume cost of the recorded wait, plus that of the replayed one (never
 * below 0). With the recorded latency it is `thinkUs` exactly.
 *
 * @example
 * // request 1 waited 24 µs for request 0, then thought 100 µs
 * const plan = inferReplayPlan([
 *   { timeUs: 0, op: "R", offset: 0, length: 4096, latencyUs: 24 },
 *   { timeUs: 124, op: "R", offset: 4096, length: 4096, latencyUs: 10 },
 * ], { loaderPhase: false });
 * resumedThinkUs(plan, 0, plan.thinkUs[1], 24) // => 100 // the recorded wait: the recorded think
 * resumedThinkUs(plan, 0, plan.thinkUs[1], 5024) // => 618 // 100 − 13 (cost of 24 µs) + 531
 */
export function resumedThinkUs(plan: ReplayPlan, dep: number, thinkUs: number, waitUs: number): number {
  if (dep < 0 || plan.resume.costUs === 0) return thinkUs;
  const recorded = plan.traceCompletionUs[dep] - plan.traceIssueUs[dep];
  if (waitUs === recorded) return thinkUs;
  return Math.max(0, thinkUs - resumeCostUs(plan.resume, recorded) + resumeCostUs(plan.resume, waitUs));
}

/**
 * How a request's issue was inferred (values of `ReplayPlan.kind`): `Start` — no earlier
 * completion, issued `thinkUs` after replay start; `Latest` — waits for the latest completion,
 * then thinks; `Earlier` — waits for an earlier completion (another thread's request was the
 * latest); `Anchored` — also no earlier than `notBeforeUs` (slack plans and calibrated gaps
 * that absorbed delay); `Loader` — serial boot-loader phase; `Flush` — a flush waiting for the
 * writes it makes durable (rule 2).
 *
 * @example
 * DepKind.Anchored // => 3
 */
export const DepKind = { Start: 0, Latest: 1, Earlier: 2, Anchored: 3, Loader: 4, Flush: 5 } as const;
/** One of the {@link DepKind} values. */
export type DepKind = (typeof DepKind)[keyof typeof DepKind];

/**
 * A replay plan: for each request i (in trace issue order), the issue rule
 *
 *     issue[i] = max(dep[i] < 0 ? thinkUs[i] : completion[dep[i]] + think(i), notBeforeUs[i])
 *     think(i) = resumedThinkUs(plan, dep[i], thinkUs[i], completion[dep[i]] − issue[dep[i]])
 *
 * (µs since replay start; `notBeforeUs` is 0 when unanchored). Each request has at most one
 * dependency, always an earlier index. `childStart`/`children` list the dependents of each request
 * (CSR: children of i are `children[childStart[i] .. childStart[i+1])`), to drive an event loop:
 *
 *     for each i with dep[i] < 0: schedule issue(i) at max(thinkUs[i], notBeforeUs[i])
 *     on completion of i at time c:
 *       for k in childStart[i] .. childStart[i+1]:
 *         j = children[k]   // its pending count drops from 1 to 0
 *         schedule issue(j) at max(c + think(j), notBeforeUs[j])
 *
 * `milestoneRule` maps a trace moment that is not a request (service ready) the same way.
 *
 * @example
 * const plan = inferReplayPlan([...openTrace("traces/boot1.csv", "csv")]);
 * plan.count // => 1767
 */
export interface ReplayPlan {
  readonly requests: readonly TraceRequest[];
  readonly count: number;
  /** Index of the request whose completion gates the issue, -1 for none. */
  readonly dep: Int32Array;
  /** Think after `dep` completes (or offset from replay start when dep is -1), µs. */
  readonly thinkUs: Float64Array;
  /** Earliest issue, µs since replay start (0: unanchored). */
  readonly notBeforeUs: Float64Array;
  readonly kind: Uint8Array;
  readonly childStart: Int32Array;
  readonly children: Int32Array;
  /** Issue and completion times in the trace, µs since its first request. */
  readonly traceIssueUs: Float64Array;
  readonly traceCompletionUs: Float64Array;
  /** How the plan's milestones are mapped: see {@link planMilestone}. */
  readonly milestoneRule: (plan: ReplayPlan, timeUs: number) => ReplayMilestone;
  /** What made the plan: the prior model (with its options), a reading, or a calibration. */
  readonly origin: string;
  /** Rule 5: the resume cost after a wait on I/O, applied to every dependency's think. */
  readonly resume: ResumeCost;
}

/** A moment of the trace that is not a request (service ready), mapped like a request. */
export interface ReplayMilestone {
  dep: number;
  thinkUs: number;
  notBeforeUs: number;
}

/**
 * Infers the closed-loop replay plan of a trace sorted by issue time (rules in the module
 * comment). Requests without `latencyUs` count as completing at issue. Throws a RangeError when
 * the requests are not sorted by `timeUs`.
 *
 * @example
 * const plan = inferReplayPlan([
 *   { timeUs: 0, op: "R", offset: 0, length: 4096, latencyUs: 10 },
 *   { timeUs: 100, op: "W", offset: 4096, length: 4096, latencyUs: 10 },
 *   { timeUs: 1000, op: "R", offset: 8192, length: 4096, latencyUs: 10 },
 *   { timeUs: 2000, op: "R", offset: 8192, length: 4096, latencyUs: 10 },
 * ], { loaderPhase: false });
 * [[...plan.dep], [...plan.thinkUs]] // => [[-1, 0, 0, 0], [0, 90, 990, 1990]]
 */
export function inferReplayPlan(requests: readonly TraceRequest[], options: ReplayInferenceOptions = {}): ReplayPlan {
  const opts = { ...REPLAY_DEFAULTS, ...options };
  if (!Number.isInteger(opts.threads) || opts.threads < 1) throw new RangeError(`threads must be a whole number ≥ 1 (got ${opts.threads})`);
  const times = traceTimes(requests);
  const { issue, completion } = times;
  const n = requests.length;
  const dep = new Int32Array(n).fill(-1);
  const thinkUs = new Float64Array(n);
  const kind = new Uint8Array(n);
  const loaderEnd = opts.loaderPhase ? loaderPhaseEnd(requests, times) : -1;
  const sweep = new CompletionSweep(requests, completion, opts.asyncWrites, opts.threads);
  const oneThread = serialRunMembers(requests, issue, completion, loaderEnd, opts.serialRunUs, !opts.asyncWrites);
  for (let j = 0; j < n; j++) {
    sweep.advance(issue[j], j);
    const k = j <= loaderEnd || oneThread[j] ? 1 : Math.max(1, opts.threads - sweep.outstanding(j));
    const flushed = opts.flushWaitsForWrites && j > loaderEnd ? flushedWrite(requests, issue, completion, j) : -1;
    const d = flushed >= 0 ? flushed : sweep.kthLatest(k);
    dep[j] = d;
    thinkUs[j] = d < 0 ? issue[j] : issue[j] - completion[d];
    kind[j] = d < 0 ? DepKind.Start : flushed >= 0 ? DepKind.Flush : j <= loaderEnd ? DepKind.Loader : d === sweep.kthLatest(1) ? DepKind.Latest : DepKind.Earlier;
  }
  const resume = resumeOf(opts);
  const serialCount = oneThread.reduce((sum, m) => sum + m, 0);
  const origin = `prior model (threads ${opts.threads}${opts.asyncWrites ? "" : ", waits for writes"}${opts.flushWaitsForWrites ? "" : ", flushes do not wait for writes"}${opts.loaderPhase ? `, loader phase ${loaderEnd + 1} requests` : ""}${resume.costUs > 0 ? `, resume ${resume.costUs} µs` : ""}${serialCount > 0 ? `, ${serialCount} requests in serial runs` : ""})`;
  return assemblePlan(requests, times, { dep, thinkUs, notBeforeUs: new Float64Array(n), kind }, threadMilestoneRule(opts, loaderEnd, oneThread), origin, resume);
}

/**
 * A scenario's `resume` (ns, optional) as the replay model's `resumeUs` option; absent, the
 * shipped default.
 *
 * @example
 * resumeOption(250_000) // => { resumeUs: 250 }
 * resumeOption(undefined) // => {}
 */
export function resumeOption(resumeNs: number | undefined): { resumeUs?: number } {
  return resumeNs === undefined ? {} : { resumeUs: Math.round(resumeNs / 1000) };
}

/**
 * Rule 5's parameters from inference options (defaults: the shipped recordings'); a RangeError
 * for a negative cost or a non-positive ramp.
 *
 * @example
 * resumeOf({ resumeUs: 0 }) // => { costUs: 0, fullAfterUs: 1000 }
 */
export function resumeOf(options: ReplayInferenceOptions): ResumeCost {
  const costUs = options.resumeUs ?? REPLAY_DEFAULTS.resumeUs;
  const fullAfterUs = options.resumeFullAfterUs ?? REPLAY_DEFAULTS.resumeFullAfterUs;
  if (!(costUs >= 0) || !Number.isFinite(costUs)) throw new RangeError(`resumeUs must be a finite number ≥ 0 (got ${costUs})`);
  if (!(fullAfterUs > 0) || !Number.isFinite(fullAfterUs)) throw new RangeError(`resumeFullAfterUs must be a finite number > 0 (got ${fullAfterUs})`);
  return { costUs, fullAfterUs };
}

/**
 * The open-loop plan: every request issued at its trace time, whatever the device does.
 *
 * @example
 * const plan = openLoopPlan([{ timeUs: 0, op: "R", offset: 0, length: 512 }, { timeUs: 70, op: "W", offset: 0, length: 512 }]);
 * [[...plan.dep], [...plan.notBeforeUs]] // => [[-1, -1], [0, 70]]
 */
export function openLoopPlan(requests: readonly TraceRequest[]): ReplayPlan {
  const times = traceTimes(requests);
  const n = requests.length;
  return assemblePlan(
    requests, times,
    { dep: new Int32Array(n).fill(-1), thinkUs: times.issue.slice(), notBeforeUs: times.issue.slice(), kind: new Uint8Array(n) },
    (_plan, timeUs) => ({ dep: -1, thinkUs: timeUs, notBeforeUs: timeUs }),
    "open loop (trace times)",
  );
}

/**
 * Maps a trace moment that is not a request (e.g. service ready at `timeUs` since the trace's
 * first request) through the plan's own milestone rule.
 *
 * @example
 * planMilestone(inferReplayPlan(boot1), 28352530) // => { dep: 1478, thinkUs: 53926, notBeforeUs: 0 }
 */
export function planMilestone(plan: ReplayPlan, timeUs: number): ReplayMilestone {
  return plan.milestoneRule(plan, timeUs);
}

/** The per-request arrays of a plan, before its CSR child lists are built. */
export interface PlanArrays {
  dep: Int32Array;
  thinkUs: Float64Array;
  notBeforeUs: Float64Array;
  kind: Uint8Array;
}

/**
 * Builds a {@link ReplayPlan} from its arrays (checks that every dependency is earlier).
 *
 * @example
 * const requests = boot1.slice(0, 3);
 * const times = traceTimes(requests);
 * const arrays = { dep: new Int32Array([-1, 0, 1]), thinkUs: new Float64Array(3), notBeforeUs: new Float64Array(3), kind: new Uint8Array(3) };
 * const rule = () => ({ dep: 2, thinkUs: 0, notBeforeUs: 0 }); // every milestone after the last request
 * assemblePlan(requests, times, arrays, rule, "mine").count // => 3
 */
export function assemblePlan(
  requests: readonly TraceRequest[],
  times: TraceTimes,
  arrays: PlanArrays,
  milestoneRule: ReplayPlan["milestoneRule"],
  origin: string,
  resume: ResumeCost = NO_RESUME,
): ReplayPlan {
  for (let j = 0; j < arrays.dep.length; j++) {
    if (arrays.dep[j] >= j) throw new RangeError(`replay plan: request ${j} depends on request ${arrays.dep[j]}, which is not earlier`);
  }
  // A milestone rule sweeps every completion (a sort); plans are shared by every VM replaying
  // the trace and never change, so each plan maps a milestone time once.
  const mapped = new Map<number, ReplayMilestone>();
  const plan: ReplayPlan = {
    requests, count: requests.length, ...arrays, ...childLists(arrays.dep),
    traceIssueUs: times.issue, traceCompletionUs: times.completion, origin, resume,
    milestoneRule: (p, timeUs) => {
      if (p !== plan) return milestoneRule(p, timeUs);
      let m = mapped.get(timeUs);
      if (m === undefined) {
        m = milestoneRule(p, timeUs);
        mapped.set(timeUs, m);
      }
      return { ...m };
    },
  };
  return plan;
}

/** Trace issue and completion times, µs since the first request. */
export interface TraceTimes {
  issue: Float64Array;
  completion: Float64Array;
}

/**
 * Issue and completion times (µs since the first request); a RangeError when not sorted.
 *
 * @example
 * traceTimes([{ timeUs: 5, op: "R", offset: 0, length: 1, latencyUs: 2 }]).completion[0] // => 2
 */
export function traceTimes(requests: readonly TraceRequest[]): TraceTimes {
  const n = requests.length;
  const issue = new Float64Array(n);
  const completion = new Float64Array(n);
  const first = n > 0 ? requests[0].timeUs : 0;
  for (let i = 0; i < n; i++) {
    issue[i] = requests[i].timeUs - first;
    if (i > 0 && issue[i] < issue[i - 1]) throw new RangeError(`replay requests must be sorted by timeUs (request ${i} goes back in time)`);
    completion[i] = issue[i] + (requests[i].latencyUs ?? 0);
  }
  return { issue, completion };
}

/**
 * Index of the last request of the serial boot-loader phase (rule 1), or -1 when the trace
 * has none: the request just after the longest I/O-free gap within the leading run of reads
 * issued while nothing else was outstanding. A trace whose first write, flush or overlap comes
 * before any gap has no loader phase.
 *
 * @example
 * const g2boot1 = [...openTrace("traces/g2boot1.csv", "csv")];
 * loaderPhaseEnd(g2boot1, traceTimes(g2boot1)) // => 2834
 */
export function loaderPhaseEnd(requests: readonly TraceRequest[], times: TraceTimes): number {
  const { issue, completion } = times;
  let longest = -1;
  let longestGap = 0;
  let lastCompletion = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < requests.length; j++) {
    if (requests[j].op !== "R" || issue[j] < lastCompletion) break;
    if (j > 0 && issue[j] - lastCompletion > longestGap) {
      longestGap = issue[j] - lastCompletion;
      longest = j;
    }
    lastCompletion = Math.max(lastCompletion, completion[j]);
  }
  return longest;
}

/**
 * Rules 3 and 6 for a milestone at `timeUs`: the k-th latest completion among requests issued by
 * then; the latest inside a serial run that is one thread (nothing outstanding, the next counted
 * request a member).
 */
function threadMilestoneRule(opts: Required<ReplayInferenceOptions>, loaderEnd: number, oneThread: Uint8Array): ReplayPlan["milestoneRule"] {
  const inRun = (cut: number, outstanding: number, plan: ReplayPlan): boolean => {
    if (outstanding > 0) return false;
    let next = cut;
    while (next < plan.count && opts.asyncWrites && plan.requests[next].op === "W") next++;
    return next < plan.count && oneThread[next] === 1;
  };
  return (plan, timeUs) =>
    milestoneAfterCompletion(plan, timeUs, opts.asyncWrites, opts.threads, (cut, outstanding) => (cut <= loaderEnd || inRun(cut, outstanding, plan) ? 1 : Math.max(1, opts.threads - outstanding)));
}

/**
 * A milestone at trace time `timeUs` that waits for the k-th latest completion (reads and
 * flushes only when `asyncWrites`) among the requests issued by then, `k = pick(cut, outstanding)`
 * (cut: requests issued by then; outstanding: counted ones not yet complete), and thinks the rest.
 *
 * @example
 * milestoneAfterCompletion(inferReplayPlan(boot1), 28352530, true, 1, () => 1) // => { dep: 1479, thinkUs: 52768, notBeforeUs: 0 }
 */
export function milestoneAfterCompletion(
  plan: ReplayPlan, timeUs: number, asyncWrites: boolean, depth: number, pick: (cut: number, outstanding: number) => number,
): ReplayMilestone {
  let cut = 0;
  while (cut < plan.count && plan.traceIssueUs[cut] <= timeUs) cut++;
  const sweep = new CompletionSweep(plan.requests, plan.traceCompletionUs, asyncWrites, depth);
  sweep.advance(timeUs, cut);
  const d = sweep.kthLatest(pick(cut, sweep.outstanding(cut)));
  return { dep: d, thinkUs: d < 0 ? timeUs : timeUs - plan.traceCompletionUs[d], notBeforeUs: 0 };
}


/** CSR lists of the dependents of each request. */
function childLists(dep: Int32Array): { childStart: Int32Array; children: Int32Array } {
  const n = dep.length;
  const childStart = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) if (dep[j] >= 0) childStart[dep[j] + 1]++;
  for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i];
  const fill = childStart.slice(0, n);
  const children = new Int32Array(childStart[n]);
  for (let j = 0; j < n; j++) if (dep[j] >= 0) children[fill[dep[j]]++] = j;
  return { childStart, children };
}
