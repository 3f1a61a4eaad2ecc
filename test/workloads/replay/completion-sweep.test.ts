import { describe, expect, it } from "vitest";
import { CompletionSweep } from "../../../src/workloads/replay/completion-sweep.ts";
import { traceTimes } from "../../../src/workloads/replay/plan.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";

const r = (timeUs: number, latencyUs: number, op: TraceRequest["op"] = "R"): TraceRequest => ({ timeUs, op, offset: timeUs, length: 4096, latencyUs });

function sweepOf(requests: TraceRequest[], asyncWrites = true, depth = 2): CompletionSweep {
  return new CompletionSweep(requests, traceTimes(requests).completion, asyncWrites, depth);
}

describe("CompletionSweep", () => {
  it("keeps the depth latest completions, latest first; equal completions rank the later index first", () => {
    // completions: 0 → 30, 1 → 20, 2 → 30, 3 → 25
    const sweep = sweepOf([r(0, 30), r(5, 15), r(10, 20), r(15, 10)], true, 3);
    sweep.advance(40, 4);
    expect([sweep.kthLatest(1), sweep.kthLatest(2), sweep.kthLatest(3), sweep.outstanding(4)]).toEqual([2, 0, 3, 0]);
  });

  it("a request that completed before j's issue but comes at or after j in issue order waits until j passes it", () => {
    // request 1 is issued at 5 and completes at 6, before request 0 (issued at 0) completes at 50
    const sweep = sweepOf([r(0, 50), r(5, 1), r(60, 1)]);
    sweep.advance(5, 1);
    expect([sweep.kthLatest(1), sweep.outstanding(1)]).toEqual([-1, 1]);
    sweep.advance(60, 2);
    expect([sweep.kthLatest(1), sweep.kthLatest(2), sweep.outstanding(2)]).toEqual([0, 1, 0]);
  });

  it("with asyncWrites, writes are neither offered nor outstanding; without, they are", () => {
    const trace = [r(0, 100, "W"), r(10, 5), r(20, 1)];
    const async = sweepOf(trace, true);
    async.advance(20, 2);
    expect([async.kthLatest(1), async.outstanding(2)]).toEqual([1, 0]);
    const waits = sweepOf(trace, false);
    waits.advance(20, 2);
    expect([waits.kthLatest(1), waits.outstanding(2)]).toEqual([1, 1]);
  });

  it("kthLatest beyond what was offered gives the earliest offered; nothing offered gives -1", () => {
    const sweep = sweepOf([r(0, 1), r(10, 1)], true, 2);
    expect(sweep.kthLatest(1)).toBe(-1);
    sweep.advance(5, 1);
    expect([sweep.kthLatest(1), sweep.kthLatest(2)]).toEqual([0, 0]);
  });
});
