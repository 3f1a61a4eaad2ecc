/**
 * Closed-loop guest replay on the kernel: drives a {@link ReplayPlan} from the event loop, as
 * the plan's doc comment describes. Requests with no dependency are issued at
 * `max(thinkUs, notBeforeUs)` after the replay starts; when request `i` completes at `c`, each
 * child `j` is issued at `max(c + thinkUs[j], notBeforeUs[j])`. With a device that serves
 * request `i` in `s(i)` µs without queueing, every issue, completion and milestone equals
 * `predictReplay(plan, s)` exactly (µs × 1000 = ns).
 *
 * State is per VM and sized by the plan: issue and completion times, side by side in one
 * Float64Array (a request's two writes share a line). Each request has at most one dependency,
 * so no pending counters are needed: a child becomes ready the moment its one parent completes. The plan is shared and never written to.
 */
import type { EventKind } from "../../kernel/event-kind.ts";
import type { Simulation } from "../../kernel/simulation.ts";
import type { BlockDevice } from "../../models/devices/types.ts";
import type { TraceRequest } from "../traces/types.ts";
import { milestoneBand } from "./band.ts";
import { planMilestone, type ReplayPlan, resumedThinkUs } from "./plan.ts";

/** Options of {@link startGuestReplay}. */
export interface GuestReplayOptions {
  /** From `inferReplayPlan` (closed loop) or `openLoopPlan` (issue at trace times); shared by many VMs: never mutated. */
  plan: ReplayPlan;
  /** The trace's requests, by index; default `plan.requests`. Read back with `GuestReplay.request(i)`. */
  requests?: ArrayLike<TraceRequest> | ((index: number) => TraceRequest);
  /** Serve request `index`; call `done()` exactly once when it completes (simulated). */
  submit(index: number, done: () => void): void;
  /** Named milestones at trace times (µs), e.g. `{ serviceReady: 28352530 }`; mapped by `planMilestone`. */
  milestones?: Record<string, number>;
  /** Called when a milestone is reached, with its time in ns since the replay started. */
  onMilestone?(name: string, timeNs: number): void;
  /** Stop issuing requests issued after this trace time (µs), e.g. cut at service ready. Default: replay all. */
  stopAtUs?: number;
  /** Component name for the fingerprint tag of the replay's events. Default `"guest"`. */
  name?: string;
}

/** A running replay: counters and readouts, all times in ns since the replay started. */
export interface GuestReplay {
  /** Requests issued (submitted) so far. */
  readonly issued: number;
  /** Requests completed so far. */
  readonly completed: number;
  /** Requests the replay will issue: those up to `stopAtUs`. */
  readonly total: number;
  /** True when every request up to the cut has completed. */
  readonly finished: boolean;
  /** When a milestone was reached, ns since the replay started; undefined before. */
  milestoneNs(name: string): number | undefined;
  /**
   * A reached milestone's model band, ns since the replay started: the milestone under the
   * chain and slack readings of the trace (`band.ts`) with the service times this replay's
   * requests were delivered; undefined before the milestone is reached.
   */
  milestoneBandNs(name: string): { lower: number; upper: number } | undefined;
  /** When request `index` was issued / completed, ns since the replay started; undefined before. */
  issueNs(index: number): number | undefined;
  completionNs(index: number): number | undefined;
  /** Request `index` of the trace. */
  request(index: number): TraceRequest;
}

const US = 1000;

/**
 * Starts replaying `options.plan` at the current simulated time. Requests go to
 * `options.submit(index, done)`; the replay never blocks the kernel and needs no process.
 * Throws an Error when `done` is called twice for a request (a bug in the caller).
 *
 * @example
 * const plan = inferReplayPlan(boot1);
 * const disk = new RecordedDevice(sim, "vm1.disk");
 * const replay = startGuestReplay(sim, {
 *   plan, submit: (i, done) => disk.submit(plan.requests[i], done),
 *   milestones: { serviceReady: 28352530 }, stopAtUs: 28352530,
 * });
 * sim.run();
 * replay.milestoneNs("serviceReady") // => 28352530000
 */
