import { describe, expect, it } from "vitest";
import { analyticQueue, queueStationKind } from "../../../src/lab/kinds/queue-station.ts";
import { RngStreams } from "../../../src/kernel/rng.ts";

type Spec = Parameters<typeof analyticQueue>[0];
const spec = (over: Partial<Spec> = {}): Spec => ({
  kind: "queue-station", servers: 1, customers: 2000, warmupCustomers: 200,
  arrival: { distribution: "exponential", mean: 1.25e6 }, service: { distribution: "exponential", mean: 1e6 }, ...over,
});

describe("queue-station kind", () => {
  it("analyticQueue() gives M/M/1 at ρ = 0.8: Wq = ρ/(μ − λ) = 4 ms, W = 5 ms, Lq = 3.2, L = 4", () => {
    const theory = analyticQueue(spec());
    expect(theory?.meanWait).toBeCloseTo(4e6, 3);
    expect(theory?.meanResponse).toBeCloseTo(5e6, 3);
    expect(theory?.meanInQueue).toBeCloseTo(3.2, 12);
    expect(theory?.meanInSystem).toBeCloseTo(4, 12);
    expect(theory?.utilisation).toBeCloseTo(0.8, 12);
  });

  it("analyticQueue() gives M/D/1 by Pollaczek–Khinchine (half the M/M/1 wait: 2 ms) and M/M/2 by Erlang C", () => {
    expect(analyticQueue(spec({ service: { distribution: "constant", value: 1e6 } }))?.meanWait).toBeCloseTo(2e6, 3);
    // M/M/2, λ = 0.8/ms, μ = 1/ms: a = 0.8, ρ = 0.4, C = a²/2 / ((1 − ρ)(1 + a) + a²/2) = 0.32 / 1.4, Wq = C / (2μ − λ).
    const c = 0.32 / (0.6 * 1.8 + 0.32);
    expect(analyticQueue(spec({ servers: 2 }))?.meanWait).toBeCloseTo((c / (2 - 0.8)) * 1e6, 3);
  });

  it("analyticQueue() has no closed form for non-Poisson arrivals, an unstable queue, or M/G/c with c > 1", () => {
    expect(analyticQueue(spec({ arrival: { distribution: "constant", value: 1.25e6 } }))).toBeUndefined();
    expect(analyticQueue(spec({ arrival: { distribution: "exponential", mean: 1e6 } }))).toBeUndefined();
    expect(analyticQueue(spec({ servers: 2, service: { distribution: "constant", value: 1e6 } }))).toBeUndefined();
  });

  it("queueStationKind.runReplication() reports the six metrics in ms and customers, with the closed forms attached", () => {
    const result = queueStationKind.runReplication(spec(), { streams: new RngStreams("1/0") } as Parameters<typeof queueStationKind.runReplication>[1]);
    expect(result.metrics.map((m) => [m.name, m.unit])).toEqual([
      ["waitMean", "ms"], ["responseMean", "ms"], ["utilisation", "fraction"], ["queueLengthMean", "customers"], ["inSystemMean", "customers"], ["customersServed", "customers"],
    ]);
    expect(result.metrics.map((m) => m.analytic)).toEqual([expect.closeTo(4, 9), expect.closeTo(5, 9), expect.closeTo(0.8, 12), expect.closeTo(3.2, 12), expect.closeTo(4, 12), undefined]);
    expect(result.metrics[5].value).toBe(2000);
    // Response = wait + service, per customer, so the means differ by the mean service of those served (≈ 1 ms).
    expect(result.metrics[1].value - result.metrics[0].value).toBeGreaterThan(0.9);
    expect(result.metrics[1].value - result.metrics[0].value).toBeLessThan(1.1);
    expect(result.fingerprint).toMatch(/^[0-9a-f]{8}$/);
  });

  it("queueStationKind.runReplication() with context.onProgress reports the customers' share at each 50,000-event pulse, the run unchanged", () => {
    const big = spec({ customers: 30_000, warmupCustomers: 0 });
    const context = (onProgress?: (f: number) => void) => ({ replication: 0, streams: new RngStreams("1/0"), scenarioDir: ".", onProgress });
    const fractions: number[] = [];
    const watched = queueStationKind.runReplication(big, context((f) => fractions.push(f)));
    const plain = queueStationKind.runReplication(big, context());
    expect([watched.fingerprint, watched.events]).toEqual([plain.fingerprint, plain.events]);
    expect(watched.metrics).toEqual(plain.metrics);
    // About 60,000 events (an arrival and a departure per customer): one pulse, at 50,000 of
    // them, when about 25,000 of the 30,000 customers have departed.
    expect(plain.events).toBeGreaterThan(60_000);
    expect(plain.events).toBeLessThan(61_000);
    expect(fractions).toHaveLength(1);
    expect(fractions[0]).toBeCloseTo(25_000 / 30_000, 1);
  });

  it("queueStationKind.schema fills the defaults and rejects unknown keys", () => {
    const parsed = queueStationKind.schema.parse({ kind: "queue-station", arrival: { distribution: "exponential", mean: "1ms" }, service: { distribution: "constant", value: "0.5ms" } });
    expect([parsed.servers, parsed.customers, parsed.warmupCustomers, parsed.arrival]).toEqual([1, 100_000, 10_000, { distribution: "exponential", mean: 1e6 }]);
    expect(queueStationKind.schema.safeParse({ ...parsed, server: 2 }).success).toBe(false);
  });
});
