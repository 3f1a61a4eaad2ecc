/**
 * Zod fields for values that carry units: a string with a unit (durations and sizes must say
 * theirs; a bandwidth may be a bare number of bytes/s), yielding the internal integer unit (ns,
 * bytes) or bytes/s. In util/ (not scenario/) because the schemas
 * generated from component definitions (./definition-schema.ts) need them in every layer.
 */
import { z } from "zod";
import { parseDuration, parseRate, parseSize } from "./units.ts";

const NUMBER_WITH_UNIT = "^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*[A-Za-zµ/]*\\s*$";
const BARE_NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * What a unit field says of a number written without a unit. Durations and sizes need one: a
 * bare `1.25` could be seconds, ms or ns (and 64 could be bytes or GiB), so a scenario must
 * say which. Zero is the same in every unit and stays allowed.
 */
const UNITLESS: Record<"duration" | "size", string> = {
  duration: "expected a duration with a unit (e.g. 1.25ms)",
  size: "expected a size with a unit (e.g. 64MiB)",
};

/** True for a number, or a string holding only a number, other than zero: a value without its unit. */
function unitless(value: unknown): boolean {
  if (typeof value === "number") return value !== 0;
  return typeof value === "string" && BARE_NUMBER.test(value) && Number(value) !== 0;
}

function withUnit(
  parse: (value: string | number) => number | undefined,
  expected: string,
  description: string,
  min: number,
  positive = false,
  needsUnit?: keyof typeof UNITLESS,
) {
  // A field that needs a unit takes only the number 0 (the same in every unit), so the JSON
  // Schema says so too and fuzzed scenarios write units.
  const bare = needsUnit ? z.literal(0) : z.number();
  const error = (issue: { input?: unknown }) => (needsUnit && unitless(issue.input) ? UNITLESS[needsUnit] : expected);
  return z
    .union([bare, z.string().regex(new RegExp(NUMBER_WITH_UNIT), { message: expected })], { error })
    .transform((value, ctx) => {
      if (needsUnit && unitless(value)) {
        ctx.addIssue({ code: "custom", message: UNITLESS[needsUnit] });
        return z.NEVER;
      }
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
 * A duration: a string with a unit like `"250us"`, `"1.5s"`, `"5min"` (or the number 0); yields
 * integer ns. A number without a unit is refused.
 *
 * @example
 * duration().parse("250us") // => 250000
 * duration().safeParse(1.25).error?.issues[0].message // => "expected a duration with a unit (e.g. 1.25ms)"
 */
export function duration(description = "duration with a unit: a string like \"250us\", \"1.5s\", \"5min\" (or 0)") {
  return withUnit(parseDuration, 'a non-negative duration like "250us", "1.5s" or "5min"', description, 0, false, "duration");
}

/**
 * A size: a string with a unit like `"4KiB"`, `"64GiB"`, `"512B"` (or the number 0); yields
 * integer bytes. A number without a unit is refused.
 *
 * @example
 * size().parse("4KiB") // => 4096
 * size().safeParse(4096).error?.issues[0].message // => "expected a size with a unit (e.g. 64MiB)"
 */
export function size(description = "size with a unit: a string like \"4KiB\", \"64GiB\", \"512B\" (or 0)") {
  return withUnit(parseSize, 'a non-negative size like "4KiB" or "64GiB"', description, 0, false, "size");
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
export function positiveDuration(description = "duration (above zero) with a unit: a string like \"250us\", \"1.5s\", \"5min\"") {
  return withUnit(parseDuration, 'a positive duration like "250us", "1.5s" or "5min" (at least 1ns)', description, 0, true, "duration");
}

/**
 * A duration of at least `minimum` ns: a period the simulation repeats (a polling interval, a
 * sampling window), where a tiny value would fill a run with nothing but its ticks.
 *
 * @example
 * durationAtLeast(1e6, "1ms").safeParse("10us").error?.issues[0].message // => 'a duration of at least 1ms, like "10s" or "5min"'
 */
export function durationAtLeast(minimum: number, shown: string, description = "duration with a unit: a string like \"10s\", \"5min\"") {
  return withUnit(parseDuration, `a duration of at least ${shown}, like "10s" or "5min"`, description, minimum, false, "duration");
}

/**
 * A size that must be above zero (a transfer unit: at 0 a transfer never ends).
 *
 * @example
 * positiveSize().safeParse(0).error?.issues[0].message // => 'a positive size like "4KiB" or "64GiB"'
 */
export function positiveSize(description = "size (above zero) with a unit: a string like \"4KiB\", \"64GiB\"") {
  return withUnit(parseSize, 'a positive size like "4KiB" or "64GiB"', description, 0, true, "size");
}