export function startGuestReplay(sim: Simulation, options: GuestReplayOptions): GuestReplay {
  return new Replay(sim, options);
}

/**
 * A `submit` for {@link GuestReplayOptions} that sends request `index` of `requests` to `device`.
 *
 * @example
 * const plan = inferReplayPlan(boot1);
 * const disk = new RecordedDevice(sim, "vm1.disk");
 * const replay = startGuestReplay(sim, { plan, submit: submitTo(disk, plan.requests) });
 * sim.run();
 * replay.completed // => 1767
 */
export function submitTo(device: BlockDevice, requests: ArrayLike<TraceRequest>): (index: number, done: () => void) => void {
  return (index, done) => device.submit(requests[index], done);
}

/**
 * A reached milestone's model band moved onto another clock: the band's offsets around the
 * milestone, placed around `at` (the milestone's time on that clock, e.g. a TTS measured from
 * the restore request, or absolute simulated ns). Undefined when the milestone was not reached.
 *
 * @example
 * // service ready 30 s into the replay, band [28 s, 35 s]; the restore was requested 12 s before the replay started
 * const replay = { milestoneNs: () => 30e9, milestoneBandNs: () => ({ lower: 28e9, upper: 35e9 }) } as unknown as GuestReplay;
 * milestoneBandAt(replay, "serviceReady", 42e9) // => { lower: 40e9, upper: 47e9 }
 */
export function milestoneBandAt(replay: GuestReplay | null | undefined, name: string, at: number | undefined): { lower: number; upper: number } | undefined {
  const reached = replay?.milestoneNs(name);
  const band = replay?.milestoneBandNs(name);
  if (at === undefined || reached === undefined || band === undefined) return undefined;
  return { lower: at - (reached - band.lower), upper: at + (band.upper - reached) };
}

interface Milestone {
  name: string;
  dep: number;
  thinkNs: number;
  notBeforeNs: number;
}

class Replay implements GuestReplay {
  issued = 0;
  completed = 0;
  readonly total: number;
  private readonly plan: ReplayPlan;
  private readonly startNs: number;
  /** Issue time of request i at 2i, its completion at 2i + 1 (NaN before): one line for both. */
  private readonly times: Float64Array;
  private readonly milestones: Milestone[] = [];
  private readonly reached = new Map<string, number>();
  private readonly tag: number;
  // Bound once per replay, not per request: the kernel passes the index as event data.
  private readonly issueEvent: (index: number) => void;
  private readonly milestoneEvent: (milestone: Milestone) => void;

  constructor(
    private readonly sim: Simulation,
    private readonly options: GuestReplayOptions,
  ) {
    const plan = options.plan;
    this.plan = plan;
    this.startNs = sim.now;
    this.total = cutIndex(plan, options.stopAtUs);
    this.times = new Float64Array(2 * this.total).fill(Number.NaN);
    this.tag = sim.intern(options.name ?? "guest");
    this.issueEvent = function guestIssue(this: Replay, index: number): void {
      this.issue(index);
    }.bind(this);
    this.milestoneEvent = function guestMilestone(this: Replay, milestone: Milestone): void {
      this.reach(milestone);
    }.bind(this);
    for (const [name, timeUs] of Object.entries(options.milestones ?? {})) {
      const rule = planMilestone(plan, timeUs);
      const milestone = { name, dep: rule.dep, thinkNs: Math.round(rule.thinkUs * US), notBeforeNs: Math.round(rule.notBeforeUs * US) };
      this.milestones.push(milestone);
      if (milestone.dep < 0) this.scheduleRule(this.startNs, milestone.thinkNs, milestone.notBeforeNs, "replay.milestone", this.milestoneEvent, milestone);
    }
    for (let i = 0; i < this.total; i++) {
      if (plan.dep[i] < 0) this.scheduleRule(this.startNs, Math.round(plan.thinkUs[i] * US), Math.round(plan.notBeforeUs[i] * US), "replay.issue", this.issueEvent, i);
    }
  }

