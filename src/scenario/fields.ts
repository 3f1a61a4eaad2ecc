/**
 * Schema building blocks for scenario fields that carry units. Each accepts a string with a unit
 * (durations and sizes refuse a bare number other than 0) and yields the internal integer unit (ns, bytes) or bytes/s, so a scenario can say
 * `"250us"` or `"64GiB"` and the model sees plain numbers.
 */
import { z } from "zod";

export { duration, durationAtLeast, positiveDuration, positiveRate, positiveSize, rate, size } from "../util/unit-fields.ts";

/** A positive integer count (replications, servers, VMs), bounded so absurd values are rejected. */
export function count(max = 1e9) {
  return z.number().int().min(1).max(max);
}
