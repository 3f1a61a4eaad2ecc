import { describe, expect, it } from "vitest";
import { duration, rate, size } from "../../src/util/unit-fields.ts";

describe("unit fields", () => {
  it("duration() and size() read a string with a unit (or 0), rate() also a number of bytes/s", () => {
    expect([duration().parse("250us"), duration().parse("1.5s"), size().parse("4KiB"), size().parse("10B"), size().parse(0), rate().parse("10Gbit/s"), rate().parse(10)]).toEqual([250_000, 1.5e9, 4096, 10, 0, 1.25e9, 10]);
  });

  it("duration(), size() and rate() refuse negative values and unknown units with what was expected", () => {
    expect(duration().safeParse("-1s").error?.issues[0].message).toBe('a non-negative duration like "250us", "1.5s" or "5min"');
    expect(size().safeParse("4 furlongs").error?.issues[0].message).toBe('a non-negative size like "4KiB" or "64GiB"');
    expect(rate().safeParse(true).success).toBe(false);
  });
});
