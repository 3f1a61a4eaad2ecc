import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { SERVICE_DEFAULTS } from "../../../src/workloads/synthetic/calibration.ts";
import { vmWorkload } from "../../../src/workloads/synthetic/index.ts";
import { serviceWorkload } from "../../../src/workloads/synthetic/service.ts";
import { traceInfo } from "../../../src/workloads/traces/info.ts";

describe("serviceWorkload", () => {
  it("serviceWorkload(rng) matches the CloudPhysics calibration targets", () => {
    const service = [...serviceWorkload(new RngStreams(3).stream("service"), { requests: 20_000 })];
    const info = traceInfo(service);
    expect(Math.abs(info.writes / info.requests - SERVICE_DEFAULTS.writeShare)).toBeLessThan(0.02);
    expect(Math.abs(info.sequentialReadShare - SERVICE_DEFAULTS.sequentialShare)).toBeLessThan(0.03);
    expect(Math.abs((info.requests / info.durationUs) * 1e6 - 15.8)).toBeLessThan(0.5);
    expect(info.medianSizeBytes).toBe(32768);
    const hotEnd = SERVICE_DEFAULTS.hotSetOffset + SERVICE_DEFAULTS.hotSetBytes;
    expect(service.every((r) => r.offset >= 0 && r.offset + r.length <= hotEnd)).toBe(true);
  });

  it("serviceWorkload(rng, { zipfExponent }) concentrates more requests on the hottest object as the exponent grows", () => {
    const topShare = (zipfExponent: number): number => {
      const counts = new Map<number, number>();
      for (const r of serviceWorkload(new RngStreams(5).stream("s"), { requests: 5000, zipfExponent, sequentialShare: 0 })) {
        counts.set(r.offset, (counts.get(r.offset) ?? 0) + 1);
      }
      return Math.max(...counts.values()) / 5000;
    };
    const [flat, skewed] = [topShare(0.53), topShare(1.2)];
    expect(skewed).toBeGreaterThan(5 * flat);
  });

  it("serviceWorkload(rng) gives identical output for the same seed", () => {
    const a = [...serviceWorkload(new RngStreams(42).stream("service"), { requests: 500 })];
    const b = [...serviceWorkload(new RngStreams(42).stream("service"), { requests: 500 })];
    expect(a).toEqual(b);
    expect(a.slice(0, 3)).toEqual([
      { timeUs: 0, op: "W", offset: 704053248, length: 16384 },
      { timeUs: 57879, op: "R", offset: 312016896, length: 4096 },
      { timeUs: 107412, op: "W", offset: 626196480, length: 4096 },
    ]);
  });
});

describe("vmWorkload", () => {
  it("vmWorkload(bootRng, serviceRng) appends the service phase after the boot, independent streams", () => {
    const streams = new RngStreams(7);
    const vm = [...vmWorkload(streams.stream("boot"), streams.stream("service"), { service: { requests: 10 } })];
    expect(vm.length).toBe(1490);
    expect(vm[1480].timeUs - vm[1479].timeUs).toBe(SERVICE_DEFAULTS.meanGapUs);
    const shortBoot = [...vmWorkload(new RngStreams(7).stream("boot"), new RngStreams(7).stream("service"), { boot: { requests: 5 }, service: { requests: 10 } })];
    expect(shortBoot.slice(5).map((r) => [r.op, r.offset, r.length])).toEqual(vm.slice(1480).map((r) => [r.op, r.offset, r.length]));
  });
});
