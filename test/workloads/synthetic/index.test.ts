import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { bootWorkload, serviceWorkload, SERVICE_DEFAULTS, vmWorkload } from "../../../src/workloads/synthetic/index.ts";

describe("vmWorkload", () => {
  it("vmWorkload() is the boot, then the service starting one service gap after the last boot request", () => {
    const streams = () => new RngStreams(7);
    const all = [...vmWorkload(streams().stream("boot"), streams().stream("service"), { service: { requests: 10 } })];
    const boot = [...bootWorkload(streams().stream("boot"))];
    const lastBoot = boot[boot.length - 1].timeUs;
    const service = [...serviceWorkload(streams().stream("service"), { requests: 10, startUs: lastBoot + SERVICE_DEFAULTS.meanGapUs })];
    expect(all).toHaveLength(1480 + 10);
    expect(all).toEqual([...boot, ...service]);
  });

  it("vmWorkload() keeps the service's draws when the boot changes length (separate streams)", () => {
    const service = (bootRequests: number) => {
      const streams = new RngStreams(3);
      return [...vmWorkload(streams.stream("boot"), streams.stream("service"), { boot: { requests: bootRequests }, service: { requests: 20, startUs: 1e9 } })].slice(bootRequests);
    };
    expect(service(100)).toEqual(service(400));
    expect(service(100)[0].timeUs).toBeGreaterThanOrEqual(1e9);
  });
});
