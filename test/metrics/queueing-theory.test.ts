import { describe, expect, it } from "vitest";
import { erlangC, md1, mg1, mm1, mmc, nonPreemptivePriority, preemptiveResumePriority, type PriorityClassLoad } from "../../src/metrics/queueing-theory.ts";

describe("queueing-theory", () => {
  it("mm1(0.8, 1) gives Wq = 4, W = 5, Lq = 3.2, L = 4", () => {
    const m = mm1(0.8, 1);
    expect(m.utilisation).toBeCloseTo(0.8, 15);
    expect(m.meanWait).toBeCloseTo(4, 12);
    expect(m.meanResponse).toBeCloseTo(5, 12);
    expect(m.meanInQueue).toBeCloseTo(3.2, 12);
    expect(m.meanInSystem).toBeCloseTo(4, 12);
  });

  it("erlangC(4, 3.2) is 0.5964324717874046 and erlangC(1, a) is a", () => {
    expect(erlangC(4, 3.2)).toBeCloseTo(0.5964324717874046, 14);
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 14);
  });

  it("mmc(3.2, 1, 4) gives Wq = 0.7455405897342559 and reduces to mm1 for c = 1", () => {
    const m = mmc(3.2, 1, 4);
    expect(m.meanWait).toBeCloseTo(0.7455405897342559, 12);
    expect(m.meanInQueue).toBeCloseTo(3.2 * 0.7455405897342559, 12);
    expect(mmc(0.8, 1, 1).meanWait).toBeCloseTo(mm1(0.8, 1).meanWait, 12);
  });

  it("mg1() with exponential service equals mm1() and md1() halves the wait", () => {
    expect(mg1(0.8, 1, 1).meanWait).toBeCloseTo(4, 12);
    expect(md1(0.8, 1).meanWait).toBeCloseTo(2, 12);
    // Units carry through: ns in, ns out.
    expect(md1(0.8e-6, 1e6).meanWait).toBeCloseTo(2e6, 3);
  });

  it("queueing formulas throw for utilisation >= 1", () => {
    expect(() => mm1(1, 1)).toThrow("utilisation < 1, got 1");
    expect(() => mmc(4, 1, 4)).toThrow("utilisation < 1");
    expect(() => erlangC(0, 1)).toThrow("positive integer servers");
  });
});

// λ1 = 0.3, λ2 = 0.5, E[S] = 1: ρ1 = 0.3, σ1 = 0.3, σ2 = 0.8.
const exponential: PriorityClassLoad[] = [
  { arrivalRate: 0.3, meanService: 1, serviceVariance: 1 },
  { arrivalRate: 0.5, meanService: 1, serviceVariance: 1 },
];
const constant: PriorityClassLoad[] = exponential.map((c) => ({ ...c, serviceVariance: 0 }));

describe("priority queueing closed forms", () => {
  it("nonPreemptivePriority(M/M/1 two classes): W0 = 0.8, W1 = 0.8/0.7 = 8/7, W2 = 0.8/(0.7·0.2) = 40/7", () => {
    const [high, low] = nonPreemptivePriority(exponential);
    expect(high.meanWait).toBeCloseTo(8 / 7, 12);
    expect(low.meanWait).toBeCloseTo(40 / 7, 12);
    expect(high.meanResponse).toBeCloseTo(15 / 7, 12);
    expect(low.meanResponse).toBeCloseTo(47 / 7, 12);
    expect(high.utilisation).toBeCloseTo(0.3, 15);
    expect(low.meanInQueue).toBeCloseTo(0.5 * (40 / 7), 12);
    expect(high.meanInSystem).toBeCloseTo(0.3 * (15 / 7), 12);
  });

  it("nonPreemptivePriority(M/D/1 two classes): W0 = 0.4, W1 = 4/7, W2 = 20/7", () => {
    const [high, low] = nonPreemptivePriority(constant);
    expect(high.meanWait).toBeCloseTo(4 / 7, 12);
    expect(low.meanWait).toBeCloseTo(20 / 7, 12);
  });

  it("preemptiveResumePriority(M/M/1 two classes): T1 = 1 + 0.3/0.7 = 10/7, T2 = 1/0.7 + 0.8/(0.7·0.2) = 50/7", () => {
    const [high, low] = preemptiveResumePriority(exponential);
    expect(high.meanResponse).toBeCloseTo(10 / 7, 12);
    expect(low.meanResponse).toBeCloseTo(50 / 7, 12);
    expect(high.meanWait).toBeCloseTo(3 / 7, 12);
    expect(low.meanWait).toBeCloseTo(43 / 7, 12);
    // The high class sees an M/M/1 of its own: T1 = E[S]/(1 − ρ1).
    expect(high.meanResponse).toBeCloseTo(mm1(0.3, 1).meanResponse, 12);
  });

  it("preemptiveResumePriority(M/D/1 two classes): T1 = 1 + 0.15/0.7 = 17/14, T2 = 1/0.7 + 0.4/0.14 = 30/7", () => {
    const [high, low] = preemptiveResumePriority(constant);
    expect(high.meanResponse).toBeCloseTo(17 / 14, 12);
    expect(low.meanResponse).toBeCloseTo(30 / 7, 12);
  });

  it("one class reduces both to Pollaczek–Khinchine; the conservation law Σ ρ_k W_k = ρ W_FIFO holds", () => {
    const one = [{ arrivalRate: 0.8, meanService: 1, serviceVariance: 0.5 }];
    expect(nonPreemptivePriority(one)[0].meanWait).toBeCloseTo(mg1(0.8, 1, 0.5).meanWait, 12);
    expect(preemptiveResumePriority(one)[0].meanWait).toBeCloseTo(mg1(0.8, 1, 0.5).meanWait, 12);
    // Kleinrock's conservation law with unequal services: ρ1 = 0.2, ρ2 = 0.6, ρ = 0.8.
    const mixed = [
      { arrivalRate: 0.4, meanService: 0.5, serviceVariance: 0 },
      { arrivalRate: 0.3, meanService: 2, serviceVariance: 4 },
    ];
    const waits = nonPreemptivePriority(mixed);
    const w0 = (0.4 * 0.25 + 0.3 * 8) / 2;
    expect(0.2 * waits[0].meanWait + 0.6 * waits[1].meanWait).toBeCloseTo((0.8 * w0) / 0.2, 12);
    // In M/M/1 with equal services, the total number in system does not depend on the order.
    const pr = preemptiveResumePriority(exponential);
    expect(pr[0].meanInSystem + pr[1].meanInSystem).toBeCloseTo(mm1(0.8, 1).meanInSystem, 12);
  });

  it("priority formulas throw for utilisation >= 1, no classes or a non-positive rate", () => {
    expect(() => nonPreemptivePriority([...exponential, { arrivalRate: 0.2, meanService: 1, serviceVariance: 1 }])).toThrow("utilisation < 1, got 1");
    expect(() => preemptiveResumePriority([])).toThrow("at least one class");
    expect(() => nonPreemptivePriority([{ arrivalRate: 0, meanService: 1, serviceVariance: 1 }])).toThrow("positive arrivalRate");
  });
});
