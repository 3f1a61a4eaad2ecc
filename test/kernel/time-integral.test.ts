import { describe, expect, it } from "vitest";
import { TimeIntegral } from "../../src/kernel/time-integral.ts";

describe("TimeIntegral", () => {
  it("timeIntegral.mean() is the time average of a step function", () => {
    const q = new TimeIntegral(0);
    q.set(10, 2);
    q.add(30, 1);
    expect(q.area(40)).toBe(2 * 20 + 3 * 10);
    expect(q.mean(40)).toBe(70 / 40);
  });

  it("timeIntegral.reset() restarts the average at now and keeps the value", () => {
    const q = new TimeIntegral(0);
    q.set(10, 4);
    q.reset(20);
    expect(q.area(30)).toBe(40);
    expect(q.mean(30)).toBe(4);
    expect(q.mean(20)).toBe(0);
  });
});
