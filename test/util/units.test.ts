import { describe, expect, it } from "vitest";
import { parseDuration, parseRate, parseSize, siQuantity } from "../../src/util/units.ts";

describe("units", () => {
  it("parseDuration() converts units to integer nanoseconds", () => {
    expect(parseDuration("250us")).toBe(250_000);
    expect(parseDuration("1.5s")).toBe(1_500_000_000);
    expect(parseDuration("5min")).toBe(300_000_000_000);
    expect(parseDuration("3ms")).toBe(3_000_000);
    expect(parseDuration("7ns")).toBe(7);
    expect(parseDuration(2)).toBe(2_000_000_000);
    expect(parseDuration("2")).toBe(2_000_000_000);
    expect(parseDuration("0.5 h")).toBe(1_800_000_000_000);
  });

  it("parseDuration() rejects unknown units and garbage", () => {
    expect(parseDuration("5 parsecs")).toBeUndefined();
    expect(parseDuration("fast")).toBeUndefined();
    expect(parseDuration("")).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
  });

  it("parseSize() distinguishes binary and decimal prefixes", () => {
    expect(parseSize("64GiB")).toBe(68_719_476_736);
    expect(parseSize("4KiB")).toBe(4096);
    expect(parseSize("1MB")).toBe(1_000_000);
    expect(parseSize(512)).toBe(512);
    expect(parseSize("1.5 KiB")).toBe(1536);
    expect(parseSize("12 apples")).toBeUndefined();
  });

  it("parseRate() converts bits to bytes per second", () => {
    expect(parseRate("10Gbit/s")).toBe(1_250_000_000);
    expect(parseRate("500MB/s")).toBe(500_000_000);
    expect(parseRate("1GiB/s")).toBe(2 ** 30);
    expect(parseRate("1 Gbps")).toBe(125_000_000);
  });

  it("siQuantity() reads a quantity with its unit in seconds (whole ns), bytes or bytes/s, and nothing without a unit", () => {
    expect(["1.1ms", "5min", "0.5GB", "4KiB", "1Gbit/s", "1.5"].map((text) => siQuantity(text))).toEqual([
      { value: 0.0011, unit: "s" },
      { value: 300, unit: "s" },
      { value: 5e8, unit: "bytes" },
      { value: 4096, unit: "bytes" },
      { value: 1.25e8, unit: "bytes/s" },
      undefined,
    ]);
  });
});
