/**
 * Replay dependency inference: from a trace's issue and completion times (issue + latency_us),
 * which earlier request did each request wait for, and how long did the guest think?
 *
 * Model (calibrated on traces/boot1.csv against boot3_delay5ms, see docs/replay.md):
 *
 * 1. **Last thing seen.** Request j waits for the latest-completing *read or flush* that
 *    completed at or before j's issue (its `dep`). Writes are write-back: the guest does not
 *    wait for them (in the 5 ms what-if, 206 of the 526 requests issued while another was
 *    outstanding were writes).
 * 2. **Bursts.** A request issued within `burstUs` (300 µs) of the previous issue belongs to the
 *    previous request's burst (readahead, a plug of bios, a journal commit): it keeps the
 *    burst head's dependency and its offset from the head, and does not wait for the head.
 *    Of boot1's requests issued < 200 µs after the previous completion, 71 of 84 were issued
 *    while the previous one was outstanding once every request took 5 ms longer.
 * 3. **Bounded dependent think.** After `dep` completes the guest thinks `min(gap,
 *    dependentThinkUs)` (50 ms) before issuing. Anything longer is not work that waited for
 *    `dep`: another service's CPU work on the other vCPU, a timer, the network. That part is
 *    anchored to the trace clock: the request is issued no earlier than its trace time
 *    (`notBeforeUs`). So a slower disk cannot make a 3 s timer wait longer, but delays that
 *    accumulate beyond the slack push it out.
 * 4. Milestones (service ready at a trace time, not a request) follow rules 1 and 3.
 *
 * With service time = the trace's own latency every issue and milestone is reproduced exactly.
 * Replaying boot1 with every request 5 ms slower predicts service ready at 30.40 s (measured
 * 30.02 s, +1.3%); a chain where every request waits for the last completion predicts 35.68 s.
 *
 * Limits: one trace has no thread ids, so the split between dependent think and anchored slack
 * is one global constant, fitted on one what-if (±3% for 40–60 ms); run-to-run noise of the
 * emulated guest is itself ~1 s over a 28 s boot. Anchors cannot move earlier: a *faster* device
 * than the recorded one only shortens the dependent chains between anchors (replaying the 5 ms
 * trace with 5 ms less service predicts 30.02 s, not 28.35 s). Requests issued while their
 * `dep`'s own predecessor is still outstanding in the replay are allowed (that is the point).
 */
import type { TraceRequest } from "../traces/types.ts";

/** Options of {@link inferReplayPlan}. */
export interface ReplayInferenceOptions {
  /** A request issued at most this long after the previous issue joins its burst, µs. Default 300. */
  burstUs?: number;
  /** Longest think that depends on the last completion; the rest is anchored to the trace clock, µs. Default 50 000. */
  dependentThinkUs?: number;
  /** Requests do not wait for write completions. Default true. */
  asyncWrites?: boolean;
}

/** Calibrated defaults of {@link ReplayInferenceOptions} (docs/replay.md). */
export const REPLAY_DEFAULTS: Required<ReplayInferenceOptions> = { burstUs: 300, dependentThinkUs: 50_000, asyncWrites: true };

/**
 * How a request's issue was inferred (values of `ReplayPlan.kind`): `Start` — no earlier
 * completion, issued `thinkUs` after replay start; `Completion` — waits for `dep`, then thinks
 * `thinkUs` (≤ dependentThinkUs); `Burst` — member of a burst: the head's dependency, think =
 * head's think + offset from the head; `Anchored` — long gap: waits for `dep` + dependentThinkUs,
 * and no earlier than its trace time.
 *
 * @example
 * DepKind.Anchored // => 3
 */
export const DepKind = { Start: 0, Completion: 1, Burst: 2, Anchored: 3 } as const;
/** One of the {@link DepKind} values. */
export type DepKind = (typeof DepKind)[keyof typeof DepKind];

/**
 * A replay plan: for each request i (in trace issue order), the issue rule
 *
 *     issue[i] = max(dep[i] < 0 ? thinkUs[i] : completion[dep[i]] + thinkUs[i], notBeforeUs[i])
 *
 * (µs since replay start; `notBeforeUs` is 0 when unanchored). Each request has at most one
 * dependency, always an earlier index. `childStart`/`children` list the dependents of each request
 * (CSR: children of i are `children[childStart[i] .. childStart[i+1])`), to drive an event loop:
 *
 *     for each i with dep[i] < 0: schedule issue(i) at max(thinkUs[i], notBeforeUs[i])
 *     on completion of i at time c:
 *       for k in childStart[i] .. childStart[i+1]:
 *         j = children[k]   // its pending count drops from 1 to 0
 *         schedule issue(j) at max(c + thinkUs[j], notBeforeUs[j])
 *
 * @example
 * const plan = inferReplayPlan([...readRtolabCsv("traces/boot1.csv")]);
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
  readonly options: Required<ReplayInferenceOptions>;
}

/** A moment of the trace that is not a request (service ready), mapped like a request. */
export interface ReplayMilestone {
  dep: number;
  thinkUs: number;
  notBeforeUs: number;
}

/**
 * Infers the closed-loop replay plan of a trace sorted by issue time (see the module comment).
 * Requests without `latencyUs` count as completing at issue. Throws a RangeError when the
 * requests are not sorted by `timeUs`.
 *
 * @example
 * const plan = inferReplayPlan([
 *   { timeUs: 0, op: "R", offset: 0, length: 4096, latencyUs: 10 },
 *   { timeUs: 100, op: "R", offset: 4096, length: 4096, latencyUs: 10 },
 *   { timeUs: 1000, op: "R", offset: 8192, length: 4096, latencyUs: 10 },
 * ]);
 * [[...plan.dep], [...plan.thinkUs], [...plan.kind]] // => [[-1, -1, 1], [0, 100, 890], [0, 2, 1]]
 */
