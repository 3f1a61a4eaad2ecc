import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { BOOT_READ_SIZES } from "../../../src/workloads/synthetic/calibration.ts";
import { exponentialUs, sizeSampler } from "../../../src/workloads/synthetic/sizes.ts";

describe("sizeSampler", () => {
  it("sizeSampler(table) draws sizes in proportion to the weights", () => {
    const draw = sizeSampler(BOOT_READ_SIZES);
    const rng = new RngStreams(1).stream("sizes");
    let small = 0;
    for (let i = 0; i < 20_000; i++) if (draw(rng) === 4096) small++;
    expect(Math.abs(small / 20_000 - 1109 / 2785)).toBeLessThan(0.01);
    expect(sizeSampler({ bytes: [4096, 65536], weights: [1, 0] })({ double: () => 0.99 })).toBe(4096);
  });
});

describe("exponentialUs", () => {
  it("exponentialUs(rng, mean) inverts the CDF and rounds to µs", () => {
    expect(exponentialUs({ double: () => 0.5 }, 1000)).toBe(693);
    expect(exponentialUs({ double: () => 0 }, 1000)).toBe(0);
  });
});
