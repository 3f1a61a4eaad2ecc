import { describe, expect, it } from "vitest";
import { loadRepeatBoots, loadWhatIfPairs, SHIPPED_PAIRS } from "../../../src/cli/commands/validate.ts";
import { resumeStretch } from "../../../src/workloads/replay/calibrate.ts";
import { inferReplayPlan, loaderPhaseEnd, SHIPPED_RESUME_US, traceTimes } from "../../../src/workloads/replay/plan.ts";
import { predictReplay } from "../../../src/workloads/replay/predict.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { directionSums, fittedResumeUs, noiseRows, predictWhatIf, priorOptionsWithout, priorResumeUs, type RepeatBoots, summarizeValidation, validationTable, type ValidationRow, type WhatIfPair } from "../../../src/workloads/replay/validate.ts";
import { modelRoundTrip } from "../../support/model-round-trip.ts";
import { BOOT_TRACES } from "../fixtures.ts";

const pct = (x: number): number => Number((100 * x).toFixed(1));

describe("validationTable", () => {
  it("validationTable(shipped pairs): error per pair and direction, as in docs/replay.md", () => {
    const rows = validationTable(loadWhatIfPairs(SHIPPED_PAIRS));
    expect(rows.map((r) => [r.pair, r.direction, pct(r.error), r.inBand])).toEqual([
      ["boot1 +5ms", "slower", 7.5, true],
      ["boot1 +5ms", "faster", -6.9, true],
      ["k2boot1 +20ms", "slower", 5.2, true],
      ["k2boot1 +20ms", "faster", -3.2, true],
      ["g2boot1 +2ms", "slower", -4.8, true],
      ["g2boot1 +2ms", "faster", 8.4, false],
      ["g2boot2 +2ms (repeat base)", "slower", 1.2, true],
      ["g2boot2 +2ms (repeat base)", "faster", -0.4, true],
    ]);
    // Rule 5's resume cost fitted without the pair (and without pairs sharing its recordings).
    expect(rows.map((r) => pct(r.leaveOneOutError))).toEqual([7.3, -6.8, 4.9, -2.9, -1.9, 5.4, 4.2, -3.1]);
    const summary = summarizeValidation(rows);
    // The median is 4.85% (5.02% before rule 6): under the target by 0.15 points, well inside the boots' noise (docs/replay.md).
    expect([pct(summary.maxAbsError), Number((100 * summary.medianAbsError).toFixed(2)), summary.met]).toEqual([8.4, 4.85, true]);
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
  it("directionSums(shipped table): stretch − shrink per pair is 0.27, 1.03, 0.32, 0.32 s (k2boot1: 2.56 s without rule 6); a boot replayed both ways on itself sums to 0", () => {
    const pairs = loadWhatIfPairs(SHIPPED_PAIRS);
    const sums = directionSums(validationTable(pairs));
    expect(sums.map((d) => [d.pair, Math.round(d.sumUs / 1e4) / 100])).toEqual([
      ["boot1 +5ms", 0.27], ["k2boot1 +20ms", 1.03], ["g2boot1 +2ms", 0.32], ["g2boot2 +2ms (repeat base)", 0.32],
    ]);
    // The sum does not see either boot's own time: swap g2boot1 for g2boot2 (2.05 s apart) and it barely moves.
    expect(Math.abs(sums[2].sumUs - sums[3].sumUs)).toBeLessThan(10_000);
    const itself = { ...pairs[0], delayed: pairs[0].base, delayUs: 0 };
    expect(directionSums(validationTable([itself]))).toEqual([{ pair: "boot1 +5ms", sumUs: 0 }]);
  });

  it("directionSums on the model's own slowed boots (round trip): 0.01, 0.10, 0.01 s, so the real pairs' 0.27, 1.03, 0.32 s are what the slowed guests did that the model's replay of the base does not", () => {
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
  it("the image copy's writeback is not the noise: six repeats booted after sync and 5 s of rest (k3settle*) spread as much as six booted at once (k3plain*), σ 8.5% against 9.4%, and ran slower (mean 22.45 against 20.75 s)", () => {
    const times = (prefix: string): number[] => BOOT_TRACES.filter((t) => t.name.startsWith(prefix)).map((t) => t.serviceReadyUs / 1e6);
    const summary = (xs: number[]): number[] => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
      return [xs.length, Number(mean.toFixed(2)), Number(((100 * sd) / mean).toFixed(1))];
    };
    expect([summary(times("k3settle")), summary(times("k3plain"))]).toEqual([[6, 22.45, 8.5], [6, 20.75, 9.4]]);
  });

  const K3_PAIRS = "traces/what-if-pairs-k3.json";

  it("validationTable(what-if-pairs-k3.json): pairs recorded after the rules were chosen, on another host, with 2, 1 and 4 vCPUs (rule 3 keeps 2 threads) and through a warm, half-warm or cold cache in three cache modes, and through GRUB, and at +1 ms; rule 5 refitted there (496 µs); the faster direction behind the 1 MiB/s rate filter is still off by +23.9% (+45.7% before held-waits.ts; the cold caches +19.0–22.2% → +5.7–7.4%)", () => {
    const rows = validationTable(loadWhatIfPairs(K3_PAIRS));
    expect(rows.map((r) => [r.pair, r.direction, pct(r.error), pct(r.leaveOneOutError), r.inBand])).toEqual([
      ["k3boot1 +5ms", "slower", 7.7, 7.6, true],
      ["k3boot1 +5ms", "faster", -7.5, -7.4, true],
      ["k3boot2 +20ms", "slower", 1.1, 1.1, true],
      ["k3boot2 +20ms", "faster", -2.5, -2.5, true],
      ["k3boot4 +2ms", "slower", -18.7, -18.7, false],
      ["k3boot4 +2ms", "faster", 25.0, 25.0, false],
      ["k3boot6 +10ms", "slower", 1.2, 1.1, true],
      ["k3boot6 +10ms", "faster", -2.9, -2.9, true],
      ["k3boot3 rate=32M", "slower", 0.6, 0.6, true],
      ["k3boot3 rate=32M", "faster", 1.3, 1.3, true],
      ["k3boot5 rate=8M", "slower", -2.9, -2.9, true],
      ["k3boot5 rate=8M", "faster", 23.9, 23.9, true],
      ["k3boot8 +2ms (again)", "slower", -10.4, -10.4, false],
      ["k3boot8 +2ms (again)", "faster", 12.7, 12.7, false],
      ["k3v1boot1 +20ms (1 vCPU)", "slower", -4.6, -4.6, true],
      ["k3v1boot1 +20ms (1 vCPU)", "faster", 3.9, 3.9, true],
      ["k3v1boot2 +5ms (1 vCPU)", "slower", 3.9, 3.9, true],
      ["k3v1boot2 +5ms (1 vCPU)", "faster", -3.7, -3.7, true],
      ["k3v4boot1 +20ms (4 vCPUs)", "slower", 4.1, 4.1, true],
      ["k3v4boot1 +20ms (4 vCPUs)", "faster", -7.8, -7.7, true],
      ["k3v4boot2 +5ms (4 vCPUs)", "slower", 5.0, 5.0, true],
      ["k3v4boot2 +5ms (4 vCPUs)", "faster", -4.5, -4.5, true],
      ["k3boot12 +2ms (third)", "slower", 2.1, 2.1, true],
      ["k3boot12 +2ms (third)", "faster", -1.9, -1.8, true],
      ["k3boot13 +2ms (fourth)", "slower", 5.0, 5.1, true],
      ["k3boot13 +2ms (fourth)", "faster", -4.8, -4.8, true],
      ["k3boot12 +20ms, cache warmed by k3boot9", "slower", 9.1, 9.1, false],
      ["k3boot12 +20ms, cache warmed by k3boot9", "faster", -8.2, -8.2, false],
      ["k3boot12 +5ms, cache warmed by k3boot0", "slower", 6.2, 6.2, false],
      ["k3boot12 +5ms, cache warmed by k3boot0", "faster", -6.0, -6.0, false],
      ["k3boot15 +20ms, cold cache", "slower", -1.9, -1.9, true],
      ["k3boot15 +20ms, cold cache", "faster", 7.4, 7.4, true],
      ["k3boot16 +20ms, cache warmed by half of k3boot9", "slower", 12.9, 12.9, true],
      ["k3boot16 +20ms, cache warmed by half of k3boot9", "faster", -19.1, -19.1, true],
      ["k3boot18 +20ms, cache warmed by k3boot9 (again)", "slower", 4.4, 4.4, false],
      ["k3boot18 +20ms, cache warmed by k3boot9 (again)", "faster", -4.1, -4.1, false],
      ["k3boot19 +20ms, cold cache (again)", "slower", -2.4, -2.4, true],
      ["k3boot19 +20ms, cold cache (again)", "faster", 6.9, 6.9, true],
      ["g3boot1 +2ms (GRUB)", "slower", 8.6, 8.7, true],
      ["g3boot1 +2ms (GRUB)", "faster", -9.4, -9.6, true],
      ["g3boot2 +5ms (GRUB)", "slower", -0.9, -0.9, true],
      ["g3boot2 +5ms (GRUB)", "faster", 2.8, 2.7, true],
      ["g3boot3 +20ms (GRUB)", "slower", -2.0, -2.0, true],
      ["g3boot3 +20ms (GRUB)", "faster", 6.9, 6.9, true],
      ["g3boot4 +2ms (GRUB, again)", "slower", 23.0, 23.2, true],
      ["g3boot4 +2ms (GRUB, again)", "faster", -23.3, -23.5, true],
      ["g3boot5 +20ms, cold cache (GRUB)", "slower", -1.6, -1.6, true],
      ["g3boot5 +20ms, cold cache (GRUB)", "faster", 5.7, 5.7, true],
      ["k3boot21 +20ms, writeback cache warmed by k3boot9", "slower", -3.3, -3.3, true],
      ["k3boot21 +20ms, writeback cache warmed by k3boot9", "faster", 4.3, 4.3, false],
      ["k3boot22 +20ms, writethrough cache warmed by k3boot9", "slower", -3.6, -3.6, true],
      ["k3boot22 +20ms, writethrough cache warmed by k3boot9", "faster", 7.7, 7.7, false],
      ["k3boot24 +20ms, writeback cache warmed by k3boot9 (again)", "slower", -1.6, -1.6, true],
      ["k3boot24 +20ms, writeback cache warmed by k3boot9 (again)", "faster", 1.1, 1.1, false],
      ["k3boot26 +0ms, cache warmed by k3boot9 (1)", "slower", -10.4, -10.4, false],
      ["k3boot26 +0ms, cache warmed by k3boot9 (1)", "faster", 11.6, 11.6, false],
      ["k3boot27 +0ms, cache warmed by k3boot9 (2)", "slower", -7.1, -7.1, false],
      ["k3boot27 +0ms, cache warmed by k3boot9 (2)", "faster", 7.6, 7.6, false],
      ["k3boot28 +0ms, cache warmed by k3boot9 (3)", "slower", -8.4, -8.4, false],
      ["k3boot28 +0ms, cache warmed by k3boot9 (3)", "faster", 9.2, 9.2, false],
      ["k3boot29 +0ms, cache warmed by k3boot9 (4)", "slower", -10.7, -10.7, false],
      ["k3boot29 +0ms, cache warmed by k3boot9 (4)", "faster", 12.0, 12.0, false],
      ["g3boot7 +2ms (GRUB, third)", "slower", 4.9, 5.0, true],
      ["g3boot7 +2ms (GRUB, third)", "faster", -5.1, -5.3, true],
      ["g3boot8 +2ms (GRUB, fourth)", "slower", 8.8, 9.0, true],
      ["g3boot8 +2ms (GRUB, fourth)", "faster", -9.8, -10.0, true],
      ["g3boot9 +2ms (GRUB, fifth)", "slower", -9.1, -9.0, false],
      ["g3boot9 +2ms (GRUB, fifth)", "faster", 14.7, 14.5, false],
      ["k3boot30 +1ms", "slower", 3.0, 3.0, true],
      ["k3boot30 +1ms", "faster", -2.7, -2.7, true],
      ["k3boot31 +1ms (again)", "slower", -12.0, -12.0, false],
      ["k3boot31 +1ms (again)", "faster", 14.4, 14.4, false],
      ["k3boot32 +1ms (third)", "slower", -8.9, -8.9, false],
      ["k3boot32 +1ms (third)", "faster", 10.4, 10.4, false],
      ["k3boot33 +1ms (fourth)", "slower", 6.4, 6.4, false],
      ["k3boot33 +1ms (fourth)", "faster", -6.0, -6.0, false],
      ["g3boot11 +1ms (GRUB)", "slower", -10.5, -10.3, false],
      ["g3boot11 +1ms (GRUB)", "faster", 15.3, 15.1, false],
      ["g3boot12 +1ms (GRUB, again)", "slower", -15.4, -15.2, false],
      ["g3boot12 +1ms (GRUB, again)", "faster", 22.8, 22.6, false],
      ["g3boot13 +1ms (GRUB, third)", "slower", -1.1, -0.9, true],
      ["g3boot13 +1ms (GRUB, third)", "faster", 2.2, 2.0, true],
    ]);
    expect(priorResumeUs(loadWhatIfPairs(K3_PAIRS))).toBe(496);
    // Stretch − shrink: near 0 for the four kernel-direct +2 ms pairs (0.08–0.09 s: the model stretches and shrinks alike) and
    // the fully warmed caches (−0.03–0.04 s), and, since rule 6, for the +10 and +20 ms pairs (−0.84 to 0 s; 0.45–1.53 s before it); since
    // held-waits.ts the cold caches' too (0.92, 0.55, GRUB 0.43 s; 3.52, 3.67, 4.07 s before); the 1 MiB/s pair's 3.13 s (7.48 s before).
    expect(directionSums(rows).map((d) => Math.round(d.sumUs / 1e4) / 100 + 0)).toEqual([0.14, -0.18, 0.08, -0.33, 0.39, 3.13, 0.07, -0.84, 0.14, -0.6, 0.23, 0.07, 0.07, 0.04, -0.03, 0.92, -1.22, 0.02, 0.55, 0.27, 0.32, 0, 0.22, 0.43, 0.17, 0.72, -0.11, -0.01, 0, -0.01, 0, 0.27, 0.22, 0.24, 0.06, 0.04, 0.05, 0.06, 0.24, 0.19, 0.2]);
    const summary = summarizeValidation(rows);
    expect([Number((100 * summary.maxAbsError).toFixed(2)), Number((100 * summary.medianAbsError).toFixed(2))]).toEqual([25.03, 6.29]);
  });

  it("rule 3's threads are the boot's, not its vCPUs' (E3), out of sample: with threads = vCPUs the 1- and 4-vCPU pairs miss by up to 22.8%, with the default 2 threads by at most 7.8%", () => {
    const all = loadWhatIfPairs(K3_PAIRS);
    const pairs = all.filter((p) => p.name.includes("vCPU"));
    const errors = (threads: (name: string) => number): number[] =>
      pairs.flatMap((p) => (["slower", "faster"] as const).map((d) => pct(predictWhatIf(p, d, { threads: threads(p.name), resumeUs: priorResumeUs(all) }).point / (d === "slower" ? p.delayed : p.base).serviceReadyUs - 1)));
    expect(errors((name) => (name.includes("1 vCPU") ? 1 : 4))).toEqual([22.8, -13.0, 12.2, -10.0, -11.3, 7.3, -0.3, 0.5]);
    expect(errors(() => 2)).toEqual([-4.6, 3.9, 3.9, -3.7, 4.1, -7.8, 5.0, -4.5]);
  });

  it("noiseRows(what-if-pairs-k3.json): nine undelayed repeats of one image reach service ready 19.77–24.87 s after their first request (sample σ 7.9%)", () => {
    const repeats = loadRepeatBoots(K3_PAIRS).slice(0, 8); // the 2-vCPU repeats k3boot1 … k3boot9
    const times = [repeats[0].first, ...repeats.map((r) => r.second)].map((b) => b.serviceReadyUs / 1e6);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const sd = Math.sqrt(times.reduce((a, t) => a + (t - mean) ** 2, 0) / (times.length - 1));
    expect([times.length, Number(Math.min(...times).toFixed(2)), Number(Math.max(...times).toFixed(2)), Number((100 * sd / mean).toFixed(1))]).toEqual([9, 19.77, 24.87, 7.9]);
    expect(noiseRows(repeats).map((r) => pct(r.error))).toEqual([1.4, -1.4, 11.5, -10.3, 2.6, -2.5, -1.4, 1.4, -11.4, 12.8, -4.4, 4.6, 8.6, -7.9, -12.3, 14.1]);
    // With 1 vCPU the same boot varies far more (24.80–36.86 s), with 4 vCPUs less (26.57–28.56 s).
    expect(noiseRows(loadRepeatBoots(K3_PAIRS).slice(8, 12)).map((r) => pct(r.error))).toEqual([-20.5, 25.8, 48.6, -32.7, -3.3, 3.4, 7.5, -7.0]);
  });

  it("noiseRows(what-if-pairs-k3.json), later that day: nine more repeats reach service ready 19.46–25.73 s (σ 8.3%); the four +2 ms boots of both days average 1.69 s over the eighteen repeats' mean of 22.02 s, where the model stretches each by 1.42–1.43 s (rule 5 at 496 µs)", () => {
    const repeats = loadRepeatBoots(K3_PAIRS);
    const timesOf = (list: RepeatBoots[]): number[] => [list[0].first, ...list.map((r) => r.second)].map((b) => b.serviceReadyUs / 1e6);
    const day2 = timesOf(repeats.slice(12, 20)); // k3boot12 … k3boot20
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = (xs: number[]): number => Math.sqrt(xs.reduce((a, t) => a + (t - mean(xs)) ** 2, 0) / (xs.length - 1));
    expect([day2.length, Number(Math.min(...day2).toFixed(2)), Number(Math.max(...day2).toFixed(2)), Number(((100 * sd(day2)) / mean(day2)).toFixed(1))]).toEqual([9, 19.46, 25.73, 8.3]);
    expect(noiseRows(repeats.slice(12, 20)).map((r) => pct(r.error))).toEqual([2.6, -2.6, -12.8, 14.7, 4.4, -4.2, -12.5, 14.3, 18.7, -15.8, -1.6, 1.6, 3.6, -3.5, 9.3, -8.5]);
    const allRepeats = [...timesOf(repeats.slice(0, 8)), ...day2];
    const pairs = loadWhatIfPairs(K3_PAIRS).filter((p) => p.name.includes("+2ms") && !p.name.includes("GRUB"));
    const slowed = pairs.map((p) => p.delayed.serviceReadyUs / 1e6);
    expect([allRepeats.length, Number(mean(allRepeats).toFixed(2)), Number((mean(slowed) - mean(allRepeats)).toFixed(2))]).toEqual([18, 22.02, 1.69]);
    const stretch = pairs.map((p) => Number(((predictWhatIf(p, "slower", { resumeUs: priorResumeUs(loadWhatIfPairs(K3_PAIRS)) }).point - p.base.serviceReadyUs) / 1e6).toFixed(2)));
    expect(stretch).toEqual([1.42, 1.42, 1.42, 1.43]);
  });

  it("the GRUB path out of sample: six undelayed GRUB repeats reach service ready 22.14–29.11 s (σ 10.0%); GRUB's 2,796 serial reads end 0.34–1.15 s before rules 1 and 5 (496 µs) predict at +1, +2 and +5 ms, 0.50–1.15 s in all eight +1 and +2 ms boots, and 0.14 s after at +20 ms (its resume cost is below rule 5's and grows with the wait), and the kernel's I/O-free start after them varies 9.43–13.15 s", () => {
    const repeats = loadRepeatBoots(K3_PAIRS).slice(20, 25);
    expect(noiseRows(repeats).map((r) => pct(r.error))).toEqual([-0.5, 0.5, -7.8, 8.5, -1.1, 1.1, 31.5, -23.9, -23.9, 31.5]);
    const times = [repeats[0].first, ...repeats.map((r) => r.second)].map((b) => b.serviceReadyUs / 1e6);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const sd = Math.sqrt(times.reduce((a, t) => a + (t - mean) ** 2, 0) / (times.length - 1));
    expect([times.length, Number(Math.min(...times).toFixed(2)), Number(Math.max(...times).toFixed(2)), Number(((100 * sd) / mean).toFixed(1))]).toEqual([6, 22.14, 29.11, 10.0]);
    // Where the loader phase ends (its last read's completion), measured and as the prior replays the base boot with the delay.
    const resumeUs = priorResumeUs(loadWhatIfPairs(K3_PAIRS));
    const loaderEnds = loadWhatIfPairs(K3_PAIRS).filter((p) => p.name.includes("GRUB") && p.cache === undefined).map((p) => {
      const end = (requests: readonly TraceRequest[]): number => loaderPhaseEnd(requests, traceTimes(requests));
      const measured = traceTimes(p.delayed.requests).completion[end(p.delayed.requests) - 1];
      const plan = inferReplayPlan(p.base.requests, { resumeUs });
      const timing = predictReplay(plan, (r) => (r.latencyUs ?? 0) + (r.op === "F" ? 0 : p.delayUs));
      return [end(p.base.requests), Number((measured / 1e6).toFixed(2)), Number((timing.completionUs[end(p.base.requests) - 1] / 1e6).toFixed(2))];
    });
    expect(loaderEnds).toEqual([
      [2796, 8.44, 8.98], [2796, 17.08, 17.42], [2796, 60.25, 60.11], [2796, 8.08, 9.23], [2796, 8.49, 9.21], [2796, 8.32, 9.24], [2796, 8.61, 9.13], // +2, +5, +20, +2, +2, +2, +2 ms
      [2796, 5.51, 6.29], [2796, 5.91, 6.40], [2796, 5.46, 6.23], // +1 ms
    ]);
  });
});

describe("validationTable(fourth campaign): out of sample for rule 6", () => {
  it("validationTable(what-if-pairs-k4.json): a fresh build of the guest recorded after rule 6 was fixed, kernel-direct and through GRUB; rule 5 refitted there (967 µs, its delay pairs are +5 to +20 ms); the +20 and +10 ms pairs within 12.5% both ways (GRUB +20 ms within 2.6%), the first and fourth +5 ms pairs miss (the first +5 ms boot took longer than both +10 ms boots)", () => {
    const rows = validationTable(loadWhatIfPairs("traces/what-if-pairs-k4.json"));
    expect(rows.map((r) => [r.pair, r.direction, pct(r.error), pct(r.leaveOneOutError), r.inBand])).toEqual([
      ["k4boot1 +20ms", "slower", -7.8, -7.9, true],
      ["k4boot1 +20ms", "faster", 12.4, 12.5, true],
      ["k4boot2 +10ms", "slower", 6.1, 6.1, true],
      ["k4boot2 +10ms", "faster", -4.7, -4.7, true],
      ["k4boot3 +20ms (again)", "slower", -3.0, -3.0, true],
      ["k4boot3 +20ms (again)", "faster", 5.3, 5.3, true],
      ["k4boot4 +10ms (again)", "slower", 0.8, 0.8, true],
      ["k4boot4 +10ms (again)", "faster", -3.4, -3.4, true],
      ["k4boot5 +20ms (third)", "slower", -1.9, -2.0, true],
      ["k4boot5 +20ms (third)", "faster", 2.1, 2.2, true],
      ["k4boot6 +5ms", "slower", -14.6, -14.6, false],
      ["k4boot6 +5ms", "faster", 20.9, 20.9, false],
      ["k4boot7 +5ms (again)", "slower", 3.2, 3.1, true],
      ["k4boot7 +5ms (again)", "faster", -2.6, -2.6, true],
      ["k4boot8 +5ms (third)", "slower", 8.1, 8.1, true],
      ["k4boot8 +5ms (third)", "faster", -7.3, -7.3, true],
      ["k4boot9 +5ms (fourth)", "slower", -11.1, -11.1, true],
      ["k4boot9 +5ms (fourth)", "faster", 15.3, 15.4, false],
      ["g4boot1 +20ms (GRUB)", "slower", 0.9, 1.0, true],
      ["g4boot1 +20ms (GRUB)", "faster", -0.7, -0.9, true],
      ["g4boot2 +20ms (GRUB, again)", "slower", 1.0, 1.2, true],
      ["g4boot2 +20ms (GRUB, again)", "faster", -2.1, -2.6, true],
    ]);
    expect(priorResumeUs(loadWhatIfPairs("traces/what-if-pairs-k4.json"))).toBe(967);
    // Stretch − shrink, free of run-to-run noise: −0.25 to +0.05 s at +20 ms kernel-direct, +0.38 and +0.72 s through GRUB (of 70 s).
    expect(directionSums(rows).map((d) => Math.round(d.sumUs / 1e4) / 100 + 0)).toEqual([-0.25, 0.58, 0.05, -0.5, -0.19, 0.21, 0.21, 0.3, 0.2, 0.72, 0.38]);
    const summary = summarizeValidation(rows);
    expect([Number((100 * summary.maxAbsError).toFixed(2)), Number((100 * summary.medianAbsError).toFixed(2))]).toEqual([20.95, 4.05]);
  });
});

describe("validationTable(k5): the fifth campaign, the two conditions the faster direction missed, three boots each", () => {
  it("validationTable(what-if-pairs-k5.json): three boots at 1 MiB/s and three through a cold cache at +20 ms (no delay pair: rule 5 at the shipped 531 µs); the faster rows within 22.9% with held waits (the 1 MiB/s ones −16.2 to +12.7%); the slower direction at 1 MiB/s 8.9–12.0% short in all three", () => {
    const rows = validationTable(loadWhatIfPairs("traces/what-if-pairs-k5.json"));
    expect(rows.map((r) => [r.pair, r.direction, pct(r.error), pct(r.leaveOneOutError), r.inBand])).toEqual([
["k5boot1 rate=8M", "slower", -9.4, -9.4, true],
      ["k5boot1 rate=8M", "faster", -16.2, -16.2, true],
      ["k5boot3 rate=8M (again)", "slower", -8.9, -8.9, true],
      ["k5boot3 rate=8M (again)", "faster", -4.1, -4.1, true],
      ["k5boot5 rate=8M (third)", "slower", -12.0, -12.0, true],
      ["k5boot5 rate=8M (third)", "faster", 12.7, 12.7, true],
      ["k5boot7 +20ms, cold cache", "slower", 0.4, 0.4, true],
      ["k5boot7 +20ms, cold cache", "faster", 1.3, 1.3, true],
      ["k5boot8 +20ms, cold cache (again)", "slower", 10.5, 10.5, true],
      ["k5boot8 +20ms, cold cache (again)", "faster", -14.9, -14.9, true],
      ["k5boot9 +20ms, cold cache (third)", "slower", -5.9, -5.9, true],
      ["k5boot9 +20ms, cold cache (third)", "faster", 22.9, 22.9, true],
    ]);
    expect(directionSums(rows).map((d) => Math.round(d.sumUs / 1e4) / 100 + 0)).toEqual([-8.47, -5.92, -4.29, 0.38, 0.09, 1.93]);
    const summary = summarizeValidation(rows);
    expect([Number((100 * summary.maxAbsError).toFixed(2)), Number((100 * summary.medianAbsError).toFixed(2))]).toEqual([22.86, 9.93]);
  });
});

describe("validationTable(k6): the sixth campaign, recorded after held-waits.ts", () => {
  it("validationTable(what-if-pairs-k6.json): 2 MiB/s twice, a cold cache at +10 ms twice and 1 MiB/s three times, out of sample for held-waits.ts; the cold caches' lines 0.12 and −0.02 s, the 1 MiB/s ones −5.35 to −1.22 s; single pairs off by up to 14.7%, their base boots 18.92–24.74 s apart", () => {
    const rows = validationTable(loadWhatIfPairs("traces/what-if-pairs-k6.json"));
    expect(rows.map((r) => [r.pair, r.direction, pct(r.error), pct(r.leaveOneOutError), r.inBand])).toEqual([
["k6boot1 rate=16M", "slower", -1.2, -1.2, true],
      ["k6boot1 rate=16M", "faster", 4.1, 4.1, true],
      ["k6boot2 +10ms, cold cache", "slower", 9.6, 9.6, true],
      ["k6boot2 +10ms, cold cache", "faster", -10.9, -10.9, true],
      ["k6boot3 rate=16M (again)", "slower", -3.2, -3.2, true],
      ["k6boot3 rate=16M (again)", "faster", -14.4, -14.4, true],
      ["k6boot4 +10ms, cold cache (again)", "slower", 6.9, 6.9, true],
      ["k6boot4 +10ms, cold cache (again)", "faster", -8.4, -8.4, true],
      ["k6boot5 rate=8M", "slower", -7.2, -7.2, true],
      ["k6boot5 rate=8M", "faster", -5.9, -5.9, true],
      ["k6boot6 rate=8M (again)", "slower", -0.6, -0.6, true],
      ["k6boot6 rate=8M (again)", "faster", -10.2, -10.2, true],
      ["k6boot7 rate=8M (third)", "slower", 3.5, 3.5, true],
      ["k6boot7 rate=8M (third)", "faster", -14.7, -14.7, true],
    ]);
    expect(directionSums(rows).map((d) => Math.round(d.sumUs / 1e4) / 100 + 0)).toEqual([0.46, 0.12, -3.7, -0.02, -5.35, -2.71, -1.22]);
    const summary = summarizeValidation(rows);
    expect([Number((100 * summary.maxAbsError).toFixed(2)), Number((100 * summary.medianAbsError).toFixed(2))]).toEqual([14.71, 7.05]);
  });
});
