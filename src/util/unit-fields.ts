/**
 * Zod fields for values that carry units: a number or a string with a unit, yielding the
 * internal integer unit (ns, bytes) or bytes/s. In util/ (not scenario/) because the schemas
 * generated from component definitions (./definition-schema.ts) need them in every layer.
 */
import { z } from "zod";
import { parseDuration, parseRate, parseSize } from "./units.ts";

const NUMBER_WITH_UNIT = "^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*[A-Za-zµ/]*\\s*$";

function withUnit(parse: (value: string | number) => number | undefined, expected: string, description: string, min: number, positive = false) {
  return z
    .union([z.number(), z.string().regex(new RegExp(NUMBER_WITH_UNIT), { message: expected })], { error: expected })
    .transform((value, ctx) => {
      const parsed = parse(value);
      if (parsed === undefined || !Number.isFinite(parsed) || parsed < min || (positive && parsed <= 0) || parsed > Number.MAX_SAFE_INTEGER) {
        ctx.addIssue({ code: "custom", message: expected });
        return z.NEVER;
      }
      return parsed;
    })
    .meta({ description });
}

/**
 * A duration: a number of seconds or a string like `"250us"`, `"1.5s"`, `"5min"`; yields integer ns.
 *
 * @example
 * duration().parse("250us") // => 250000
 */
export function duration(description = "duration: seconds, or a string like \"250us\", \"1.5s\", \"5min\"") {
  return withUnit(parseDuration, 'a non-negative duration like "250us", "1.5s" or "5min"', description, 0);
}

/**
 * A size: a number of bytes or a string like `"4KiB"`, `"64GiB"`; yields integer bytes.
 *
 * @example
 * size().parse("4KiB") // => 4096
 */
export function size(description = "size: bytes, or a string like \"4KiB\", \"64GiB\"") {
  return withUnit(parseSize, 'a non-negative size like "4KiB" or "64GiB"', description, 0);
}

/**
 * A bandwidth: bytes/s or a string like `"10Gbit/s"`, `"500MB/s"`; yields bytes per second.
 *
 * @example
 * rate().parse("10Gbit/s") // => 1250000000
 */
export function rate(description = "bandwidth: bytes/s, or a string like \"10Gbit/s\", \"500MB/s\"") {
  return withUnit(parseRate, 'a non-negative bandwidth like "10Gbit/s" or "500MB/s"', description, 0);
}

/**
 * A bandwidth that must be above zero (a link, a NIC, a throughput: at 0 nothing ever arrives).
 *
 * @example
 * positiveRate().safeParse("0MB/s").error?.issues[0].message // => 'a positive bandwidth like "10Gbit/s" or "500MB/s"'
 */
export function positiveRate(description = "bandwidth (above zero): bytes/s, or a string like \"10Gbit/s\", \"500MB/s\"") {
  return withUnit(parseRate, 'a positive bandwidth like "10Gbit/s" or "500MB/s"', description, 0, true);
}

/**
 * A duration that must be above zero once rounded to whole ns (a period, a window: at 0 the
 * simulation would repeat it forever at one instant).
 *
 * @example
 * positiveDuration().safeParse("0.1ns").error?.issues[0].message // => 'a positive duration like "250us", "1.5s" or "5min" (at least 1ns)'
 */
export function positiveDuration(description = "duration (above zero): seconds, or a string like \"250us\", \"1.5s\", \"5min\"") {
  return withUnit(parseDuration, 'a positive duration like "250us", "1.5s" or "5min" (at least 1ns)', description, 0, true);
}

/**
 * A duration of at least `minimum` ns: a period the simulation repeats (a polling interval, a
 * sampling window), where a tiny value would fill a run with nothing but its ticks.
 *
 * @example
 * durationAtLeast(1e6, "1ms").safeParse("10us").error?.issues[0].message // => 'a duration of at least 1ms, like "10s" or "5min"'
 */
export function durationAtLeast(minimum: number, shown: string, description = "duration: seconds, or a string like \"10s\", \"5min\"") {
  return withUnit(parseDuration, `a duration of at least ${shown}, like "10s" or "5min"`, description, minimum);
}

/**
 * A size that must be above zero (a transfer unit: at 0 a transfer never ends).
 *
 * @example
 * positiveSize().safeParse(0).error?.issues[0].message // => 'a positive size like "4KiB" or "64GiB"'
 */
export function positiveSize(description = "size (above zero): bytes, or a string like \"4KiB\", \"64GiB\"") {
  return withUnit(parseSize, 'a positive size like "4KiB" or "64GiB"', description, 0, true);
}