  get finished(): boolean {
    return this.completed === this.total;
  }

  milestoneNs(name: string): number | undefined {
    return this.reached.get(name);
  }

  milestoneBandNs(name: string): { lower: number; upper: number } | undefined {
    const at = this.reached.get(name);
    const timeUs = this.options.milestones?.[name];
    if (at === undefined || timeUs === undefined) return undefined;
    const times = this.times;
    // Delivered service of request i, µs; requests never issued (past the cut) cannot gate it.
    const band = milestoneBand(this.plan, timeUs, (i) => (i < this.total ? (times[2 * i + 1] - times[2 * i]) / US : 0));
    return { lower: Math.round(Math.min(band.lower * US, at)), upper: Math.round(Math.max(band.upper * US, at)) };
  }

  issueNs(index: number): number | undefined {
    return this.has(index) ? since(this.times[2 * index]) : undefined;
  }

  completionNs(index: number): number | undefined {
    return this.has(index) ? since(this.times[2 * index + 1]) : undefined;
  }

  private has(index: number): boolean {
    return Number.isInteger(index) && index >= 0 && index < this.total;
  }

  request(index: number): TraceRequest {
    const requests = this.options.requests ?? this.plan.requests;
    return typeof requests === "function" ? requests(index) : requests[index];
  }

  /** Schedules `callback(data)` as a `kind` event at `max(base + think, start + notBefore)` (ns, absolute). */
  private scheduleRule<T>(baseNs: number, thinkNs: number, notBeforeNs: number, kind: EventKind, callback: (data: T) => void, data: T): void {
    const at = Math.max(baseNs + thinkNs, this.startNs + notBeforeNs, this.sim.now);
    this.sim.scheduleAt(at, kind, callback, data, undefined, this.tag);
  }

  private issue(index: number): void {
    this.times[2 * index] = this.sim.now - this.startNs;
    this.issued++;
    let called = false;
    this.options.submit(index, () => {
      if (called) throw new Error(`guest replay: done() called twice for request ${index}`);
      called = true;
      this.complete(index);
    });
  }

  private complete(index: number): void {
    const now = this.sim.now;
    this.times[2 * index + 1] = now - this.startNs;
    this.completed++;
    const plan = this.plan;
    // Rule 5 (plan.ts): the think after this request follows how long it took here.
    const waitUs = (this.times[2 * index + 1] - this.times[2 * index]) / US;
    for (let k = plan.childStart[index]; k < plan.childStart[index + 1]; k++) {
      const child = plan.children[k];
      // Children are later in issue order: past the cut, so are all the rest.
      if (child >= this.total) break;
      const thinkNs = Math.round(resumedThinkUs(plan, index, plan.thinkUs[child], waitUs) * US);
      this.scheduleRule(now, thinkNs, Math.round(plan.notBeforeUs[child] * US), "replay.issue", this.issueEvent, child);
    }
    const milestones = this.milestones;
    for (let m = 0; m < milestones.length; m++) {
      const milestone = milestones[m];
      if (milestone.dep !== index) continue;
      const thinkNs = plan.resume.costUs === 0 ? milestone.thinkNs : Math.round(resumedThinkUs(plan, index, milestone.thinkNs / US, waitUs) * US);
      this.scheduleRule(now, thinkNs, milestone.notBeforeNs, "replay.milestone", this.milestoneEvent, milestone);
    }
  }

  private reach(milestone: Milestone): void {
    const at = this.sim.now - this.startNs;
    this.reached.set(milestone.name, at);
    this.options.onMilestone?.(milestone.name, at);
  }
}

/** Number of requests issued at or before `stopAtUs` in the trace (all when undefined). */
function cutIndex(plan: ReplayPlan, stopAtUs: number | undefined): number {
  if (stopAtUs === undefined) return plan.count;
  let lo = 0;
  let hi = plan.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (plan.traceIssueUs[mid] <= stopAtUs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function since(value: number): number | undefined {
  return Number.isNaN(value) ? undefined : value;
}
