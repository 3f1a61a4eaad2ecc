import { describe, expect, it } from "vitest";
import { inferReplayPlan, loaderPhaseEnd, REPLAY_DEFAULTS, traceTimes } from "../../../src/workloads/replay/plan.ts";
import { SERIAL_RUN_US, serialRunMembers } from "../../../src/workloads/replay/serial-run.ts";
import { loadWhatIfPairs } from "../../../src/cli/commands/validate.ts";
import { predictWhatIf, priorResumeUs, type WhatIfPair } from "../../../src/workloads/replay/validate.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { modelRoundTrip, rateFilter } from "../../support/model-round-trip.ts";
import { twoThreadGuest, twoThreadTruth } from "../../support/two-thread-guest.ts";
import { tracePath } from "../fixtures.ts";

const request = (timeS: number, op: TraceRequest["op"], latencyS: number): TraceRequest => ({ timeUs: timeS * 1e6, op, offset: 0, length: 4096, latencyUs: latencyS * 1e6 });

function members(requests: TraceRequest[], minLatencyUs = 1_000_000, countsWrites = false, loaderEnd = -1): number[] {
  const { issue, completion } = traceTimes(requests);
  return [...serialRunMembers(requests, issue, completion, loaderEnd, minLatencyUs, countsWrites)];
}

/** How many of `plan`'s dependencies differ from `truth`, and of the ones rule 6 changed: how many it set right and how many were right before. */
function judged(requests: readonly TraceRequest[], truth: readonly number[], minLatencyUs: number): { changed: number; rightAfter: number; rightBefore: number; wrong: [number, number] } {
  const off = inferReplayPlan(requests, { serialRunUs: 0 });
  const on = inferReplayPlan(requests, { serialRunUs: minLatencyUs });
  let changed = 0;
  let rightAfter = 0;
  let rightBefore = 0;
  let wrongOff = 0;
  let wrongOn = 0;
  for (let j = 0; j < requests.length; j++) {
    if (off.dep[j] !== truth[j]) wrongOff++;
    if (on.dep[j] !== truth[j]) wrongOn++;
    if (on.dep[j] === off.dep[j]) continue;
    changed++;
    if (on.dep[j] === truth[j]) rightAfter++;
    if (off.dep[j] === truth[j]) rightBefore++;
  }
  return { changed, rightAfter, rightBefore, wrong: [wrongOff, wrongOn] };
}