export function inferReplayPlan(requests: readonly TraceRequest[], options: ReplayInferenceOptions = {}): ReplayPlan {
  const opts = { ...REPLAY_DEFAULTS, ...options };
  const { issue, completion } = traceTimes(requests);
  const n = requests.length;
  const dep = new Int32Array(n).fill(-1);
  const thinkUs = new Float64Array(n);
  const notBeforeUs = new Float64Array(n);
  const kind = new Uint8Array(n);
  const seen = latestCompletionSweep(requests, completion, opts.asyncWrites);
  let head = 0;
  for (let j = 0; j < n; j++) {
    const latest = seen(issue[j], j);
    if (j > 0 && issue[j] - issue[j - 1] <= opts.burstUs) {
      // Same burst: inherit the head's rule, shifted by the offset from the head.
      const offset = issue[j] - issue[head];
      dep[j] = dep[head];
      thinkUs[j] = thinkUs[head] + offset;
      notBeforeUs[j] = notBeforeUs[head] > 0 ? notBeforeUs[head] + offset : 0;
      kind[j] = DepKind.Burst;
      continue;
    }
    head = j;
    const rule = dependencyRule(latest, issue[j], completion, opts.dependentThinkUs);
    dep[j] = rule.dep;
    thinkUs[j] = rule.thinkUs;
    notBeforeUs[j] = rule.notBeforeUs;
    kind[j] = rule.dep < 0 ? DepKind.Start : rule.notBeforeUs > 0 ? DepKind.Anchored : DepKind.Completion;
  }
  return { requests, count: n, dep, thinkUs, notBeforeUs, kind, ...childLists(dep), traceIssueUs: issue, traceCompletionUs: completion, options: opts };
}

/**
 * The open-loop plan: every request issued at its trace time, whatever the device does.
 *
 * @example
 * const plan = openLoopPlan([{ timeUs: 0, op: "R", offset: 0, length: 512 }, { timeUs: 70, op: "W", offset: 0, length: 512 }]);
 * [[...plan.dep], [...plan.notBeforeUs]] // => [[-1, -1], [0, 70]]
 */
export function openLoopPlan(requests: readonly TraceRequest[]): ReplayPlan {
  const { issue, completion } = traceTimes(requests);
  const n = requests.length;
  return {
    requests, count: n, dep: new Int32Array(n).fill(-1), thinkUs: issue.slice(), notBeforeUs: issue.slice(),
    kind: new Uint8Array(n), ...childLists(new Int32Array(n).fill(-1)), traceIssueUs: issue, traceCompletionUs: completion,
    options: { ...REPLAY_DEFAULTS, burstUs: 0, dependentThinkUs: Number.POSITIVE_INFINITY },
  };
}

/**
 * Maps a trace moment that is not a request (e.g. service ready at `timeUs` since the trace's
 * first request) through the plan's rules: it waits for the latest read/flush completed by then,
 * with think capped at the plan's `dependentThinkUs` and the rest anchored.
 *
 * @example
 * planMilestone(inferReplayPlan(boot1), 28352530) // => { dep: 1479, thinkUs: 50000, notBeforeUs: 28352530 }
 */
export function planMilestone(plan: ReplayPlan, timeUs: number): ReplayMilestone {
  let latest = -1;
  for (let i = 0; i < plan.count; i++) {
    if (plan.traceIssueUs[i] > timeUs) break;
    if (plan.options.asyncWrites && plan.requests[i].op === "W") continue;
    const c = plan.traceCompletionUs[i];
    if (c <= timeUs && (latest < 0 || c >= plan.traceCompletionUs[latest])) latest = i;
  }
  return dependencyRule(latest, timeUs, plan.traceCompletionUs, plan.options.dependentThinkUs);
}

/** Rules 1 and 3 of the module comment for an issue at `at` whose latest completion is `latest`. */
function dependencyRule(latest: number, at: number, completion: Float64Array, maxThink: number): ReplayMilestone {
  if (latest < 0) return { dep: -1, thinkUs: at, notBeforeUs: 0 };
  const gap = at - completion[latest];
  return gap > maxThink ? { dep: latest, thinkUs: maxThink, notBeforeUs: at } : { dep: latest, thinkUs: gap, notBeforeUs: 0 };
}

/** Trace issue and completion times (µs since the first request); checks the order. */
function traceTimes(requests: readonly TraceRequest[]): { issue: Float64Array; completion: Float64Array } {
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
 * Returns `seen(t, j)`: the index < j of the latest-completing request (reads and flushes only
 * when `asyncWrites`) with completion ≤ t, or -1. Calls must come with non-decreasing t and j.
 */
function latestCompletionSweep(requests: readonly TraceRequest[], completion: Float64Array, asyncWrites: boolean): (t: number, j: number) => number {
  const byCompletion = Array.from(completion.keys()).filter((i) => !(asyncWrites && requests[i].op === "W"));
  byCompletion.sort((a, b) => completion[a] - completion[b] || a - b);
  let next = 0;
  let best = -1;
  const deferred: number[] = []; // completed by t but not yet earlier than j (zero-latency ties)
  const offer = (i: number): void => {
    if (best < 0 || completion[i] >= completion[best]) best = i;
  };
  return (t, j) => {
    while (next < byCompletion.length && completion[byCompletion[next]] <= t) {
      const i = byCompletion[next++];
      if (i < j) offer(i);
      else deferred.push(i);
    }
    for (let k = deferred.length - 1; k >= 0; k--) {
      if (deferred[k] < j) offer(deferred.splice(k, 1)[0]);
    }
    return best;
  };
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
