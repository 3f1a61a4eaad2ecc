import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { FixedLatencyDevice } from "../../../src/models/devices/fixed-latency.ts";
import { RecordedDevice } from "../../../src/models/devices/recorded.ts";
import type { BlockDevice } from "../../../src/models/devices/types.ts";
import { startGuestReplay, submitTo, type GuestReplay } from "../../../src/workloads/replay/driver.ts";
import { inferReplayPlan, openLoopPlan, planMilestone, type ReplayPlan } from "../../../src/workloads/replay/plan.ts";
import { criticalPath, predictMilestone, predictReplay, type ReplayTiming } from "../../../src/workloads/replay/predict.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { BOOT_TRACES, tracePath } from "../fixtures.ts";

const load = (name: string): TraceRequest[] => [...readRtolabCsv(tracePath(`${name}.csv`))];
const readyOf = (name: string): number => BOOT_TRACES.find((t) => t.name === name)!.serviceReadyUs;
const BOOT3_DELAY5MS_READY = 30023685;

/** Replays `plan` on a fresh kernel against the device made by `device`, cut at service ready. */
function replay(plan: ReplayPlan, readyUs: number, device: (sim: Simulation) => BlockDevice, cut = true): { sim: Simulation; run: GuestReplay } {
  const sim = new Simulation();
  const disk = device(sim);
  const run = startGuestReplay(sim, { plan, submit: submitTo(disk, plan.requests), milestones: { serviceReady: readyUs }, stopAtUs: cut ? readyUs : undefined });
  sim.run();
  return { sim, run };
}

function expectSameTimes(run: GuestReplay, timing: ReplayTiming, count: number): void {
  const issue = Array.from({ length: count }, (_, i) => run.issueNs(i));
  const completion = Array.from({ length: count }, (_, i) => run.completionNs(i));
  expect(issue).toEqual(Array.from(timing.issueUs.subarray(0, count), (t) => t * 1000));
  expect(completion).toEqual(Array.from(timing.completionUs.subarray(0, count), (t) => t * 1000));
}

