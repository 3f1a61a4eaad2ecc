import { describe, expect, it } from "vitest";
import { loadRepeatBoots, loadWhatIfPairs, SHIPPED_PAIRS } from "../../../src/cli/commands/validate.ts";
import { resumeStretch } from "../../../src/workloads/replay/calibrate.ts";
import { SHIPPED_RESUME_US } from "../../../src/workloads/replay/plan.ts";
import { directionSums, fittedResumeUs, noiseRows, predictWhatIf, priorOptionsWithout, priorResumeUs, summarizeValidation, validationTable, type ValidationRow, type WhatIfPair } from "../../../src/workloads/replay/validate.ts";
import { modelRoundTrip } from "../../support/model-round-trip.ts";

const pct = (x: number): number => Number((100 * x).toFixed(1));

describe("validationTable", () => {
  it("validationTable(shipped pairs): error per pair and direction, as in docs/replay.md", () => {
    const rows = validationTable(loadWhatIfPairs(SHIPPED_PAIRS));
    expect(rows.map((r) => [r.pair, r.direction, pct(r.error), r.inBand])).toEqual([
      ["boot1 +5ms", "slower", 7.5, true],
      ["boot1 +5ms", "faster", -6.9, true],
      ["k2boot1 +20ms", "slower", 5.2, true],
      ["k2boot1 +20ms", "faster", 4.9, true],
      ["g2boot1 +2ms", "slower", -4.8, true],
      ["g2boot1 +2ms", "faster", 8.4, false],
      ["g2boot2 +2ms (repeat base)", "slower", 1.2, true],
      ["g2boot2 +2ms (repeat base)", "faster", -0.4, true],
    ]);
    // Rule 5's resume cost fitted without the pair (and without pairs sharing its recordings).
    expect(rows.map((r) => pct(r.leaveOneOutError))).toEqual([7.3, -6.8, 4.9, 5.2, -1.9, 5.4, 4.2, -3.1]);
    const summary = summarizeValidation(rows);
    // The median is 5.02%: over the target by two hundredths of a point, which the verdict prints.
    expect([pct(summary.maxAbsError), Number((100 * summary.medianAbsError).toFixed(2)), summary.met]).toEqual([8.4, 5.02, false]);
  });

  it("fittedResumeUs(shipped pairs) is SHIPPED_RESUME_US: the mean of the measured stretches 719, 911, 284, 209 µs", () => {
    const pairs = loadWhatIfPairs(SHIPPED_PAIRS);
    expect(pairs.map((p) => resumeStretch(p.base.requests, p.delayed.requests).medianUs)).toEqual([718.5, 911, 284, 209]);
    expect(fittedResumeUs(pairs)).toBe(SHIPPED_RESUME_US);
    expect(fittedResumeUs([])).toBe(0);
  });

  it("priorOptionsWithout(pair) fits the resume cost on the pairs that share no recording with it: 468, 404, 815, 815 µs", () => {
    const pairs = loadWhatIfPairs(SHIPPED_PAIRS);
    const fits = pairs.map((p) => priorOptionsWithout(p, pairs.filter((q) => q !== p)));
    expect(fits).toEqual([468, 404, 815, 815].map((resumeUs) => ({ threads: 2, resumeUs })));
  });
});

describe("priorResumeUs", () => {
  it("priorResumeUs fits rule 5 on the delay pairs only (a rate filter's wait is not a known added wait), and takes the shipped 531 µs when there are none", () => {
    const pairs = loadWhatIfPairs(SHIPPED_PAIRS);
    const throttled = pairs.map((p) => ({ ...p, throttle: { rateBytesPerS: 2 ** 20, burstinessUs: 2_000_000 } }));
    expect([priorResumeUs(pairs), priorResumeUs([pairs[0], ...throttled.slice(1)]), priorResumeUs(throttled), priorResumeUs([])]).toEqual([531, 719, 531, 531]);
    // Leave-one-out with no unrelated delay pair to fit on falls back to the shipped constant too.
    expect(priorOptionsWithout(pairs[1], [pairs[0], ...throttled.slice(2)])).toEqual({ threads: 2, resumeUs: 719 });
    expect(priorOptionsWithout(pairs[1], throttled)).toEqual({ threads: 2, resumeUs: 531 });
  });
});

