/**
 * Rule 6 (docs/replay.md, E6): a long serial run is one thread.
 *
 * Rule 3 reads a request issued while nothing else was outstanding (m = 0) as one of two
 * threads, so it waits for the second-latest completion. In a trace from a fast disk that is
 * right on average: reads take 5–45 µs, two threads rarely overlap, and nothing in the timing
 * says which thread issued what. A trace from a slow disk can say more. When request after
 * request is issued with nothing outstanding while the disk takes a second or more in all, no
 * other thread can have been reading: a second thread's read would have landed beside one of
 * them. The run is one thread, and each of its requests waits for the one before it.
 *
 * Which runs: after the loader phase, a run is a maximal sequence of consecutive counted
 * requests (reads and flushes; writes too when the guest waits for them) each issued when every
 * earlier counted request had completed. A run whose latencies add up to at least `minLatencyUs`
 * qualifies, and each of its requests but the first is a member: it waits for the latest
 * completion. (The first waited on whatever came before the run; rule 3 keeps it.)
 *
 * The threshold is set on the model's own guests, where the true dependencies are known, not on
 * the validation pairs: the shipped boots replayed by rules 1–5 behind delays of 2–50 ms and
 * nbdkit rate filters of 1 and 4 MiB/s, written down as recordings. From 0.75 s on, the
 * dependencies the rule changes in them are the true ones (234 of 237 at 1 s; below 0.75 s it
 * also chains the two threads' chance serial stretches, and at 0.5 s changes 303 true
 * dependencies of one 4 MiB/s recording into wrong ones). `SERIAL_RUN_US` is the round figure
 * above that edge; the shipped validation rows are the same from 0.9 to 3 s (docs/replay.md, E7).
 */
import type { TraceRequest } from "../traces/types.ts";

/** Rule 6's threshold: a serial run whose latencies add up to this many µs is one thread. */
export const SERIAL_RUN_US = 1_000_000;

/**
 * Marks the members of every qualifying serial run (rule 6) after request `loaderEnd`: 1 for a
 * request that waits for the latest completion because its run is one thread, 0 otherwise.
 * `issue` and `completion` are the trace's times (µs); `countsWrites` is false when the guest
 * does not wait for writes (they neither join nor break a run). `minLatencyUs` ≤ 0 marks none.
 *
 * @example
 * // three reads one at a time, 0.6 s each (1.8 s in all), then one beside the third
 * const reads = [0, 0.7, 1.4, 1.5].map((s) => ({ timeUs: s * 1e6, op: "R" as const, offset: 0, length: 4096, latencyUs: 600_000 }));
 * const times = traceTimes(reads);
 * [...serialRunMembers(reads, times.issue, times.completion, -1, 1_000_000, false)] // => [0, 1, 1, 0]
 */
export function serialRunMembers(
  requests: readonly TraceRequest[], issue: Float64Array, completion: Float64Array, loaderEnd: number, minLatencyUs: number, countsWrites: boolean,
): Uint8Array {
  const member = new Uint8Array(requests.length);
  if (!(minLatencyUs > 0)) return member;
  let runStart = -1;
  let runLatencyUs = 0;
  let latestCompletion = Number.NEGATIVE_INFINITY;
  const closeRun = (end: number): void => {
    if (runStart >= 0 && runLatencyUs >= minLatencyUs) {
      for (let i = runStart + 1; i < end; i++) if (countsWrites || requests[i].op !== "W") member[i] = 1;
    }
    runStart = -1;
    runLatencyUs = 0;
  };
  for (let j = loaderEnd + 1; j < requests.length; j++) {
    if (!countsWrites && requests[j].op === "W") continue;
    if (issue[j] < latestCompletion) {
      closeRun(j);
    } else {
      if (runStart < 0) runStart = j;
      runLatencyUs += completion[j] - issue[j];
    }
    latestCompletion = Math.max(latestCompletion, completion[j]);
  }
  closeRun(requests.length);
  return member;
}
