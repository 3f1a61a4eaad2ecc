/**
 * What a slowed device that queues (nbdkit's rate filter, a cache filter's lock) added to each
 * request of a recording made behind it, read from the recording itself.
 *
 * Replaying the recording's own requests through a model of the device, open loop, tells which
 * requests the device held (throttle.ts `filterWaitsUs`, warm-cache.ts `cacheWaitsUs`) and, for a
 * request held alone, how long: the recorded latency less that wait is then the backend's own
 * 0.3–1 ms. But while several requests wait together, which of them goes first is a race the
 * model cannot replay (who wakes first after a sleep, who gets a mutex): in the real recordings the
 * same subtraction leaves −164 to +112 ms (10th to 90th percentile) on the reads that waited beside
 * others, and the positive part, 13–21 s a boot, stays in the faster replay as service time
 * (docs/replay.md, "Waits a queue decides"; held-waits.test.ts). The sum is right, the split is not.
 *
 * So every request the device held, and every request that was in flight beside a held one on the
 * same queue, is read as having waited all its recorded latency but the backend's service: the
 * median latency of the recording's reads the device neither held nor queued beside a held one.
 * (With a rate filter and a delay filter both, that median includes the delay, which the faster
 * direction then takes off as for any delay pair.)
 */
import type { TraceRequest } from "../traces/types.ts";

/**
 * Each request's wait in the slowed device, µs, from `modelled` (the device model's open-loop
 * waits: > 0 where it held the request): 0 for a request neither held nor in flight beside a held
 * one on the same queue (`sameQueue`), else its recorded latency less the backend's service (never
 * below 0). Flushes count only when `sameQueue` says they share a queue with the held request.
 * `requests` must be sorted by issue time.
 *
 * @example
 * const r = (timeUs: number, latencyUs: number): TraceRequest => ({ timeUs, op: "R", offset: 0, length: 4096, latencyUs });
 * // the model held the second read 30 ms; the first and the second were in flight together, the third alone and free
 * const requests = [r(0, 50_000), r(1000, 20_000), r(60_000, 100)];
 * [...heldWaitsUs(requests, new Float64Array([0, 30_000, 0]), () => true)] // => [49900, 19900, 0]
 */
export function heldWaitsUs(requests: readonly TraceRequest[], modelled: Float64Array, sameQueue: (a: TraceRequest, b: TraceRequest) => boolean): Float64Array {
  const n = requests.length;
  const completion = (i: number): number => requests[i].timeUs + (requests[i].latencyUs ?? 0);
  const involved = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (modelled[i] > 0) involved[i] = 1;
    // Sorted by issue: every k > i issued before i completed overlaps it.
    for (let k = i + 1; k < n && requests[k].timeUs < completion(i); k++) {
      if (!sameQueue(requests[i], requests[k])) continue;
      if (modelled[i] > 0) involved[k] = 1;
      if (modelled[k] > 0) involved[i] = 1;
    }
  }
  const backendUs = backendServiceUs(requests, involved);
  const waits = new Float64Array(n);
  for (let i = 0; i < n; i++) if (involved[i]) waits[i] = Math.max(0, (requests[i].latencyUs ?? 0) - backendUs);
  return waits;
}

/**
 * The backend's service time behind the slowed device, µs: the median recorded latency of the
 * reads not `involved` with a held request (0 when there are none).
 *
 * @example
 * const r = (latencyUs: number): TraceRequest => ({ timeUs: 0, op: "R", offset: 0, length: 4096, latencyUs });
 * backendServiceUs([r(30), r(50), r(90_000), r(40)], new Uint8Array([0, 0, 1, 0])) // => 40
 */
export function backendServiceUs(requests: readonly TraceRequest[], involved: Uint8Array): number {
  const free: number[] = [];
  requests.forEach((r, i) => {
    if (r.op === "R" && !involved[i]) free.push(r.latencyUs ?? 0);
  });
  if (free.length === 0) return 0;
  free.sort((a, b) => a - b);
  return free[(free.length - 1) >> 1];
}
