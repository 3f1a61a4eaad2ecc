import { describe, expect, it } from "vitest";
import { RngStreams } from "../../src/kernel/rng.ts";

const draws = (streams: RngStreams, name: string, n = 5) => Array.from({ length: n }, () => streams.stream(name).double());

describe("RngStreams", () => {
  it("rngStreams.stream(name) depends only on the master seed and the name, not on other streams' use", () => {
    const alone = draws(new RngStreams(7), "arrivals");
    const busy = new RngStreams(7);
    draws(busy, "service", 1000);
    expect(draws(busy, "arrivals")).toEqual(alone);
    // A numeric seed and its string give the same streams (replication seeds are "s/r" strings).
    expect(draws(new RngStreams("7"), "arrivals")).toEqual(alone);
    expect(draws(new RngStreams(8), "arrivals")).not.toEqual(alone);
    expect(draws(new RngStreams(7), "arrivals2")).not.toEqual(alone);
  });

  it("rngStreams.stream(name) is the same object every time and draws uniform doubles in [0, 1)", () => {
    const streams = new RngStreams("1/0");
    expect(streams.stream("x")).toBe(streams.stream("x"));
    const values = draws(streams, "x", 20_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    // Mean 1/2 and variance 1/12 of U(0, 1), within 4 standard errors for 20,000 draws.
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / 20_000));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.003);
  });

  it("the seed and name are joined unambiguously: (\"1\", \"2x\") and (\"12\", \"x\") differ", () => {
    expect(draws(new RngStreams("1"), "2x")).not.toEqual(draws(new RngStreams("12"), "x"));
  });
});