describe("directionSums", () => {
  it("directionSums(shipped table): stretch − shrink per pair is 0.27, 2.56, 0.32, 0.32 s; a boot replayed both ways on itself sums to 0", () => {
    const pairs = loadWhatIfPairs(SHIPPED_PAIRS);
    const sums = directionSums(validationTable(pairs));
    expect(sums.map((d) => [d.pair, Math.round(d.sumUs / 1e4) / 100])).toEqual([
      ["boot1 +5ms", 0.27], ["k2boot1 +20ms", 2.56], ["g2boot1 +2ms", 0.32], ["g2boot2 +2ms (repeat base)", 0.32],
    ]);
    // The sum does not see either boot's own time: swap g2boot1 for g2boot2 (2.05 s apart) and it barely moves.
    expect(Math.abs(sums[2].sumUs - sums[3].sumUs)).toBeLessThan(10_000);
    const itself = { ...pairs[0], delayed: pairs[0].base, delayUs: 0 };
    expect(directionSums(validationTable([itself]))).toEqual([{ pair: "boot1 +5ms", sumUs: 0 }]);
  });

  it("directionSums on the model's own slowed boots (round trip): 0.01, 0.10, 0.01 s, so the real pairs' 0.27, 2.56, 0.32 s are what the slowed guests did that the model's replay of the base does not", () => {
    const sumOf = (name: string, readyUs: number, delayUs: number): number => {
      const { base, recording } = modelRoundTrip(name, readyUs, { addedDelay: delayUs * 1000 });
      const pair: WhatIfPair = { name, threads: 2, delayUs, base, delayed: recording };
      const options = { threads: 2, resumeUs: SHIPPED_RESUME_US };
      // The slower prediction is the recording itself: only the faster one can err.
      expect(predictWhatIf(pair, "slower", options).point).toBeCloseTo(recording.serviceReadyUs, 0);
      return Math.round((predictWhatIf(pair, "faster", options).point - readyUs) / 1e4) / 100;
    };
    expect([sumOf("boot1", 28_352_530, 5000), sumOf("k2boot1", 18_864_750, 20_000), sumOf("g2boot1", 23_216_375, 2000)]).toEqual([0.01, 0.1, 0.01]);
  });
});

describe("summarizeValidation", () => {
  it("summarizeValidation takes the max and median of |error| over prior and leave-one-out", () => {
    const rows = [{ error: 0.04, leaveOneOutError: 0.04 }, { error: -0.12, leaveOneOutError: -0.12 }] as ValidationRow[];
    expect(summarizeValidation(rows)).toEqual({ maxAbsError: 0.12, medianAbsError: 0.08, met: false });
    expect(summarizeValidation([{ error: 0.01, leaveOneOutError: 0.02 }] as ValidationRow[]).met).toBe(true);
  });
});

describe("noiseRows", () => {
  it("noiseRows(shipped repeats): each undelayed boot replayed on its own latency lands on its own time: g2boot1 / g2boot2 8.1% / 8.8% apart, gboot1 / gboot4_gen2 2.5% / 2.6%", () => {
    const rows = noiseRows(loadRepeatBoots(SHIPPED_PAIRS));
    expect(rows.map((r) => [r.replayed, r.measuredName, r.predictedUs, r.measuredUs, pct(r.error)])).toEqual([
      ["g2boot1", "g2boot2", 23216375, 25261836, -8.1],
      ["g2boot2", "g2boot1", 25261836, 23216375, 8.8],
      ["gboot1", "gboot4_gen2", 35724121, 36653904, -2.5],
      ["gboot4_gen2", "gboot1", 36653904, 35724121, 2.6],
    ]);
  });
});

