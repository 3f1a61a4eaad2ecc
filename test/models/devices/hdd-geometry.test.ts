import { describe, expect, it } from "vitest";
import { SeekCurve, cylinderOf, meanRotationalLatencyNs, transferNs } from "../../../src/models/devices/hdd-geometry.ts";
import { InputError } from "../../../src/util/errors.ts";

const figures7200 = { trackToTrackNs: 1e6, averageNs: 8.5e6, fullStrokeNs: 18e6 };

describe("SeekCurve", () => {
  it("new SeekCurve(figures).seekNs(d) passes through the full stroke and starts at track-to-track", () => {
    const curve = new SeekCurve(figures7200, 100_000);
    expect(curve.seekNs(0)).toBe(0);
    expect(curve.seekNs(99_999)).toBeCloseTo(18e6, 0);
    expect(curve.seekNs(1) / 1e6).toBeCloseTo(1.04, 2);
  });

  it("new SeekCurve(figures) has mean seek over random position pairs equal to the datasheet average", () => {
    const curve = new SeekCurve(figures7200, 100_000);
    // Exact mean over the distance density 2(1 − x), by the midpoint rule on 100 000 cells.
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = (i + 0.5) / n;
      sum += 2 * (1 - x) * curve.seekNs(x * 99_999) / n;
    }
    expect(sum / 1e6).toBeCloseTo(8.5, 2);
  });

  it("new SeekCurve(figures) is increasing and concave-then-linear", () => {
    const curve = new SeekCurve(figures7200, 100_000);
    let previous = 0;
    for (let d = 1; d < 100_000; d += 997) {
      const t = curve.seekNs(d);
      expect(t).toBeGreaterThan(previous);
      previous = t;
    }
    expect(curve.boundary).toBeGreaterThan(0);
    expect(curve.boundary).toBeLessThan(1);
  });

  it("new SeekCurve(figures) throws an InputError when the average is outside the fit range", () => {
    expect(() => new SeekCurve({ trackToTrackNs: 1e6, averageNs: 15e6, fullStrokeNs: 18e6 }, 1000)).toThrow(InputError);
  });
});

describe("disk layout", () => {
  const layout = { capacityBytes: 1000, cylinders: 10, outerRateBps: 200e6, innerRateBps: 100e6 };

  it("cylinderOf(layout, offset) maps bytes evenly onto cylinders", () => {
    expect(cylinderOf(layout, 0)).toBe(0);
    expect(cylinderOf(layout, 250)).toBe(2);
    expect(cylinderOf(layout, 999)).toBe(9);
  });

  it("transferNs(layout, cylinder, length) uses the zoned rate", () => {
    expect(transferNs(layout, 0, 200e6)).toBe(1e9);
    expect(transferNs(layout, 9, 100e6)).toBe(1e9);
  });

  it("meanRotationalLatencyNs(rpm) is half a revolution", () => {
    expect(meanRotationalLatencyNs(7200)).toBeCloseTo(4_166_666.67, 1);
    expect(meanRotationalLatencyNs(15000)).toBe(2e6);
  });
});