describe("startGuestReplay", () => {
  it("startGuestReplay(sim, boot1 and gboot1 on RecordedDevice) reproduces the trace's service ready (0% error, < 2%)", () => {
    for (const name of ["boot1", "gboot1"]) {
      const plan = inferReplayPlan(load(name));
      const { run } = replay(plan, readyOf(name), (sim) => new RecordedDevice(sim, "disk"));
      const ready = run.milestoneNs("serviceReady")!;
      expect([name, ready]).toEqual([name, readyOf(name) * 1000]);
      expect(Math.abs(ready / (readyOf(name) * 1000) - 1)).toBeLessThan(0.02);
      expect(run.finished).toBe(true);
    }
  });

  it("startGuestReplay(sim, boot1 on a zero-latency device) equals predictReplay(service 0): the think on the critical path", () => {
    const plan = inferReplayPlan(load("boot1"));
    const { run } = replay(plan, readyOf("boot1"), (sim) => new FixedLatencyDevice(sim, "disk", { latency: 0 }), false);
    const zero = predictReplay(plan, () => 0);
    const milestone = planMilestone(plan, readyOf("boot1"));
    const path = criticalPath(plan, milestone, zero);
    expect(run.milestoneNs("serviceReady")).toBe(predictMilestone(milestone, zero) * 1000);
    expect(run.milestoneNs("serviceReady")).toBe((path.startUs + path.thinkUs) * 1000);
    expect(path.serviceUs).toBe(0);
    expectSameTimes(run, zero, plan.count);
  });

  it("startGuestReplay(sim, base boot on RecordedDevice + delay) equals the predictor on the three what-if pairs: +7.5%, +5.2%, −4.8% (the validation table's: neither delays flushes)", () => {
    const pairs = [["boot1", 5000, "boot3_delay5ms", 0.075], ["k2boot1", 20_000, "k2boot_d20ms", 0.052], ["g2boot1", 2000, "g2boot_d2ms", -0.048]] as const;
    for (const [base, delayUs, delayed, error] of pairs) {
      const plan = inferReplayPlan(load(base));
      const ready = readyOf(base);
      const { run } = replay(plan, ready, (sim) => new RecordedDevice(sim, "disk", { addedDelay: delayUs * 1000 }));
      const slow = predictReplay(plan, (r) => (r.latencyUs ?? 0) + (r.op === "F" ? 0 : delayUs));
      const path = criticalPath(plan, planMilestone(plan, ready), slow);
      const readyNs = run.milestoneNs("serviceReady")!;
      expect(readyNs).toBe(predictMilestone(planMilestone(plan, ready), slow) * 1000);
      expect(readyNs - ready * 1000).toBeLessThanOrEqual(path.requests.length * (delayUs + plan.resume.costUs) * 1000);
      expect([base, Number((readyNs / (readyOf(delayed) * 1000) - 1).toFixed(3))]).toEqual([base, error]);
      expectSameTimes(run, slow, run.total);
      const band = run.milestoneBandNs("serviceReady")!;
      expect(band.lower <= readyNs && readyNs <= band.upper).toBe(true);
    }
  });

  it("startGuestReplay(sim, slowed boot on RecordedDevice − delay) equals the predictor on the three what-if pairs: −6.9%, −3.2%, +8.4% (the validation table's faster rows)", () => {
    const pairs = [["boot3_delay5ms", 5000, "boot1", -0.069], ["k2boot_d20ms", 20_000, "k2boot1", -0.032], ["g2boot_d2ms", 2000, "g2boot1", 0.084]] as const;
    for (const [delayed, delayUs, base, error] of pairs) {
      const plan = inferReplayPlan(load(delayed));
      const ready = readyOf(delayed);
      const { run } = replay(plan, ready, (sim) => new RecordedDevice(sim, "disk", { removedDelay: delayUs * 1000 }));
      const fast = predictReplay(plan, (r) => Math.max(0, (r.latencyUs ?? 0) - (r.op === "F" ? 0 : delayUs)));
      const readyNs = run.milestoneNs("serviceReady")!;
      expect(readyNs).toBe(predictMilestone(planMilestone(plan, ready), fast) * 1000);
      expect([delayed, Number((readyNs / (readyOf(base) * 1000) - 1).toFixed(3))]).toEqual([delayed, error]);
      expectSameTimes(run, fast, run.total);
    }
  });

  it("startGuestReplay(sim, every boot on RecordedDevice) issues and completes at predictReplay's times exactly", () => {
    for (const trace of BOOT_TRACES) {
      const plan = inferReplayPlan(load(trace.name));
      const { run } = replay(plan, trace.serviceReadyUs, (sim) => new RecordedDevice(sim, "disk", { addedDelay: 1_000_000 }), false);
      const timing = predictReplay(plan, (r) => (r.latencyUs ?? 0) + (r.op === "F" ? 0 : 1000));
      expectSameTimes(run, timing, plan.count);
      expect(run.milestoneNs("serviceReady")).toBe(predictMilestone(planMilestone(plan, trace.serviceReadyUs), timing) * 1000);
    }
  });

  it("startGuestReplay(sim, { stopAtUs }) issues only the requests up to the cut", () => {
    const plan = inferReplayPlan(load("boot1"));
    const ready = readyOf("boot1");
    const { run } = replay(plan, ready, (sim) => new RecordedDevice(sim, "disk"));
    const expected = plan.requests.filter((r) => r.timeUs <= ready).length;
    expect([run.total, run.issued, run.completed, run.finished]).toEqual([expected, expected, expected, true]);
    expect(run.issueNs(expected)).toBeUndefined();
  });

  it("startGuestReplay(sim, { plan: openLoopPlan }) issues at trace times however slow the device", () => {
    const requests = load("boot1");
    const plan = openLoopPlan(requests);
    const { run } = replay(plan, readyOf("boot1"), (sim) => new FixedLatencyDevice(sim, "disk", { latency: 50_000_000 }), false);
    const issue = Array.from({ length: plan.count }, (_, i) => run.issueNs(i));
    expect(issue).toEqual(Array.from(plan.traceIssueUs, (t) => t * 1000));
    expect(run.completionNs(0)).toBe(50_000_000);
  });

  it("startGuestReplay(sim, options) starts at sim.now and reports milestones relative to it", () => {
    const plan = inferReplayPlan([
      { timeUs: 0, op: "R", offset: 0, length: 4096, latencyUs: 10 },
      { timeUs: 100, op: "R", offset: 4096, length: 4096, latencyUs: 10 },
    ]);
    const sim = new Simulation();
    sim.run(7_000);
    const seen: Array<[string, number]> = [];
    const run = startGuestReplay(sim, {
      plan,
      requests: (i) => plan.requests[i],
      submit: (_i, done) => sim.schedule(10_000, "test.event", done),
      milestones: { ready: 200 },
      onMilestone: (name, t) => seen.push([name, t]),
    });
    sim.run();
    expect(seen).toEqual([["ready", 200_000]]);
    expect([run.issueNs(1), run.completionNs(1), run.request(1).offset]).toEqual([100_000, 110_000, 4096]);
  });

  it("startGuestReplay(sim, options) throws when done() is called twice", () => {
    const plan = inferReplayPlan([{ timeUs: 0, op: "R", offset: 0, length: 4096, latencyUs: 10 }]);
    const sim = new Simulation();
    startGuestReplay(sim, { plan, submit: (_i, done) => sim.schedule(1, "test.event", () => (done(), done())) });
    expect(() => sim.run()).toThrow(/called twice/);
  });
});
