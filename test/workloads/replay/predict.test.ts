import { describe, expect, it } from "vitest";
import { inferReplayPlan, openLoopPlan, planMilestone, type ReplayPlan, resumedThinkUs } from "../../../src/workloads/replay/plan.ts";
import { criticalPath, predictMilestone, predictReplay } from "../../../src/workloads/replay/predict.ts";
import { chainPlan } from "../../../src/workloads/replay/band.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { BOOT_TRACES, tracePath } from "../fixtures.ts";

const load = (name: string): TraceRequest[] => [...readRtolabCsv(tracePath(`${name}.csv`))];
const own = (d: number) => (r: TraceRequest) => Math.max(0, (r.latencyUs ?? 0) + d);
const BOOT1_READY = 28352530;
const BOOT3_DELAY5MS_READY = 30023685;

function serviceReady(plan: ReplayPlan, readyUs: number, service: (r: TraceRequest) => number): number {
  return predictMilestone(planMilestone(plan, readyUs), predictReplay(plan, service));
}

describe("predictReplay", () => {
  it("predictReplay(plan, own latency) reproduces every issue and service ready of the hundred and seventy-seven boots exactly", () => {
    for (const trace of BOOT_TRACES) {
      const plan = inferReplayPlan(load(trace.name));
      const timing = predictReplay(plan, own(0));
      expect([trace.name, Array.from(timing.issueUs).every((t, i) => t === plan.traceIssueUs[i])]).toEqual([trace.name, true]);
      expect([trace.name, serviceReady(plan, trace.serviceReadyUs, own(0))]).toEqual([trace.name, trace.serviceReadyUs]);
    }
  });

  it("predictReplay(boot1, latency + 5 ms) predicts service ready at 32.30 s, +7.6% against the measured 30.02 s (boot3_delay5ms)", () => {
    const predicted = serviceReady(inferReplayPlan(load("boot1")), BOOT1_READY, own(5000));
    expect(predicted).toBe(32300342);
    expect(predicted / BOOT3_DELAY5MS_READY - 1).toBeCloseTo(0.0758, 4);
  });

  it("predictReplay(boot3_delay5ms, latency − 5 ms) moves the boot earlier: 26.37 s against the measured 28.35 s (boot1)", () => {
    const predicted = serviceReady(inferReplayPlan(load("boot3_delay5ms")), BOOT3_DELAY5MS_READY, own(-5000));
    expect(Math.round(predicted / 1000)).toBe(26368);
    expect(predicted / BOOT1_READY - 1).toBeCloseTo(-0.070, 3);
  });

  it("predictReplay(threads 1 = a chain of reads, latency + 5 ms) overshoots to 36.23 s (+20.7%): the threads rule matters", () => {
    const chain = inferReplayPlan(load("boot1"), { threads: 1 });
    expect(serviceReady(chain, BOOT1_READY, own(0))).toBe(BOOT1_READY);
    expect(Math.round(serviceReady(chain, BOOT1_READY, own(5000)) / 1000)).toBe(36230);
  });

  it("predictReplay(plan, latency + 5 ms) of the other boots: +12.4% boot0; GRUB boots +53–55% (2,834 serial boot-loader reads)", () => {
    const stretch = ["boot0", "gboot0", "gboot1", "gboot4_gen2"].map((name) => {
      const ready = BOOT_TRACES.find((t) => t.name === name)!.serviceReadyUs;
      return Number((serviceReady(inferReplayPlan(load(name)), ready, own(5000)) / ready - 1).toFixed(3));
    });
    expect(stretch).toEqual([0.124, 0.533, 0.549, 0.534]);
  });

  it("predictReplay(openLoopPlan) issues at trace times whatever the service time", () => {
    const plan = openLoopPlan(load("boot1"));
    const timing = predictReplay(plan, () => 1e6);
    expect(Array.from(timing.issueUs).every((t, i) => t === plan.traceIssueUs[i])).toBe(true);
    expect(timing.completionUs[0]).toBe(1e6);
  });

  it("an event loop driven as the ReplayPlan comment says gives predictReplay's times", () => {
    const plan = inferReplayPlan(load("boot1"));
    const service = own(5000);
    const expected = predictReplay(plan, service);
    const issueUs = new Float64Array(plan.count);
    const completionUs = new Float64Array(plan.count);
    const queue: Array<[number, number]> = []; // [time, request]: issue events
    for (let i = 0; i < plan.count; i++) if (plan.dep[i] < 0) queue.push([Math.max(plan.thinkUs[i], plan.notBeforeUs[i]), i]);
    while (queue.length > 0) {
      queue.sort((a, b) => b[0] - a[0] || b[1] - a[1]);
      const [t, i] = queue.pop()!;
      issueUs[i] = t;
      const c = t + service(plan.requests[i]);
      completionUs[i] = c;
      for (let k = plan.childStart[i]; k < plan.childStart[i + 1]; k++) {
        const j = plan.children[k];
        queue.push([Math.max(c + resumedThinkUs(plan, i, plan.thinkUs[j], c - t), plan.notBeforeUs[j]), j]);
      }
    }
    expect(Array.from(issueUs)).toEqual(Array.from(expected.issueUs));
    expect(Array.from(completionUs)).toEqual(Array.from(expected.completionUs));
  });
});

describe("criticalPath", () => {
  it("criticalPath(plan, ready, timing) sums to the predicted milestone and bounds the stretch by path length × (d + resume cost)", () => {
    const plan = inferReplayPlan(load("boot1"));
    const ready = planMilestone(plan, BOOT1_READY);
    const base = predictMilestone(ready, predictReplay(plan, own(0)));
    const slow = predictReplay(plan, own(5000));
    const path = criticalPath(plan, ready, slow);
    expect([path.requests.length, path.startUs]).toEqual([718, 0]);
    expect(path.startUs + path.thinkUs + path.serviceUs).toBe(predictMilestone(ready, slow));
    expect(predictMilestone(ready, slow) - base).toBeLessThanOrEqual(path.requests.length * (5000 + plan.resume.costUs));
  });

  it("criticalPath(chain reading, ready, service 0) is the lower bound: the think on the path, 27.60 s for boot1", () => {
    const chain = chainPlan(load("boot1"));
    const ready = planMilestone(chain, BOOT1_READY);
    const zero = predictReplay(chain, () => 0);
    const path = criticalPath(chain, ready, zero);
    const predicted = predictMilestone(ready, zero);
    expect([path.startUs, path.serviceUs, predicted]).toEqual([0, 0, path.thinkUs]);
    expect(predicted).toBe(27595700);
    const slow = predictReplay(chain, own(5000));
    // Slowing every request stretches the milestone by at most the service on the slow run's path.
    expect(predictMilestone(ready, slow) - predicted).toBeLessThanOrEqual(criticalPath(chain, ready, slow).serviceUs);
  });
});
