import { describe, expect, it } from "vitest";
import { bandReadings, chainPlan, milestoneBand, slackPlan } from "../../../src/workloads/replay/band.ts";
import { inferReplayPlan, planMilestone } from "../../../src/workloads/replay/plan.ts";
import { predictMilestone, predictReplay } from "../../../src/workloads/replay/predict.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { BlockOp, TraceRequest } from "../../../src/workloads/traces/types.ts";
import { tracePath } from "../fixtures.ts";

const req = (timeUs: number, latencyUs: number, op: BlockOp = "R"): TraceRequest => ({ timeUs, op, offset: 0, length: 4096, latencyUs });
const load = (name: string): TraceRequest[] => [...readRtolabCsv(tracePath(`${name}.csv`))];

describe("chainPlan", () => {
  it("chainPlan(requests) waits for the latest completion of any request, writes included", () => {
    const plan = chainPlan([req(0, 10), req(100, 500, "W"), req(1000, 10)]);
    expect([[...plan.dep], [...plan.thinkUs]]).toEqual([[-1, 0, 1], [0, 90, 400]]);
    expect(planMilestone(plan, 2000)).toEqual({ dep: 2, thinkUs: 990, notBeforeUs: 0 });
  });
});

describe("slackPlan", () => {
  it("slackPlan(plan) keeps the dependencies, drops the think and anchors every request at its trace time", () => {
    const prior = inferReplayPlan([req(0, 10), req(100, 10), req(1000, 10)], { loaderPhase: false });
    const slack = slackPlan(prior);
    expect([[...slack.dep], [...slack.thinkUs], [...slack.notBeforeUs]]).toEqual([[-1, 0, 0], [0, 0, 0], [0, 100, 1000]]);
    expect(planMilestone(slack, 1500)).toEqual({ dep: 1, thinkUs: 0, notBeforeUs: 1500 });
  });
});

describe("milestoneBand", () => {
  it("milestoneBand(boot1, +5 ms) spans 28.35 s (slack) to 36.41 s (chain) around 32.30 s; the measured 30.02 s is inside", () => {
    const plan = inferReplayPlan(load("boot1"));
    const band = milestoneBand(plan, 28352530, (i) => (plan.requests[i].latencyUs ?? 0) + 5000);
    expect(band).toEqual({ point: 32300342, lower: 28352530, upper: 36410926 });
  });

  it("milestoneBand(k2boot_d20ms, −20 ms) of a speed-up: the chain is the low end, the trace the high end", () => {
    const requests = load("k2boot_d20ms");
    const plan = inferReplayPlan(requests);
    const band = milestoneBand(plan, 31771145, (i) => Math.max(0, (requests[i].latencyUs ?? 0) - 20_000));
    expect([band.lower, band.upper].map((t) => Math.round(t / 1e4) / 100)).toEqual([14.71, 31.77]);
    expect(band.point).toBe(predictMilestone(planMilestone(plan, 31771145), predictReplay(plan, (r) => Math.max(0, (r.latencyUs ?? 0) - 20_000))));
  });

  it("milestoneBand with the trace's own latencies collapses to the trace time", () => {
    const plan = inferReplayPlan(load("g2boot1"));
    expect(milestoneBand(plan, 23216375, (i) => plan.requests[i].latencyUs ?? 0)).toEqual({ point: 23216375, lower: 23216375, upper: 23216375 });
  });

  it("bandReadings(plan) is computed once per plan", () => {
    const plan = inferReplayPlan([req(0, 10), req(100, 10)]);
    expect(bandReadings(plan)).toBe(bandReadings(plan));
    expect(bandReadings(plan).chain.origin).toBe("chain reading");
  });
});
