import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { RecordedDevice, type RecordedOptions } from "../../../src/models/devices/recorded.ts";
import { startGuestReplay, submitTo } from "../../../src/workloads/replay/driver.ts";
import { assemblePlan, inferReplayPlan, planMilestone, traceTimes } from "../../../src/workloads/replay/plan.ts";
import { SERIAL_RUN_US } from "../../../src/workloads/replay/serial-run.ts";
import { predictMilestone, predictReplay } from "../../../src/workloads/replay/predict.ts";
import { filterWaitsUs, throttledServiceUs } from "../../../src/workloads/replay/throttle.ts";
import { predictWhatIf, type WhatIfPair, whatIfReplay } from "../../../src/workloads/replay/validate.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { modelRoundTrip, rateFilter } from "../../support/model-round-trip.ts";
import { twoThreadGuest } from "../../support/two-thread-guest.ts";
import { tracePath } from "../fixtures.ts";

const MB = 1e6;

function pairOf(base: ReturnType<typeof twoThreadGuest>, slowed: ReturnType<typeof twoThreadGuest>, condition: Pick<WhatIfPair, "delayUs" | "throttle">): WhatIfPair {
  return {
    name: "two threads", threads: 2, ...condition,
    base: { name: "base", requests: base.requests, serviceReadyUs: base.readyUs },
    delayed: { name: "slowed", requests: slowed.requests, serviceReadyUs: slowed.readyUs },
  };
}

describe("filterWaitsUs", () => {
  it("filterWaitsUs: a full bucket passes a burst at once, then each read waits for its bits; writes have their own bucket, flushes pass free", () => {
    const r = (timeUs: number, op: "R" | "W" | "F" = "R", length = 1000): TraceRequest => ({ timeUs, op, offset: 0, length, latencyUs: 0 });
    // 1000 B/s, 2 s of burst: 2000 B pass at once, the third 1000 B wait 1 s; the write's bucket is still full.
    expect([...filterWaitsUs([r(0), r(0), r(0), r(0, "W", 2000), r(0, "F", 0)], { rateBytesPerS: 1000, burstinessUs: 2_000_000 })]).toEqual([0, 0, 1_000_000, 0, 0]);
    // A read arriving after the bucket refilled waits for nothing.
    expect([...filterWaitsUs([r(0, "R", 2000), r(2_000_000, "R", 2000)], { rateBytesPerS: 1000, burstinessUs: 2_000_000 })]).toEqual([0, 0]);
  });

  it("filterWaitsUs on the model's own replay of k2boot1 behind 1 MiB/s gives back every one of its 1,430 waits (90.45 s in all) to the µs", () => {
    const { recording, trueWaitsUs } = modelRoundTrip("k2boot1", 18_864_750, rateFilter(2 ** 20));
    const waits = filterWaitsUs(recording.requests, { rateBytesPerS: 2 ** 20, burstinessUs: 2_000_000 });
    const exact = recording.requests.filter((_r, i) => Math.abs(waits[i] - trueWaitsUs[i]) < 1).length;
    expect([recording.requests.length, exact, Number((trueWaitsUs.reduce((a, b) => a + b, 0) / 1e6).toFixed(2))]).toEqual([1430, 1430, 90.45]);
  });
});

describe("throttledServiceUs", () => {
  it("throttledServiceUs(g2boot1 behind nbdkit rate=32M): the predictor on its delivered service times lands on the kernel replay's service ready to the ns, 33.08 s, and no sooner than the reads' bytes allow", () => {
    const requests = [...readRtolabCsv(tracePath("g2boot1.csv"))];
    const readyUs = 23_216_375;
    const plan = inferReplayPlan(requests);
    const rate = 4 * 2 ** 20;
    const serviceUs = throttledServiceUs(plan, { rateBytesPerS: rate, burstinessUs: 2_000_000 }, 0, readyUs);
    const predicted = predictMilestone(planMilestone(plan, readyUs), predictReplay(plan, (_r, i) => serviceUs(i)));
    const sim = new Simulation();
    const disk = new RecordedDevice(sim, "vm.disk", { rateLimit: rate, burstiness: 2e9 });
    const replay = startGuestReplay(sim, { plan, submit: submitTo(disk, plan.requests), milestones: { serviceReady: readyUs }, stopAtUs: readyUs });
    sim.run();
    expect(Math.round(predicted * 1000)).toBe(replay.milestoneNs("serviceReady"));
    expect(Number((predicted / 1e6).toFixed(2))).toBe(33.08);
    // Closed form: the reads before service ready cannot pass faster than (their bytes − the bucket) / rate.
    const readBytes = requests.filter((r) => r.op === "R" && r.timeUs <= readyUs).reduce((sum, r) => sum + r.length, 0);
    expect(predicted / 1e6).toBeGreaterThan((readBytes - 2 * rate) / rate);
  });
});

