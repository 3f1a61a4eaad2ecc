import { describe, expect, it } from "vitest";
import type { DistributionSpec } from "../../../src/kernel/distribution-spec.ts";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { confidenceInterval } from "../../../src/metrics/confidence.ts";
import { md1, mmc, type QueueMetrics } from "../../../src/metrics/queueing-theory.ts";
import { customerProgress, runQueueStation, type QueueStationOptions } from "../../../src/models/queueing/station.ts";

const MEAN_SERVICE_NS = 1_000_000; // 1 ms

interface Case {
  name: string;
  servers: number;
  service: DistributionSpec;
  theory: QueueMetrics;
}

// Each case has utilisation 0.8: λ = 0.8 c / E[S].
const cases: Case[] = [
  { name: "M/M/1", servers: 1, service: { kind: "exponential", mean: MEAN_SERVICE_NS }, theory: mmc(0.8 / MEAN_SERVICE_NS, MEAN_SERVICE_NS, 1) },
  { name: "M/M/4", servers: 4, service: { kind: "exponential", mean: MEAN_SERVICE_NS }, theory: mmc(3.2 / MEAN_SERVICE_NS, MEAN_SERVICE_NS, 4) },
  { name: "M/D/1", servers: 1, service: { kind: "constant", value: MEAN_SERVICE_NS }, theory: md1(0.8 / MEAN_SERVICE_NS, MEAN_SERVICE_NS) },
];

function options(c: Case, customers: number, warmUpCustomers = 1_000): QueueStationOptions {
  const interarrival: DistributionSpec = { kind: "exponential", mean: MEAN_SERVICE_NS / (0.8 * c.servers) };
  return { interarrival, service: c.service, servers: c.servers, customers, warmUpCustomers };
}

describe("runQueueStation", () => {
  it.each(cases)("runQueueStation($name, 12 replications) puts the analytic Wq inside the 95% CI", (c) => {
    const waits: number[] = [];
    for (let seed = 1; seed <= 12; seed++) waits.push(runQueueStation(options(c, 50_000), new RngStreams(seed)).meanWaitNs);
    const ci = confidenceInterval(waits);
    expect(ci.low).toBeLessThan(c.theory.meanWait);
    expect(ci.high).toBeGreaterThan(c.theory.meanWait);
    // The interval is informative: within 10% of the true value.
    expect(ci.halfWidth / c.theory.meanWait).toBeLessThan(0.1);
  });

  it.each(cases)("runQueueStation($name, 2M customers) is within 2% of analytic Wq, W, Lq, L and ρ", (c) => {
    const r = runQueueStation(options(c, 2_000_000), new RngStreams(7));
    const rel = (x: number, y: number) => Math.abs(x - y) / y;
    expect(r.customersServed).toBe(2_000_000);
    expect(rel(r.meanWaitNs, c.theory.meanWait)).toBeLessThan(0.02);
    expect(rel(r.meanResponseNs, c.theory.meanResponse)).toBeLessThan(0.02);
    expect(rel(r.meanInQueue, c.theory.meanInQueue)).toBeLessThan(0.02);
    expect(rel(r.meanInSystem, c.theory.meanInSystem)).toBeLessThan(0.02);
    expect(rel(r.utilisation, 0.8)).toBeLessThan(0.01);
  });

  it("runQueueStation(M/M/1, seed 7, 1 000 customers) has a pinned golden fingerprint and results", () => {
    const r = runQueueStation(options(cases[0], 1_000, 100), new RngStreams(7), { fingerprint: true });
    expect(r.fingerprint).toBe("3698ea9a");
    expect(r.customersServed).toBe(1_000);
    expect(r.events).toBe(2_211);
    expect(r.meanWaitNs).toBe(4_962_057.878);
    expect(r.meanResponseNs).toBe(6_010_387.973);
    expect(r.windowNs).toBe(1_218_775_158);
  });

  it("runQueueStation(M/M/1, seed 7, 1 000 customers, { onProgress }) executes the golden run's events and reports fractions tracking them", () => {
    const fractions: number[] = [];
    const plain = runQueueStation(options(cases[0], 1_000, 100), new RngStreams(7), { fingerprint: true });
    const watched = runQueueStation(options(cases[0], 1_000, 100), new RngStreams(7), { fingerprint: true, onProgress: (f) => fractions.push(f), progressEvery: 100 });
    expect(watched).toEqual(plain);
    expect([watched.fingerprint, watched.events]).toEqual(["3698ea9a", 2_211]);
    // A pulse every 100 of the 2 211 events; each customer is an arrival and a departure, so
    // the customers' share of W + N tracks the events' share to within a few percent.
    expect(fractions).toHaveLength(22);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    fractions.forEach((f, i) => expect(Math.abs(f - (100 * (i + 1)) / 2_211)).toBeLessThan(0.05));
    expect(fractions[21]).toBeGreaterThan(0.98);
  });

  it("customerProgress() counts warm-up customers as they arrive and measured ones as they depart, or time over the horizon", () => {
    expect(customerProgress({ arrived: 60, warmUp: 100, completed: 0, customers: 900 })).toBe(0.06);
    // Past the warm-up, arrivals no longer count: the measured customers' departures do.
    expect(customerProgress({ arrived: 400, warmUp: 100, completed: 0, customers: 900 })).toBe(0.1);
    expect(customerProgress({ arrived: 1_100, warmUp: 100, completed: 900, customers: 900 })).toBe(1);
    expect(customerProgress({ arrived: 400, warmUp: 100, completed: 0, customers: 900, now: 3e9, horizonNs: 4e9 })).toBe(0.75);
  });

  it("runQueueStation() gives identical results for the same seed and different ones for another seed", () => {
    const a = runQueueStation(options(cases[1], 5_000), new RngStreams(11), { fingerprint: true });
    const b = runQueueStation(options(cases[1], 5_000), new RngStreams(11), { fingerprint: true });
    const other = runQueueStation(options(cases[1], 5_000), new RngStreams(12), { fingerprint: true });
    expect(b).toEqual(a);
    expect(other.fingerprint).not.toBe(a.fingerprint);
    expect(other.meanWaitNs).not.toBe(a.meanWaitNs);
  });

  it("runQueueStation() without the fingerprint option reports it as undefined and gives the same numbers", () => {
    const a = runQueueStation(options(cases[2], 2_000), new RngStreams(3), { fingerprint: true });
    const b = runQueueStation(options(cases[2], 2_000), new RngStreams(3));
    expect(b.fingerprint).toBeUndefined();
    expect(b.meanWaitNs).toBe(a.meanWaitNs);
  });

  it("runQueueStation() with horizonNs stops at the horizon", () => {
    const r = runQueueStation({ ...options(cases[0], 1_000_000, 0), horizonNs: 100_000_000 }, new RngStreams(5));
    expect(r.windowNs).toBe(100_000_000);
    expect(r.customersServed).toBeGreaterThan(50);
    expect(r.customersServed).toBeLessThan(120);
  });

  it("runQueueStation() rejects a non-integer server count", () => {
    expect(() => runQueueStation({ ...options(cases[0], 10), servers: 1.5 }, new RngStreams(1))).toThrow(
      "station.servers requires a positive integer, got 1.5",
    );
  });
});