describe("serialRunMembers", () => {
  it("a run of reads one at a time qualifies once its latencies add up to the threshold; its first request is not a member", () => {
    const reads = [request(0, "R", 0.6), request(0.7, "R", 0.6), request(1.4, "R", 0.6)];
    expect(members(reads)).toEqual([0, 1, 1]);
    expect(members(reads, 1_800_001)).toEqual([0, 0, 0]);
    expect(members(reads, 1_800_000)).toEqual([0, 1, 1]);
    expect(members(reads, 0)).toEqual([0, 0, 0]);
  });

  it("a request issued while another is outstanding ends the run and joins none; the next one alone starts a new run", () => {
    // 0.0–0.6, 0.7–1.3, then 1.2 issued beside the second (ends the run: 1.2 s, qualifies), then three alone (0.9 s: does not)
    const trace = [request(0, "R", 0.6), request(0.7, "R", 0.6), request(1.2, "R", 0.2), request(1.5, "R", 0.3), request(1.9, "R", 0.3), request(2.3, "R", 0.3)];
    expect(members(trace)).toEqual([0, 1, 0, 0, 0, 0]);
  });

  it("writes the guest does not wait for neither join nor break a run; when it waits for them, they do", () => {
    const trace = [request(0, "R", 0.6), request(0.61, "W", 5), request(0.7, "R", 0.6), request(1.4, "F", 0.01)];
    expect(members(trace)).toEqual([0, 0, 1, 1]);
    expect(members(trace, 1_000_000, true)).toEqual([0, 1, 0, 0]); // the write joins the first run (5.6 s); the rest are issued beside it
  });

  it("nothing up to the loader phase's end joins a run", () => {
    const reads = [request(0, "R", 0.6), request(0.7, "R", 0.6), request(1.4, "R", 0.6), request(2.1, "R", 0.6)];
    expect(members(reads, 1_000_000, false, 1)).toEqual([0, 0, 0, 1]);
  });

  it("no recording from a fast disk has a run of a second: every shipped base boot's plan is rule 3's alone", () => {
    const counts = ["boot1", "k2boot1", "g2boot1", "g2boot2", "gboot1"].map((name) => {
      const requests = [...readRtolabCsv(tracePath(`${name}.csv`))];
      const times = traceTimes(requests);
      return serialRunMembers(requests, times.issue, times.completion, loaderPhaseEnd(requests, times), SERIAL_RUN_US, false).reduce((a, b) => a + b, 0);
    });
    expect(counts).toEqual([0, 0, 0, 0, 0]);
  });

  it("the slowed shipped boots: k2boot_d20ms has 152 members, boot3_delay5ms and g2boot_d2ms none; the prior plan's origin counts them", () => {
    const counted = ["k2boot_d20ms", "boot3_delay5ms", "g2boot_d2ms"].map((name) => {
      const requests = [...readRtolabCsv(tracePath(`${name}.csv`))];
      const times = traceTimes(requests);
      return serialRunMembers(requests, times.issue, times.completion, loaderPhaseEnd(requests, times), SERIAL_RUN_US, false).reduce((a, b) => a + b, 0);
    });
    expect(counted).toEqual([152, 0, 0]);
    expect(inferReplayPlan([...readRtolabCsv(tracePath("k2boot_d20ms.csv"))]).origin).toContain("152 requests in serial runs");
    expect(REPLAY_DEFAULTS.serialRunUs).toBe(SERIAL_RUN_US);
  });
});

describe("rule 6 on guests whose dependencies are known", () => {
  it("the model's own boots behind nbdkit's 1 MiB/s rate filter: the dependencies rule 6 changes are the true ones (k2boot1 70 of 72, boot1 95 of 95, g2boot1 69 of 70; before it 0, 0 and 1 of them)", () => {
    const rows = ([["k2boot1", 18_864_750], ["boot1", 28_352_530], ["g2boot1", 23_216_375]] as const).map(([name, readyUs]) => {
      const { recording, trueDeps } = modelRoundTrip(name, readyUs, rateFilter(2 ** 20));
      const { changed, rightAfter, rightBefore } = judged(recording.requests, trueDeps, SERIAL_RUN_US);
      return [changed, rightAfter, rightBefore];
    });
    expect(rows).toEqual([[72, 70, 0], [95, 95, 0], [70, 69, 1]]);
  });

  it("the threshold's lower edge: behind +2 to +50 ms and 4 MiB/s the model's own boots have no run of 1 s, while at 0.5 s the rule turns 303 true dependencies of boot1 behind 4 MiB/s and 7 behind +2 ms into wrong ones", () => {
    const fired = (["k2boot1", "boot1", "g2boot1"] as const).flatMap((name) => {
      const readyUs = { k2boot1: 18_864_750, boot1: 28_352_530, g2boot1: 23_216_375 }[name];
      return [{ addedDelay: 2e6 }, { addedDelay: 20e6 }, { addedDelay: 50e6 }, rateFilter(4 * 2 ** 20)].map((disk) => {
        const { recording, trueDeps } = modelRoundTrip(name, readyUs, disk);
        return judged(recording.requests, trueDeps, SERIAL_RUN_US).changed;
      });
    });
    expect(fired).toEqual(new Array(12).fill(0));
    const halfSecond = [rateFilter(4 * 2 ** 20), { addedDelay: 2e6 }].map((disk) => {
      const { recording, trueDeps } = modelRoundTrip("boot1", 28_352_530, disk);
      const { changed, rightAfter, rightBefore } = judged(recording.requests, trueDeps, 500_000);
      return [changed, rightAfter, rightBefore];
    });
    expect(halfSecond).toEqual([[303, 0, 303], [7, 0, 7]]);
  });

  it("a two-thread guest at +20 ms, where one thread reads on alone for 4 s: wrong dependencies 214 → 29 of 600, and its faster prediction +207.3% → +16.6%", () => {
    const base = twoThreadGuest({});
    const slowed = twoThreadGuest({ addedDelay: 20e6 });
    const truth = twoThreadTruth(slowed.requests);
    const off = inferReplayPlan(slowed.requests, { serialRunUs: 0, loaderPhase: false, resumeUs: 0 });
    const on = inferReplayPlan(slowed.requests, { loaderPhase: false, resumeUs: 0 });
    const wrong = (plan: typeof on): number => truth.filter((d, j) => plan.dep[j] !== d).length;
    expect([wrong(off), wrong(on)]).toEqual([214, 29]);
    const pair: WhatIfPair = {
      name: "two threads", threads: 2, delayUs: 20_000,
      base: { name: "base", requests: base.requests, serviceReadyUs: base.readyUs },
      delayed: { name: "slowed", requests: slowed.requests, serviceReadyUs: slowed.readyUs },
    };
    const error = (serialRunUs: number): number => Number((100 * (predictWhatIf(pair, "faster", { threads: 2, resumeUs: 0, serialRunUs }).point / base.readyUs - 1)).toFixed(1));
    expect([error(0), error(SERIAL_RUN_US)]).toEqual([207.3, 16.6]);
  });
});

