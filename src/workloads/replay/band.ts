/**
 * The model band: how much of a predicted time rests on the dependency guess. Two readings of
 * the same trace bracket every plausible dependency structure:
 *
 * - **chain** — every request waits for the latest completion of any request, writes included,
 *   and thinks its whole gap after it (no concurrency at all);
 * - **slack** — every request waits only for the completion its plan names, and all its think is
 *   wall-clock slack: it is issued no earlier than its trace time, as if the guest's CPU work had
 *   gone on during the wait.
 *
 * Replayed with the service times the simulated storage delivered, the two readings and the
 * point estimate give the band `[min, max]`: on a slower device the slack reading is the low end
 * and the chain the high end; on a faster one the chain is the low end. The band holds the
 * delivered service times fixed (it does not re-run the devices), so it measures the dependency
 * guess, not queueing feedback.
 */
import { CompletionSweep } from "./completion-sweep.ts";
import { assemblePlan, DepKind, milestoneAfterCompletion, NO_RESUME, type ReplayMilestone, type ReplayPlan, type ResumeCost, traceTimes } from "./plan.ts";
import { predictMilestone, predictReplay } from "./predict.ts";

/**
 * The chain reading of a trace: every request waits for the latest completion (writes included).
 * `resume` is rule 5's cost (plan.ts), the same in every reading: it is the guest's, not a
 * dependency guess.
 *
 * @example
 * const chain = chainPlan([
 *   { timeUs: 0, op: "R", offset: 0, length: 4096, latencyUs: 10 },
 *   { timeUs: 5, op: "R", offset: 4096, length: 4096, latencyUs: 10 },
 *   { timeUs: 100, op: "R", offset: 8192, length: 4096, latencyUs: 10 },
 * ]);
 * chain.dep[2] // => 1 // request 1 completed last before request 2 was issued
 */
export function chainPlan(requests: ReplayPlan["requests"], resume: ResumeCost = NO_RESUME): ReplayPlan {
  const times = traceTimes(requests);
  const n = requests.length;
  const dep = new Int32Array(n).fill(-1);
  const thinkUs = new Float64Array(n);
  const kind = new Uint8Array(n);
  const sweep = new CompletionSweep(requests, times.completion, false, 1);
  for (let j = 0; j < n; j++) {
    sweep.advance(times.issue[j], j);
    const d = sweep.kthLatest(1);
    dep[j] = d;
    thinkUs[j] = d < 0 ? times.issue[j] : times.issue[j] - times.completion[d];
    kind[j] = d < 0 ? DepKind.Start : DepKind.Latest;
  }
  const rule = (plan: ReplayPlan, timeUs: number): ReplayMilestone => milestoneAfterCompletion(plan, timeUs, false, 1, () => 1);
  return assemblePlan(requests, times, { dep, thinkUs, notBeforeUs: new Float64Array(n), kind }, rule, "chain reading", resume);
}

/**
 * The slack reading of `plan`: the same dependencies, no think after them, and every request
 * (and milestone) no earlier than its trace time.
 *
 * @example
 * const slack = slackPlan(inferReplayPlan(boot1));
 * slack.notBeforeUs[3] === slack.traceIssueUs[3] // => true
 */
export function slackPlan(plan: ReplayPlan): ReplayPlan {
  const n = plan.count;
  const thinkUs = new Float64Array(n);
  const kind = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    if (plan.dep[j] < 0) thinkUs[j] = plan.traceIssueUs[j];
    kind[j] = plan.dep[j] < 0 ? DepKind.Start : DepKind.Anchored;
  }
  const rule = (p: ReplayPlan, timeUs: number): ReplayMilestone => {
    const m = plan.milestoneRule(plan, timeUs);
    return { dep: m.dep, thinkUs: m.dep < 0 ? timeUs : 0, notBeforeUs: timeUs };
  };
  return assemblePlan(
    plan.requests, { issue: plan.traceIssueUs, completion: plan.traceCompletionUs },
    { dep: plan.dep.slice(), thinkUs, notBeforeUs: plan.traceIssueUs.slice(), kind }, rule, `slack reading of ${plan.origin}`, plan.resume,
  );
}

/** A predicted time with its model band, µs. */
export interface Banded {
  point: number;
  lower: number;
  upper: number;
}

/** The two readings of a plan, computed once and shared (plans are immutable). */
const readings = new WeakMap<ReplayPlan, { chain: ReplayPlan; slack: ReplayPlan }>();

/**
 * The chain and slack readings of `plan`, cached per plan.
 *
 * @example
 * bandReadings(inferReplayPlan(boot1)).chain.origin // => "chain reading"
 */
export function bandReadings(plan: ReplayPlan): { chain: ReplayPlan; slack: ReplayPlan } {
  let r = readings.get(plan);
  if (r === undefined) {
    r = { chain: chainPlan(plan.requests, plan.resume), slack: slackPlan(plan) };
    readings.set(plan, r);
  }
  return r;
}

/**
 * A milestone's point time under `plan` and its band, when request i takes `serviceUs(i)` µs
 * (for a simulated replay: each request's delivered completion − issue).
 *
 * @example
 * const plan = inferReplayPlan(boot1);
 * const slow = milestoneBand(plan, 28352530, (i) => (plan.requests[i].latencyUs ?? 0) + 5000);
 * [slow.lower <= slow.point, slow.point <= slow.upper] // => [true, true]
 */
export function milestoneBand(plan: ReplayPlan, timeUs: number, serviceUs: (index: number) => number): Banded {
  const service = (_r: unknown, i: number): number => serviceUs(i);
  const at = (p: ReplayPlan): number => predictMilestone(p.milestoneRule(p, timeUs), predictReplay(p, service));
  const { chain, slack } = bandReadings(plan);
  const point = at(plan);
  const a = at(chain);
  const b = at(slack);
  return { point, lower: Math.min(point, a, b), upper: Math.max(point, a, b) };
}
