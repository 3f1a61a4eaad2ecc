/**
 * The completion sweep behind rule 3 (docs/replay.md): while a trace's requests are visited in
 * issue order, which earlier requests had completed by each issue, and the latest of them.
 */
import type { TraceRequest } from "../traces/types.ts";

/**
 * Sweeps completions in time order alongside issues: which requests (reads and flushes only when
 * `asyncWrites`) with index < j completed by time t, and the `depth` latest of them by completion
 * (ties: the later index). Calls to `advance` must come with non-decreasing t and j. Rule 3's
 * "k-th latest completion" and its milestones (plan.ts), and the band's chain reading (band.ts).
 *
 * @example
 * // request 0 completes at 10 µs, request 1 (issued at 5) at 7: by t = 8, request 1 is done and 0 is not
 * const reads = [{ timeUs: 0, op: "R", offset: 0, length: 1, latencyUs: 10 }, { timeUs: 5, op: "R", offset: 1, length: 1, latencyUs: 2 }];
 * const sweep = new CompletionSweep(reads, traceTimes(reads).completion, true, 2);
 * sweep.advance(8, 2);
 * [sweep.outstanding(2), sweep.kthLatest(1), sweep.kthLatest(2)] // => [1, 1, 1]
 */
export class CompletionSweep {
  private readonly byCompletion: number[];
  private next = 0;
  /** The latest completions, latest first, at most `depth`. */
  private readonly top: number[] = [];
  /** Completed by t but not yet earlier than j (zero-latency ties). */
  private readonly deferred: number[] = [];
  private offered = 0;
  private waitedOnBefore = 0;
  private countedUpTo = 0;

  constructor(
    private readonly requests: readonly TraceRequest[],
    private readonly completion: Float64Array,
    private readonly asyncWrites: boolean,
    private readonly depth: number,
  ) {
    this.byCompletion = Array.from(completion.keys()).filter((i) => this.counts(i));
    this.byCompletion.sort((a, b) => completion[a] - completion[b] || a - b);
  }

  /** Takes in every counted request with completion ≤ t, offering those with index < j. */
  advance(t: number, j: number): void {
    const order = this.byCompletion;
    while (this.next < order.length && this.completion[order[this.next]] <= t) {
      const i = order[this.next++];
      if (i < j) this.offer(i);
      else this.deferred.push(i);
    }
    for (let k = this.deferred.length - 1; k >= 0; k--) {
      if (this.deferred[k] < j) this.offer(this.deferred.splice(k, 1)[0]);
    }
  }

  /** Counted requests with index < j that have not completed by the last `advance`. */
  outstanding(j: number): number {
    while (this.countedUpTo < j) if (this.counts(this.countedUpTo++)) this.waitedOnBefore++;
    return this.waitedOnBefore - this.offered;
  }

  /** The k-th latest completion offered so far (k ≤ depth; fewer offered: the earliest), or -1. */
  kthLatest(k: number): number {
    if (this.top.length === 0) return -1;
    return this.top[Math.min(k, this.top.length) - 1];
  }

  private counts(i: number): boolean {
    return !(this.asyncWrites && this.requests[i].op === "W");
  }

  private offer(i: number): void {
    this.offered++;
    const c = this.completion[i];
    const top = this.top;
    let at = top.length;
    while (at > 0 && (this.completion[top[at - 1]] < c || (this.completion[top[at - 1]] === c && top[at - 1] < i))) at--;
    if (at >= this.depth) return;
    top.splice(at, 0, i);
    if (top.length > this.depth) top.pop();
  }
}
