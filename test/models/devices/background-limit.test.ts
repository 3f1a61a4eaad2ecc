import { describe, expect, it } from "vitest";
import { AdaptiveBackgroundLimit, backgroundLimitOf, FixedBackgroundLimit } from "../../../src/models/devices/background-limit.ts";

const MS = 1_000_000;
const OPTIONS = { limit: 8, minLimit: 1, maxLimit: 32, latencyTarget: 10 * MS, window: 100 * MS, idleWindows: 1 };

describe("background-limit", () => {
  it("adaptiveBackgroundLimit.observe() halves on a window whose mean demand latency exceeds the target, down to minLimit", () => {
    const limit = new AdaptiveBackgroundLimit(OPTIONS);
    // Window [0, 100 ms): demand 5 ms and 20 ms, mean 12.5 ms > 10 ms.
    limit.observe(10 * MS, "demand", 5 * MS);
    limit.observe(20 * MS, "demand", 20 * MS);
    expect(limit.value).toBe(8); // still open
    limit.observe(100 * MS, "relocation", 1 * MS);
    expect(limit.value).toBe(4);
    // Three more missing windows: 4 → 2 → 1 → 1.
    for (const start of [100, 200, 300]) {
      limit.observe((start + 50) * MS, "demand", 11 * MS);
      limit.observe((start + 100) * MS, "prestage", 0);
    }
    expect(limit.value).toBe(1);
  });

  it("adaptiveBackgroundLimit.observe() grows by max(1, maxLimit / 16) on a window that met the target and per idleWindows windows without demand, up to maxLimit", () => {
    const limit = new AdaptiveBackgroundLimit(OPTIONS);
    limit.observe(50 * MS, "demand", 10 * MS); // mean exactly the target: met
    limit.observe(100 * MS, "relocation", 0);
    expect(limit.value).toBe(10); // 8 + 32/16
    // A gap closes every window in it: [100, 1000) ms is 9 windows without demand, 9 steps.
    limit.observe(1000 * MS, "relocation", 0);
    expect(limit.value).toBe(28);
    for (let t = 1100; t <= 3000; t += 100) limit.observe(t * MS, "relocation", 0);
    expect(limit.value).toBe(32);
    const small = new AdaptiveBackgroundLimit({ ...OPTIONS, limit: 1, maxLimit: 4 });
    small.observe(100 * MS, "relocation", 0);
    expect(small.value).toBe(2); // step max(1, floor(4 / 16)) = 1
    // idleWindows 3: windows without demand grow the bound once per 3; a demand window resets the count.
    const patient = new AdaptiveBackgroundLimit({ ...OPTIONS, limit: 1, maxLimit: 16, idleWindows: 3 });
    patient.observe(250 * MS, "relocation", 0); // [0, 100), [100, 200): 2 idle
    expect(patient.value).toBe(1);
    patient.observe(300 * MS, "relocation", 0); // [200, 300): third idle window
    expect(patient.value).toBe(2);
    patient.observe(350 * MS, "demand", 50 * MS); // missing window [300, 400) closes at 400
    patient.observe(600 * MS, "relocation", 0); // halve to 1; then [400, 500), [500, 600): 2 idle
    expect(patient.value).toBe(1);
  });

  it("backgroundLimitOf() is Infinity when off, the limit when fixed, the controller's start when adaptive", () => {
    const options = { backgroundLimit: "off" as const, ...OPTIONS };
    expect(backgroundLimitOf(options).value).toBe(Infinity);
    expect(backgroundLimitOf({ ...options, backgroundLimit: "fixed" })).toEqual(new FixedBackgroundLimit(8));
    expect(backgroundLimitOf({ ...options, backgroundLimit: "adaptive", limit: 64 }).value).toBe(32); // clamped to maxLimit
  });
});