describe("a throttled what-if pair", () => {
  it("round trip: the model's own boot behind nbdkit's rate filter, replayed without it, comes back to the base boot: g2boot1 4 MiB/s −0.4%, k2boot1 1 MiB/s +14.5% (self-consistency in a throttled trace, not validation; −0.3% and +14.7% with the model's own split of the filter's waits, before held-waits.ts)", () => {
    const back = (name: string, readyUs: number, rate: number, serialRunUs = SERIAL_RUN_US): number => {
      const { recording, base } = modelRoundTrip(name, readyUs, rateFilter(rate));
      const pair: WhatIfPair = { name: "round trip", threads: 2, delayUs: 0, throttle: { rateBytesPerS: rate, burstinessUs: 2_000_000 }, base, delayed: recording };
      return Number((100 * (predictWhatIf(pair, "faster", { threads: 2, serialRunUs }).point / readyUs - 1)).toFixed(1));
    };
    expect([back("g2boot1", 23_216_375, 4 * 2 ** 20), back("k2boot1", 18_864_750, 2 ** 20), back("k2boot1", 18_864_750, 2 ** 20, 0)]).toEqual([-0.4, 14.5, 5.6]);
  });

  it("the k2boot1 1 MiB/s round trip's +14.5% is rule 3's: of the recording's 1,430 dependencies, rule 3 alone gets 216 wrong, with rule 6 146; with every true one the replay comes back to the base boot exactly on the filter's own waits, and within −0.11% on the held waits the validation reads (each held read gets the backend's median latency, not its own)", () => {
    const readyUs = 18_864_750;
    const throttle = { rateBytesPerS: 2 ** 20, burstinessUs: 2_000_000 };
    const { recording, base, trueDeps } = modelRoundTrip("k2boot1", readyUs, rateFilter(2 ** 20));
    const wrong = (serialRunUs: number): number => {
      const plan = inferReplayPlan(recording.requests, { serialRunUs });
      return trueDeps.filter((d, j) => plan.dep[j] !== d).length;
    };
    expect([wrong(0), wrong(SERIAL_RUN_US)]).toEqual([216, 146]);
    // The plan with the true dependencies: each request waits for its own and thinks what the recording shows after it.
    const times = traceTimes(recording.requests);
    const n = recording.requests.length;
    const thinkUs = Float64Array.from(trueDeps, (d, j) => (d < 0 ? times.issue[j] : times.issue[j] - times.completion[d]));
    const truePlan = assemblePlan(recording.requests, times, { dep: Int32Array.from(trueDeps), thinkUs, notBeforeUs: new Float64Array(n), kind: new Uint8Array(n) }, () => ({ dep: n - 1, thinkUs: recording.serviceReadyUs - (recording.requests[0].timeUs + times.completion[n - 1]), notBeforeUs: 0 }), "true", inferReplayPlan(recording.requests).resume);
    const backTo = (serviceUs: (i: number) => number): number => {
      const predicted = predictMilestone(planMilestone(truePlan, recording.serviceReadyUs), predictReplay(truePlan, (_r, i) => serviceUs(i)));
      return Number((100 * (predicted / readyUs - 1)).toFixed(2));
    };
    // In the model's own recording the filter's split is no race: its waits are exact.
    const exact = filterWaitsUs(recording.requests, throttle);
    const { serviceUs } = whatIfReplay({ name: "round trip", threads: 2, delayUs: 0, throttle, base, delayed: recording }, "faster", {});
    expect([backTo((i) => Math.max(0, (recording.requests[i].latencyUs ?? 0) - exact[i])), backTo(serviceUs)]).toEqual([0, -0.11]);
  });

  it("a synthetic two-thread guest (64 KiB and 4 KiB reads at different rates) behind 1 MB/s is predicted from its fast boot within +0.2%; with +20 ms the prior errs +21.6% slower and +16.6% faster (+207% without rule 6: once one thread reads on alone, rule 3 splits its run between two; serial-run.test.ts)", () => {
    const base = twoThreadGuest({});
    const options = { threads: 2, resumeUs: 0 };
    const delayed = pairOf(base, twoThreadGuest({ addedDelay: 20e6 }), { delayUs: 20_000 });
    const throttled = pairOf(base, twoThreadGuest({ rateLimit: MB, burstiness: 200e6 }), { delayUs: 0, throttle: { rateBytesPerS: MB, burstinessUs: 200_000 } });
    const error = (pair: WhatIfPair, direction: "slower" | "faster"): number => {
      const measured = direction === "slower" ? pair.delayed : pair.base;
      return Number((100 * (predictWhatIf(pair, direction, options).point / measured.serviceReadyUs - 1)).toFixed(1));
    };
    expect([error(throttled, "slower"), error(delayed, "slower"), error(delayed, "faster")]).toEqual([0.2, 21.6, 16.6]);
  });
});
