import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { RecordedDevice, type RecordedOptions } from "../../../src/models/devices/recorded.ts";
import { startGuestReplay, submitTo } from "../../../src/workloads/replay/driver.ts";
import { inferReplayPlan, planMilestone } from "../../../src/workloads/replay/plan.ts";
import { predictMilestone, predictReplay } from "../../../src/workloads/replay/predict.ts";
import { filterWaitsUs, throttledServiceUs } from "../../../src/workloads/replay/throttle.ts";
import { predictWhatIf, type WhatIfPair } from "../../../src/workloads/replay/validate.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { modelRoundTrip, rateFilter } from "../../support/model-round-trip.ts";
import { tracePath } from "../fixtures.ts";

const MB = 1e6;

/**
 * A guest with a known structure, recorded at a disk of 10 µs behind `disk` (RecordedDevice
 * options): thread A reads 200 × 64 KiB, thread B 400 × 4 KiB, each waiting for its own read and
 * then thinking (A 3 ms, B 1.5 ms, plus 0–1.8 ms that cycles over 7 reads, and µs offsets that
 * keep the two threads from issuing at the same ns). Service ready is 500 µs after the later
 * thread's last read. Resumes at once after any wait (no rule-5 cost). (Its regular arithmetic
 * makes a rate filter's retries and arrivals meet at the same ns now and then, which a recording
 * cannot order: its throttled boot is not used for the faster direction.)
 */
function twoThreadGuest(disk: Partial<RecordedOptions>): { requests: TraceRequest[]; readyUs: number } {
  const sim = new Simulation();
  const device = new RecordedDevice(sim, "guest.disk", disk);
  const requests: TraceRequest[] = [];
  let running = 2;
  let readyNs = 0;
  const threads = [
    { reads: 200, length: 65536, thinkNs: 3_000_000, base: 0 },
    { reads: 400, length: 4096, thinkNs: 1_500_000, base: 2 ** 30 },
  ];
  threads.forEach((thread, k) => {
    let i = 0;
    const next = (): void => {
      if (i === thread.reads) {
        if (--running === 0) readyNs = sim.now + 500_000;
        return;
      }
      const request: TraceRequest = { timeUs: sim.now / 1000, op: "R", offset: thread.base + i * thread.length, length: thread.length, latencyUs: 10 };
      const issuedNs = sim.now;
      i++;
      device.submit(request, () => {
        requests.push({ ...request, latencyUs: (sim.now - issuedNs) / 1000 });
        sim.schedule(thread.thinkNs + (i % 7) * 300_013 + k * 1_777, "guest.think", next);
      });
    };
    sim.schedule(k * 100_000, "guest.start", next);
  });
  sim.run();
  requests.sort((a, b) => a.timeUs - b.timeUs || a.offset - b.offset);
  return { requests, readyUs: readyNs / 1000 };
}

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
  it("round trip: the model's own boot behind nbdkit's rate filter, replayed without it, comes back to the base boot: g2boot1 4 MiB/s −0.3%, k2boot1 1 MiB/s +5.7% (self-consistency of rule 3 in a throttled trace, not validation)", () => {
    const back = (name: string, readyUs: number, rate: number): number => {
      const { recording, base } = modelRoundTrip(name, readyUs, rateFilter(rate));
      const pair: WhatIfPair = { name: "round trip", threads: 2, delayUs: 0, throttle: { rateBytesPerS: rate, burstinessUs: 2_000_000 }, base, delayed: recording };
      return Number((100 * (predictWhatIf(pair, "faster", { threads: 2 }).point / readyUs - 1)).toFixed(1));
    };
    expect([back("g2boot1", 23_216_375, 4 * 2 ** 20), back("k2boot1", 18_864_750, 2 ** 20)]).toEqual([-0.3, 5.7]);
  });

  it("a synthetic two-thread guest (64 KiB and 4 KiB reads at different rates) behind 1 MB/s is predicted from its fast boot within +0.2%; with +20 ms the prior errs +21.6% slower and +207% faster (rule 3's thread guess in a slowed trace: docs/replay.md)", () => {
    const base = twoThreadGuest({});
    const options = { threads: 2, resumeUs: 0 };
    const delayed = pairOf(base, twoThreadGuest({ addedDelay: 20e6 }), { delayUs: 20_000 });
    const throttled = pairOf(base, twoThreadGuest({ rateLimit: MB, burstiness: 200e6 }), { delayUs: 0, throttle: { rateBytesPerS: MB, burstinessUs: 200_000 } });
    const error = (pair: WhatIfPair, direction: "slower" | "faster"): number => {
      const measured = direction === "slower" ? pair.delayed : pair.base;
      return Number((100 * (predictWhatIf(pair, direction, options).point / measured.serviceReadyUs - 1)).toFixed(1));
    };
    expect([error(throttled, "slower"), error(delayed, "slower"), error(delayed, "faster")]).toEqual([0.2, 21.6, 207.3]);
  });
});
