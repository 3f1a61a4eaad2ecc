/**
 * What-if pairs recorded behind nbdkit's rate filter: the service times of a replay in either
 * direction. A rate filter's wait depends on when the requests arrive, so it cannot be a fixed
 * delay per request the way the delay filter's is (validate.ts):
 *
 * - **slower** (a recording from the unthrottled disk replayed behind the filter): the replay
 *   runs closed-loop on the kernel against the recorded device with the filter in front
 *   (`RecordedDevice` with `rateLimit`, the device a `vm-boot` scenario uses), and each
 *   request's service is what that run delivered: its wait for tokens plus its recorded latency
 *   (plus the pair's delay, if the recording had the delay filter too);
 * - **faster** (the throttled recording replayed without the filter): each read's and write's
 *   wait in the filter is reconstructed by passing the recording's own requests through the
 *   filter at their recorded issue times, and taken from its recorded latency (floored at 0), as
 *   the delay is for a delay pair.
 *
 * Either way the rest of the validation (model band, /init split) reads the same service times,
 * so a throttled pair goes through the table exactly as a delayed one does.
 */
import { Simulation } from "../../kernel/simulation.ts";
import { RecordedDevice } from "../../models/devices/recorded.ts";
import { RateFilter } from "../../models/devices/rate-filter.ts";
import type { TraceRequest } from "../traces/types.ts";
import { startGuestReplay, submitTo } from "./driver.ts";
import type { ReplayPlan } from "./plan.ts";

/** nbdkit's rate filter, as a what-if pair's slowed recording had it beneath the log filter. */
export interface DiskThrottle {
  /** The filter's rate, bytes/s (nbdkit's `rate=` is bits/s with binary prefixes: rate=32M is 4 MiB/s). */
  rateBytesPerS: number;
  /** The filter's burst allowance, µs (nbdkit's `burstiness=`, 2 s by default): each bucket holds rate × burstiness. */
  burstinessUs: number;
}

const US = 1000;

/**
 * The wait of each request of a recording made behind `throttle`, µs: the recording's reads and
 * writes offered to the filter's two buckets (full at the start) at their recorded issue times,
 * open loop, each waiting until its bits are taken. Flushes pass free (0).
 *
 * @example
 * const r = (timeUs: number): TraceRequest => ({ timeUs, op: "R", offset: 0, length: 1000, latencyUs: 0 });
 * // 1000 B/s, 1 s of burst: the bucket holds 1000 B. The first read empties it, the second waits 1 s for its bits,
 * // the third arrives at 1.5 s and waits until 2 s, when its bits have accrued.
 * [...filterWaitsUs([r(0), r(0), r(1_500_000)], { rateBytesPerS: 1000, burstinessUs: 1_000_000 })] // => [0, 1000000, 500000]
 */
export function filterWaitsUs(requests: readonly TraceRequest[], throttle: DiskThrottle): Float64Array {
  const sim = new Simulation();
  const reads = RateFilter.ofBytes(sim, throttle.rateBytesPerS, throttle.burstinessUs * US);
  const writes = RateFilter.ofBytes(sim, throttle.rateBytesPerS, throttle.burstinessUs * US);
  const waits = new Float64Array(requests.length);
  requests.forEach((request, i) => {
    const filter = request.op === "R" ? reads : request.op === "W" ? writes : null;
    if (filter === null) return;
    const issueNs = Math.round(request.timeUs * US);
    sim.scheduleAt(issueNs, "replay.throttle-offer", () => filter.admit(request.length, () => (waits[i] = (sim.now - issueNs) / US)));
  });
  sim.run();
  return waits;
}

/**
 * The service time of each request of `plan` when it is replayed closed-loop behind `throttle`
 * with its recorded latency + `delayUs` (reads and writes; flushes keep their recorded latency
 * and pass the filter free), µs: what a kernel run of the replay up to `stopAtUs` (trace time)
 * delivered. Requests past the cut, never issued, get their recorded latency + delay: they
 * cannot gate a milestone before the cut.
 *
 * @example
 * const plan = inferReplayPlan([
 *   { timeUs: 0, op: "R", offset: 0, length: 1000, latencyUs: 10 },
 *   { timeUs: 20, op: "R", offset: 1000, length: 1000, latencyUs: 10 },
 * ]);
 * const serviceUs = throttledServiceUs(plan, { rateBytesPerS: 1000, burstinessUs: 1_000_000 }, 0, 20);
 * [serviceUs(0), serviceUs(1)] // => [10, 999990] // issued at 20 µs, the second read waits the 999.98 ms its bits still need, then takes its 10 µs
 */
export function throttledServiceUs(plan: ReplayPlan, throttle: DiskThrottle, delayUs: number, stopAtUs: number): (index: number) => number {
  const sim = new Simulation();
  const disk = new RecordedDevice(sim, "whatif.disk", { rateLimit: throttle.rateBytesPerS, burstiness: throttle.burstinessUs * US, addedDelay: Math.round(delayUs * US) });
  const replay = startGuestReplay(sim, { plan, submit: submitTo(disk, plan.requests), stopAtUs, name: "whatif" });
  sim.run();
  const requests = plan.requests;
  return (i) => {
    const issued = replay.issueNs(i);
    const completed = replay.completionNs(i);
    if (issued !== undefined && completed !== undefined) return (completed - issued) / US;
    const latency = requests[i].latencyUs ?? 0;
    return requests[i].op === "F" ? latency : latency + delayUs;
  };
}
