import { describe, expect, it } from "vitest";
import type { Distribution } from "../../../src/kernel/distributions.ts";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { confidenceInterval } from "../../../src/metrics/confidence.ts";
import { nonPreemptivePriority, preemptiveResumePriority, type PriorityClassMetrics } from "../../../src/metrics/queueing-theory.ts";
import { runPriorityStation, type PriorityDiscipline, type PriorityStationOptions } from "../../../src/models/queueing/priority-station.ts";

/** A distribution that returns `values` in turn, then a time far beyond the test. */
function script(...values: number[]): Distribution {
  let i = 0;
  return { sample: () => values[i++] ?? 1e12, mean: 1, variance: 0 };
}

/**
 * Arrivals: low L0 at t=0 (service 4), L1 at 1 (2), high H0 at 2 (3), low L2 at 3 (1), high H1
 * at 6 (1); customer indices in arrival order: L0 = 0, L1 = 1, H0 = 2, L2 = 3, H1 = 4.
 */
function tiny(discipline: PriorityDiscipline): PriorityStationOptions {
  return {
    classes: [
      { interarrival: script(2, 4), service: script(3, 1) },
      { interarrival: script(0, 1, 2), service: script(4, 2, 1) },
    ],
    discipline,
    customers: 5,
  };
}

const MS = 1_000_000;
const mm1Classes = (): PriorityStationOptions["classes"] => [
  { interarrival: { kind: "exponential", mean: MS / 0.3 }, service: { kind: "exponential", mean: MS } },
  { interarrival: { kind: "exponential", mean: MS / 0.5 }, service: { kind: "exponential", mean: MS } },
];
const loads = [
  { arrivalRate: 0.3 / MS, meanService: MS, serviceVariance: MS * MS },
  { arrivalRate: 0.5 / MS, meanService: MS, serviceVariance: MS * MS },
];

