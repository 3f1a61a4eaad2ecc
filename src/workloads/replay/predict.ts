import type { TraceRequest } from "../traces/types.ts";
import { type ReplayMilestone, type ReplayPlan, resumedThinkUs } from "./plan.ts";

/** Simulated issue and completion time of every request, µs since replay start. */
export interface ReplayTiming {
  issueUs: Float64Array;
  completionUs: Float64Array;
  /** The think after request `dep` in this replay (rule 5: its resume cost follows its simulated wait). */
  thinkAfter(dep: number, thinkUs: number): number;
}

/**
 * The timing predictor: replays `plan` against a device whose service time for request i is
 * `serviceTimeUs(request, i)` µs, with no queueing between requests (each is served in its own
 * time, as on a device with unbounded parallelism). issue = max(completion of dep + think,
 * notBefore); completion = issue + service. Pure; O(n).
 *
 * @example
 * const plan = inferReplayPlan(boot1);
 * const slow = predictReplay(plan, (r) => (r.latencyUs ?? 0) + 5000);
 * predictMilestone(planMilestone(plan, 28352530), slow) // => 32300342
 */
export function predictReplay(plan: ReplayPlan, serviceTimeUs: (request: TraceRequest, index: number) => number): ReplayTiming {
  const n = plan.count;
  const issueUs = new Float64Array(n);
  const completionUs = new Float64Array(n);
  const thinkAfter = (dep: number, thinkUs: number): number => (dep < 0 ? thinkUs : resumedThinkUs(plan, dep, thinkUs, completionUs[dep] - issueUs[dep]));
  const timing = { issueUs, completionUs, thinkAfter };
  for (let i = 0; i < n; i++) {
    // Invariant: dep[i] < i, so its completion is already known.
    issueUs[i] = ruleTime(plan.dep[i], plan.thinkUs[i], plan.notBeforeUs[i], timing);
    completionUs[i] = issueUs[i] + serviceTimeUs(plan.requests[i], i);
  }
  return timing;
}

/**
 * When a milestone (from `planMilestone`) happens in a predicted replay, µs since replay start.
 *
 * @example
 * const timing = predictReplay(inferReplayPlan(boot1), (r) => r.latencyUs ?? 0);
 * predictMilestone({ dep: 3, thinkUs: 100, notBeforeUs: 0 }, timing) // => timing.completionUs[3] + 100
 */
export function predictMilestone(milestone: ReplayMilestone, timing: ReplayTiming): number {
  return ruleTime(milestone.dep, milestone.thinkUs, milestone.notBeforeUs, timing);
}

/** The critical path of a milestone in a predicted replay (see {@link criticalPath}). */
export interface CriticalPath {
  /** Requests on the path, earliest first (the last one gates the milestone). */
  requests: number[];
  /** Where the path starts: the replay start (0) or the anchor time that bound its first request, µs. */
  startUs: number;
  /** Sum of think times on the path (as replayed: with rule 5's resume costs), µs. */
  thinkUs: number;
  /** Sum of service times on the path, µs. */
  serviceUs: number;
}

/**
 * The chain of requests that determined a milestone's predicted time: walks back from the
 * milestone through each binding dependency until an anchor (`notBeforeUs`) or the start binds.
 * Then milestone time = startUs + thinkUs + serviceUs exactly, so on a device with service 0 the
 * milestone is bounded below by the think on its path, and adding d µs to every service
 * stretches it by at most (requests on the slowed run's path) × d.
 *
 * @example
 * const plan = inferReplayPlan(boot1);
 * const path = criticalPath(plan, planMilestone(plan, 28352530), predictReplay(plan, (r) => r.latencyUs ?? 0));
 * path.startUs + path.thinkUs + path.serviceUs // => 28352530
 */
export function criticalPath(plan: ReplayPlan, milestone: ReplayMilestone, timing: ReplayTiming): CriticalPath {
  const requests: number[] = [];
  let thinkUs = 0;
  let serviceUs = 0;
  let [dep, think, notBefore] = [milestone.dep, milestone.thinkUs, milestone.notBeforeUs];
  for (;;) {
    if (dep < 0) return { requests: requests.reverse(), startUs: Math.max(think, notBefore) - think, thinkUs: thinkUs + think, serviceUs };
    const replayedThink = timing.thinkAfter(dep, think);
    if (notBefore > timing.completionUs[dep] + replayedThink) return { requests: requests.reverse(), startUs: notBefore, thinkUs, serviceUs };
    thinkUs += replayedThink;
    requests.push(dep);
    serviceUs += timing.completionUs[dep] - timing.issueUs[dep];
    [dep, think, notBefore] = [plan.dep[dep], plan.thinkUs[dep], plan.notBeforeUs[dep]];
  }
}

/** issue = max(completion[dep] + think (rule 5 applied), notBefore); dep -1 means "think after replay start". */
function ruleTime(dep: number, thinkUs: number, notBeforeUs: number, timing: ReplayTiming): number {
  return Math.max(dep < 0 ? thinkUs : timing.completionUs[dep] + timing.thinkAfter(dep, thinkUs), notBeforeUs);
}