describe("validationTable(third campaign): out of sample", () => {
  const K3_PAIRS = "traces/what-if-pairs-k3.json";

  it("validationTable(what-if-pairs-k3.json): pairs recorded after the rules were chosen, on another host, with 2, 1 and 4 vCPUs (rule 3 keeps 2 threads); rule 5 refitted there (921 µs); the rate filter's faster direction is the one failure of the model's own", () => {
    const rows = validationTable(loadWhatIfPairs(K3_PAIRS));
    expect(rows.map((r) => [r.pair, r.direction, pct(r.error), pct(r.leaveOneOutError), r.inBand])).toEqual([
      ["k3boot1 +5ms", "slower", 8.6, 8.6, true],
      ["k3boot1 +5ms", "faster", -8.3, -8.3, true],
      ["k3boot2 +20ms", "slower", 1.8, 1.8, true],
      ["k3boot2 +20ms", "faster", 3.4, 3.4, true],
      ["k3boot4 +2ms", "slower", -17.8, -17.8, false],
      ["k3boot4 +2ms", "faster", 24.0, 24.1, false],
      ["k3boot6 +10ms", "slower", 2.0, 2.0, true],
      ["k3boot6 +10ms", "faster", -0.2, -0.3, true],
      ["k3boot3 rate=32M", "slower", 0.6, 0.6, true],
      ["k3boot3 rate=32M", "faster", 1.3, 1.3, true],
      ["k3boot5 rate=8M", "slower", -2.9, -2.9, true],
      ["k3boot5 rate=8M", "faster", 46.1, 46.1, false],
      ["k3boot8 +2ms (again)", "slower", -9.5, -9.4, false],
      ["k3boot8 +2ms (again)", "faster", 11.8, 11.7, false],
      ["k3v1boot1 +20ms (1 vCPU)", "slower", -4.0, -4.1, true],
      ["k3v1boot1 +20ms (1 vCPU)", "faster", 8.5, 8.6, true],
      ["k3v1boot2 +5ms (1 vCPU)", "slower", 4.5, 4.6, true],
      ["k3v1boot2 +5ms (1 vCPU)", "faster", -4.2, -4.2, true],
      ["k3v4boot1 +20ms (4 vCPUs)", "slower", 4.7, 4.7, true],
      ["k3v4boot1 +20ms (4 vCPUs)", "faster", -2.8, -2.7, true],
      ["k3v4boot2 +5ms (4 vCPUs)", "slower", 5.8, 5.8, true],
      ["k3v4boot2 +5ms (4 vCPUs)", "faster", -5.1, -5.1, true],
    ]);
    expect(priorResumeUs(loadWhatIfPairs(K3_PAIRS))).toBe(921);
    // Stretch − shrink: near 0 for both +2 ms pairs (0.12 s: the model stretches and shrinks alike); the 1 MiB/s pair's is the model's (7.57 s).
    expect(directionSums(rows).map((d) => Math.round(d.sumUs / 1e4) / 100)).toEqual([0.18, 1.39, 0.12, 0.5, 0.38, 7.57, 0.12, 0.74, 0.19, 1.02, 0.29]);
    const summary = summarizeValidation(rows);
    expect([Number((100 * summary.maxAbsError).toFixed(2)), Number((100 * summary.medianAbsError).toFixed(2))]).toEqual([46.11, 4.63]);
  });

  it("rule 3's threads are the boot's, not its vCPUs' (E3), out of sample: with threads = vCPUs the 1- and 4-vCPU pairs miss by up to 23.8%, with the default 2 threads by at most 8.5%", () => {
    const all = loadWhatIfPairs(K3_PAIRS);
    const pairs = all.filter((p) => p.name.includes("vCPU"));
    const errors = (threads: (name: string) => number): number[] =>
      pairs.flatMap((p) => (["slower", "faster"] as const).map((d) => pct(predictWhatIf(p, d, { threads: threads(p.name), resumeUs: priorResumeUs(all) }).point / (d === "slower" ? p.delayed : p.base).serviceReadyUs - 1)));
    expect(errors((name) => (name.includes("1 vCPU") ? 1 : 4))).toEqual([23.8, -14.0, 13.4, -10.8, -11.0, 15.4, 0.1, 0.1]);
    expect(errors(() => 2)).toEqual([-4.0, 8.5, 4.5, -4.2, 4.7, -2.8, 5.8, -5.1]);
  });

  it("noiseRows(what-if-pairs-k3.json): nine undelayed repeats of one image reach service ready 19.77–24.87 s after their first request (sample σ 7.9%)", () => {
    const repeats = loadRepeatBoots(K3_PAIRS).slice(0, 8); // the 2-vCPU repeats k3boot1 … k3boot9
    const times = [repeats[0].first, ...repeats.map((r) => r.second)].map((b) => b.serviceReadyUs / 1e6);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const sd = Math.sqrt(times.reduce((a, t) => a + (t - mean) ** 2, 0) / (times.length - 1));
    expect([times.length, Number(Math.min(...times).toFixed(2)), Number(Math.max(...times).toFixed(2)), Number((100 * sd / mean).toFixed(1))]).toEqual([9, 19.77, 24.87, 7.9]);
    expect(noiseRows(repeats).map((r) => pct(r.error))).toEqual([1.4, -1.4, 11.5, -10.3, 2.6, -2.5, -1.4, 1.4, -11.4, 12.8, -4.4, 4.6, 8.6, -7.9, -12.3, 14.1]);
    // With 1 vCPU the same boot varies far more (24.80–36.86 s), with 4 vCPUs less (26.57–28.56 s).
    expect(noiseRows(loadRepeatBoots(K3_PAIRS).slice(8)).map((r) => pct(r.error))).toEqual([-20.5, 25.8, 48.6, -32.7, -3.3, 3.4, 7.5, -7.0]);
  });
});
