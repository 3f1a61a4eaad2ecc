import { fileURLToPath } from "node:url";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";

/** Service-ready moments (µs) from traces/README.md: cut each boot there for its boot profile. */
export const SERVICE_READY_US = {
  boot0: 31187961,
  boot1: 28352530,
  gboot0: 36524944,
  gboot1: 35724121,
  gboot4_gen2: 36653904,
} as const;

/** The requests of the shipped trace `traces/<name>.csv`. */
export function bootTrace(name: keyof typeof SERVICE_READY_US): Iterable<TraceRequest> {
  return readRtolabCsv(fileURLToPath(new URL(`../../../traces/${name}.csv`, import.meta.url)));
}
