import { describe, expect, it } from "vitest";
import { erlangC, md1, mg1, mm1, mmc } from "../../src/metrics/queueing-theory.ts";

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
