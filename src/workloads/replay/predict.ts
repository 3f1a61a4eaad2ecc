import type { TraceRequest } from "../traces/types.ts";
import type { ReplayMilestone, ReplayPlan } from "./plan.ts";

/** Simulated issue and completion time of every request, µs since replay start. */
export interface ReplayTiming {
  issueUs: Float64Array;
  completionUs: Float64Array;
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
 * predictMilestone(planMilestone(plan, 28352530), slow) // => 31912530
 */
export function predictReplay(plan: ReplayPlan, serviceTimeUs: (request: TraceRequest, index: number) => number): ReplayTiming {
  const n = plan.count;
  const issueUs = new Float64Array(n);
  const completionUs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Invariant: dep[i] < i, so its completion is already known.
    issueUs[i] = ruleTime(plan.dep[i], plan.thinkUs[i], plan.notBeforeUs[i], completionUs);
    completionUs[i] = issueUs[i] + serviceTimeUs(plan.requests[i], i);
  }
  return { issueUs, completionUs };
}

/**
 * When a milestone (from `planMilestone`) happens in a predicted replay, µs since replay start.
 *
 * @example
 * const timing = predictReplay(inferReplayPlan(boot1), (r) => r.latencyUs ?? 0);
 * predictMilestone({ dep: 3, thinkUs: 100, notBeforeUs: 0 }, timing) // => timing.completionUs[3] + 100
 */
export function predictMilestone(milestone: ReplayMilestone, timing: ReplayTiming): number {
  return ruleTime(milestone.dep, milestone.thinkUs, milestone.notBeforeUs, timing.completionUs);
}

/** The critical path of a milestone in a predicted replay (see {@link criticalPath}). */
export interface CriticalPath {
  /** Requests on the path, earliest first (the last one gates the milestone). */
  requests: number[];
  /** Where the path starts: the replay start (0) or the anchor time that bound its first request, µs. */
  startUs: number;
  /** Sum of think times on the path, µs. */
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
    if (notBefore > timing.completionUs[dep] + think) return { requests: requests.reverse(), startUs: notBefore, thinkUs, serviceUs };
    thinkUs += think;
    requests.push(dep);
    serviceUs += timing.completionUs[dep] - timing.issueUs[dep];
    [dep, think, notBefore] = [plan.dep[dep], plan.thinkUs[dep], plan.notBeforeUs[dep]];
  }
}

/** issue = max(completion[dep] + think, notBefore); dep -1 means "think after replay start". */
function ruleTime(dep: number, thinkUs: number, notBeforeUs: number, completionUs: Float64Array): number {
  return Math.max(dep < 0 ? thinkUs : completionUs[dep] + thinkUs, notBeforeUs);
}