describe("runPriorityStation", () => {
  it("non-preemptive, tiny sequence: L0 0–4, H0 4–7 (ahead of L1), H1 7–8, L1 8–10, L2 10–11", () => {
    const r = runPriorityStation(tiny("non-preemptive"), new RngStreams(1), { trace: true });
    expect(r.dispatches).toEqual([
      { customer: 0, at: 0 },
      { customer: 2, at: 4 },
      { customer: 4, at: 7 },
      { customer: 1, at: 8 },
      { customer: 3, at: 10 },
    ]);
    // High: H0 waits 2 (response 5), H1 waits 1 (response 2). Low: waits 0, 7, 7; responses 4, 9, 8.
    expect(r.classes.map((c) => [c.meanWaitNs, c.meanResponseNs, c.customersServed])).toEqual([
      [1.5, 3.5, 2],
      [14 / 3, 7, 3],
    ]);
    expect(r.preemptions).toBe(0);
    expect(r.windowNs).toBe(11);
    expect(r.utilisation).toBe(1);
    expect(r.classes.map((c) => c.utilisation)).toEqual([4 / 11, 7 / 11]);
  });

  it("preemptive-resume, tiny sequence: H0 evicts L0 at 2, L0 resumes at 5, H1 evicts it at 6, it finishes 7–8", () => {
    const r = runPriorityStation(tiny("preemptive-resume"), new RngStreams(1), { trace: true });
    expect(r.dispatches).toEqual([
      { customer: 0, at: 0 },
      { customer: 2, at: 2 },
      { customer: 0, at: 5 }, // resumes with 2 left, ahead of L1 who waited since 1
      { customer: 4, at: 6 },
      { customer: 0, at: 7 }, // resumes with 1 left
      { customer: 1, at: 8 },
      { customer: 3, at: 10 },
    ]);
    // High never waits: responses 3 and 1. Low: L0 ends at 8 (response 8, wait 4), L1 9 (7), L2 8 (7).
    expect(r.classes.map((c) => [c.meanWaitNs, c.meanResponseNs, c.customersServed])).toEqual([
      [0, 2, 2],
      [6, 25 / 3, 3],
    ]);
    expect(r.preemptions).toBe(2);
    expect(r.windowNs).toBe(11);
    expect(r.utilisation).toBe(1);
  });

  it.each<[PriorityDiscipline, (c: typeof loads) => PriorityClassMetrics[]]>([
    ["non-preemptive", nonPreemptivePriority],
    ["preemptive-resume", preemptiveResumePriority],
  ])("runPriorityStation(%s, M/M/1 ρ = 0.8, 10 replications) puts every class's analytic wait and response inside the 95% CI", (discipline, theory) => {
    const expected = theory(loads);
    const runs = [];
    for (let seed = 1; seed <= 10; seed++) runs.push(runPriorityStation({ classes: mm1Classes(), discipline, customers: 100_000, warmUpCustomers: 5_000 }, new RngStreams(seed)));
    for (let k = 0; k < 2; k++) {
      for (const [measured, exact] of [
        [runs.map((r) => r.classes[k].meanWaitNs), expected[k].meanWait],
        [runs.map((r) => r.classes[k].meanResponseNs), expected[k].meanResponse],
      ] as const) {
        const ci = confidenceInterval([...measured]);
        expect(ci.low).toBeLessThan(exact);
        expect(ci.high).toBeGreaterThan(exact);
        expect(ci.halfWidth / exact).toBeLessThan(0.05);
      }
    }
  });

  it("runPriorityStation() draws the same customers under both disciplines (sizes drawn on arrival)", () => {
    const options = { classes: mm1Classes(), customers: 2_000, warmUpCustomers: 100 };
    const np = runPriorityStation({ ...options, discipline: "non-preemptive" }, new RngStreams(4));
    const pr = runPriorityStation({ ...options, discipline: "preemptive-resume" }, new RngStreams(4));
    expect(pr.classes.map((c) => c.customersServed)).toEqual(np.classes.map((c) => c.customersServed));
    expect(pr.preemptions).toBeGreaterThan(0);
    expect(pr.classes[0].meanResponseNs).toBeLessThan(np.classes[0].meanResponseNs);
    expect(pr.classes[1].meanResponseNs).toBeGreaterThan(np.classes[1].meanResponseNs);
  });

  it("runPriorityStation(preemptive-resume, seed 7, 1 000 customers) has a pinned golden fingerprint and results", () => {
    const r = runPriorityStation({ classes: mm1Classes(), discipline: "preemptive-resume", customers: 1_000, warmUpCustomers: 100 }, new RngStreams(7), { fingerprint: true });
    const again = runPriorityStation({ classes: mm1Classes(), discipline: "preemptive-resume", customers: 1_000, warmUpCustomers: 100 }, new RngStreams(7), { fingerprint: true });
    expect(again).toEqual(r);
    expect({ fingerprint: r.fingerprint, events: r.events, preemptions: r.preemptions, served: r.classes.map((c) => c.customersServed) }).toEqual(GOLDEN);
    expect(r.classes.map((c) => c.meanWaitNs)).toEqual(GOLDEN_WAITS);
    expect(r.windowNs).toBe(1_297_488_001);
  });

  it("runPriorityStation(preemptive-resume, seed 7, 1 000 customers, { onProgress }) executes the golden run's events and reports fractions tracking them", () => {
    const fractions: number[] = [];
    const options = { classes: mm1Classes(), discipline: "preemptive-resume" as const, customers: 1_000, warmUpCustomers: 100 };
    const r = runPriorityStation(options, new RngStreams(7), { fingerprint: true, onProgress: (f) => fractions.push(f), progressEvery: 100 });
    expect({ fingerprint: r.fingerprint, events: r.events, preemptions: r.preemptions, served: r.classes.map((c) => c.customersServed) }).toEqual(GOLDEN);
    expect(r.classes.map((c) => c.meanWaitNs)).toEqual(GOLDEN_WAITS);
    // A pulse every 100 of the 2 202 events (a preemption cancels a departure, it executes none).
    expect(fractions).toHaveLength(22);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    fractions.forEach((f, i) => expect(Math.abs(f - (100 * (i + 1)) / 2_202)).toBeLessThan(0.05));
    expect(fractions[21]).toBeGreaterThan(0.98);
  });

  it("runPriorityStation() rejects bad options with one-line errors", () => {
    expect(() => runPriorityStation({ classes: [], discipline: "non-preemptive", customers: 1 }, new RngStreams(1))).toThrow("station.classes requires at least one class");
    expect(() => runPriorityStation({ classes: mm1Classes(), discipline: "lifo" as PriorityDiscipline, customers: 1 }, new RngStreams(1))).toThrow(
      "station.discipline requires one of non-preemptive, preemptive-resume, got lifo",
    );
    expect(() => runPriorityStation({ classes: mm1Classes(), discipline: "non-preemptive", customers: 0 }, new RngStreams(1))).toThrow("station.customers requires a positive integer, got 0");
  });

  it("runPriorityStation() with horizonNs stops at the horizon", () => {
    const r = runPriorityStation({ classes: mm1Classes(), discipline: "non-preemptive", customers: 1_000_000, horizonNs: 100 * MS }, new RngStreams(5));
    expect(r.windowNs).toBeLessThanOrEqual(100 * MS);
    expect(r.customersServed).toBeGreaterThan(50);
    expect(r.customersServed).toBeLessThan(120);
  });
});

const GOLDEN = { fingerprint: "092e03a8", events: 2202, preemptions: 191, served: [353, 647] };
const GOLDEN_WAITS = [407539.9886685552, 6727538.939721793];
