/**
 * Zod fields for values that carry units: a number or a string with a unit, yielding the
 * internal integer unit (ns, bytes) or bytes/s. In util/ (not scenario/) because the schemas
 * generated from component definitions (./definition-schema.ts) need them in every layer.
 */
import { z } from "zod";
import { parseDuration, parseRate, parseSize } from "./units.ts";

const NUMBER_WITH_UNIT = "^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*[A-Za-zµ/]*\\s*$";

function withUnit(parse: (value: string | number) => number | undefined, expected: string, description: string, min: number) {
  return z
    .union([z.number(), z.string().regex(new RegExp(NUMBER_WITH_UNIT), { message: expected })], { error: expected })
    .transform((value, ctx) => {
      const parsed = parse(value);
      if (parsed === undefined || !Number.isFinite(parsed) || parsed < min || parsed > Number.MAX_SAFE_INTEGER) {
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