describe("rule 6 out of sample: the fourth campaign, recorded after it was fixed", () => {
  it("at +20 ms each slowed boot has one run of 146–152 members; without the rule the pairs' stretch − shrink is +1.29, +1.57, +1.36 s kernel-direct and +2.24, +1.93 s through GRUB, with it −0.25, +0.05, −0.19, +0.72, +0.38 s (faster rows +20.2/+13.2/+9.0/+4.1/+3.2% → +12.4/+5.3/+2.1/−0.7/−2.1%)", () => {
    const pairs = loadWhatIfPairs("traces/what-if-pairs-k4.json").filter((p) => p.delayUs === 20_000);
    const resumeUs = priorResumeUs(loadWhatIfPairs("traces/what-if-pairs-k4.json"));
    const rows = pairs.map((pair) => {
      const slowed = pair.delayed.requests;
      const times = traceTimes(slowed);
      const count = serialRunMembers(slowed, times.issue, times.completion, loaderPhaseEnd(slowed, times), SERIAL_RUN_US, false).reduce((a, b) => a + b, 0);
      // The two directions' errors added (directionSums): the model's stretch of the base boot minus its shrink of the slowed one.
      const slowerErrorUs = predictWhatIf(pair, "slower", { threads: 2, resumeUs }).point - pair.delayed.serviceReadyUs;
      const sum = (serialRunUs: number): number =>
        Number(((slowerErrorUs + predictWhatIf(pair, "faster", { threads: 2, resumeUs, serialRunUs }).point - pair.base.serviceReadyUs) / 1e6).toFixed(2));
      const faster = (serialRunUs: number): number => Number((100 * (predictWhatIf(pair, "faster", { threads: 2, resumeUs, serialRunUs }).point / pair.base.serviceReadyUs - 1)).toFixed(1));
      return [count, sum(0), sum(SERIAL_RUN_US), faster(0), faster(SERIAL_RUN_US)];
    });
    expect(rows).toEqual([[149, 1.29, -0.25, 20.2, 12.4], [147, 1.57, 0.05, 13.2, 5.3], [152, 1.36, -0.19, 9.0, 2.1], [146, 2.24, 0.72, 4.1, -0.7], [150, 1.93, 0.38, 3.2, -2.1]]);
  });
});
