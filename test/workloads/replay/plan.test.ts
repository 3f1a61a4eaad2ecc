import { describe, expect, it } from "vitest";
import { DepKind, inferReplayPlan, openLoopPlan, planMilestone, REPLAY_DEFAULTS } from "../../../src/workloads/replay/plan.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { BlockOp, TraceRequest } from "../../../src/workloads/traces/types.ts";
import { tracePath } from "../fixtures.ts";

const req = (timeUs: number, latencyUs: number, op: BlockOp = "R"): TraceRequest => ({ timeUs, op, offset: 0, length: 4096, latencyUs });

describe("inferReplayPlan", () => {
  it("inferReplayPlan(requests) puts back-to-back issues in one burst and waits for the last completion", () => {
    const plan = inferReplayPlan([req(0, 10), req(100, 10), req(1000, 10)]);
    expect([[...plan.dep], [...plan.thinkUs], [...plan.notBeforeUs], [...plan.kind]]).toEqual([
      [-1, -1, 1], [0, 100, 890], [0, 0, 0], [DepKind.Start, DepKind.Burst, DepKind.Completion],
    ]);
    expect([[...plan.childStart], [...plan.children]]).toEqual([[0, 0, 1, 1], [2]]);
  });

  it("inferReplayPlan(requests) does not wait for writes unless asyncWrites is false", () => {
    const trace = [req(0, 10), req(1000, 500, "W"), req(2000, 10)];
    expect([...inferReplayPlan(trace).dep]).toEqual([-1, 0, 0]);
    expect([...inferReplayPlan(trace).thinkUs]).toEqual([0, 990, 1990]);
    expect([...inferReplayPlan(trace, { asyncWrites: false }).dep]).toEqual([-1, 0, 1]);
  });

  it("inferReplayPlan(requests) anchors think beyond dependentThinkUs to the trace clock, bursts included", () => {
    const plan = inferReplayPlan([req(0, 10), req(80_010, 5), req(80_110, 5)], { dependentThinkUs: 50_000 });
    expect([[...plan.dep], [...plan.thinkUs], [...plan.notBeforeUs], [...plan.kind]]).toEqual([
      [-1, 0, 0], [0, 50_000, 50_100], [0, 80_010, 80_110], [DepKind.Start, DepKind.Anchored, DepKind.Burst],
    ]);
  });

  it("inferReplayPlan(requests) picks the latest completion, not the latest issue", () => {
    const plan = inferReplayPlan([req(0, 5000), req(1000, 10), req(6000, 10)], { burstUs: 0 });
    expect([...plan.dep]).toEqual([-1, -1, 0]);
    expect([...plan.thinkUs]).toEqual([0, 1000, 1000]);
  });

  it("inferReplayPlan(unsorted) throws a RangeError", () => {
    expect(() => inferReplayPlan([req(10, 1), req(5, 1)])).toThrow("replay requests must be sorted by timeUs (request 1 goes back in time)");
  });

  it("inferReplayPlan(boot1) classifies 1 start, 1403 completion, 272 burst and 91 anchored requests", () => {
    const plan = inferReplayPlan([...readRtolabCsv(tracePath("boot1.csv"))]);
    const kinds = [0, 0, 0, 0];
    for (const k of plan.kind) kinds[k]++;
    expect(kinds).toEqual([1, 1403, 272, 91]);
    expect(plan.options).toEqual(REPLAY_DEFAULTS);
    for (let i = 0; i < plan.count; i++) expect(plan.dep[i]).toBeLessThan(i);
  });
});

describe("openLoopPlan", () => {
  it("openLoopPlan(requests) issues every request at its trace time", () => {
    const plan = openLoopPlan([req(100, 1), req(170, 1, "W")]);
    expect([[...plan.dep], [...plan.thinkUs], [...plan.notBeforeUs], plan.children.length]).toEqual([[-1, -1], [0, 70], [0, 70], 0]);
  });
});

describe("planMilestone", () => {
  it("planMilestone(plan, serviceReady) of boot1 waits for request 1479 and is anchored (52.8 ms of think)", () => {
    const plan = inferReplayPlan([...readRtolabCsv(tracePath("boot1.csv"))]);
    expect(planMilestone(plan, 28352530)).toEqual({ dep: 1479, thinkUs: 50000, notBeforeUs: 28352530 });
    expect(28352530 - plan.traceCompletionUs[1479]).toBe(52768);
  });

  it("planMilestone(plan, t) before any completion is an offset from the start", () => {
    expect(planMilestone(inferReplayPlan([req(0, 100)]), 50)).toEqual({ dep: -1, thinkUs: 50, notBeforeUs: 0 });
  });
});
