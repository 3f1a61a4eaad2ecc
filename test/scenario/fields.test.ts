import { describe, expect, it } from "vitest";
import { count, duration, rate, size } from "../../src/scenario/fields.ts";

const issues = (result: { error?: { issues: Array<{ message: string }> } }) => result.error?.issues.map((issue) => issue.message);

describe("scenario fields", () => {
  it("duration() turns a unit string (or 0) into integer ns", () => {
    expect(["250us", "1.5s", "5min", "2ms", " 3 s ", 0, "0"].map((value) => duration().parse(value))).toEqual([250_000, 1.5e9, 300e9, 2e6, 3e9, 0, 0]);
  });

  it("duration() and size() refuse a number without a unit, written bare or quoted; rate() takes bytes/s", () => {
    const unitless = "expected a duration with a unit (e.g. 1.25ms)";
    expect([1.25, "1.25", 1, -1, "2e3"].map((value) => issues(duration().safeParse(value)))).toEqual([[unitless], [unitless], [unitless], [unitless], [unitless]]);
    expect([512, "64", 0.5].map((value) => issues(size().safeParse(value)))).toEqual([["expected a size with a unit (e.g. 64MiB)"], ["expected a size with a unit (e.g. 64MiB)"], ["expected a size with a unit (e.g. 64MiB)"]]);
    expect([size().parse("512B"), size().parse(0), rate().parse(1e6)]).toEqual([512, 0, 1e6]);
  });

  it("size() turns bytes or a unit string into bytes; rate() turns a bandwidth into bytes/s", () => {
    expect(["4KiB", "64GiB", "1MB", "512B"].map((value) => size().parse(value))).toEqual([4096, 64 * 2 ** 30, 1e6, 512]);
    expect(["10Gbit/s", "500MB/s", 1e6].map((value) => rate().parse(value))).toEqual([1.25e9, 5e8, 1e6]);
  });

  it("unit fields refuse negative, malformed, unknown-unit and non-finite values with what they expect", () => {
    const expected = 'a non-negative duration like "250us", "1.5s" or "5min"';
    expect(issues(duration().safeParse("-1s"))).toEqual([expected]);
    expect(issues(duration().safeParse("fast"))).toEqual([expected]);
    expect(issues(duration().safeParse("5 parsecs"))).toEqual([expected]);
    expect(issues(duration().safeParse(true))).toEqual([expected]);
    expect(issues(size().safeParse("-4B"))).toEqual(['a non-negative size like "4KiB" or "64GiB"']);
    expect(issues(rate().safeParse("1e400B/s"))).toEqual(['a non-negative bandwidth like "10Gbit/s" or "500MB/s"']);
    // Beyond 2^53 ns (about 104 days) a time is no longer exact.
    expect(duration().safeParse(`${2 ** 53 + 10}ns`).success).toBe(false);
  });

  it("count(max) accepts integers 1 … max only", () => {
    expect(count(10).parse(10)).toBe(10);
    expect([0, 11, 2.5, -1].map((value) => count(10).safeParse(value).success)).toEqual([false, false, false, false]);
  });
});
