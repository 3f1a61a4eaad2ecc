/**
 * The resource estimate of a run, made when the scenario loads and before anything runs: the
 * memory and events one replication of each variant needs (its model kind's `estimate`), times
 * the replications that run at once. A scenario past the limits is refused with one line that
 * names the field driving the need, what it would need, and the flag that raises the limit, so a
 * mistyped `blockSize: 1` is an error in a second rather than the kernel's OOM killer an hour later.
 */
import type { ResourceNeed } from "../contracts/model-kind.ts";
import type { LoadedScenario } from "../scenario/load.ts";
import { BASE_VARIANT } from "../scenario/load.ts";
import { InputError } from "../util/errors.ts";
import { formatBytes, parseSize } from "../util/units.ts";
import { modelKindOf } from "./run.ts";
import { relative } from "node:path";

/** The limits a run is held to (flags `--max-memory`, `--max-events`). */
export interface ResourceLimits {
  /** Bytes of model state all replications running at once may hold. */
  maxMemory: number;
  /** Kernel events one replication may execute. */
  maxEvents: number;
}

/** 4 GiB of model state and 10^10 events per replication (about half an hour of kernel time). */
export const DEFAULT_LIMITS: ResourceLimits = { maxMemory: 4 * 2 ** 30, maxEvents: 1e10 };

/** The estimate of one variant's replication. */
export interface ResourceEstimate {
  variant: string;
  bytes: number;
  events: number;
  needs: ResourceNeed[];
}

/**
 * Each variant's needs per replication (variants without an estimate are left out).
 *
 * @example
 * estimateResources(loadScenario("scenarios/validation/mm1.yaml"))[0].bytes // => 210000 * 32
 */
export function estimateResources(loaded: LoadedScenario): ResourceEstimate[] {
  const estimates: ResourceEstimate[] = [];
  for (const variant of loaded.variants) {
    const model = variant.scenario.model as { kind: string };
    const estimate = modelKindOf(model.kind).estimate;
    if (!estimate) continue;
    const needs = estimate(model);
    estimates.push({
      variant: variant.name,
      bytes: needs.reduce((sum, need) => sum + need.bytes, 0),
      events: needs.reduce((sum, need) => sum + need.events, 0),
      needs,
    });
  }
  return estimates;
}

/**
 * Throws an {@link InputError} (file, field, what it would need, how to raise the limit) when a
 * replication of some variant would need more events than `limits.maxEvents`, or `concurrent`
 * replications at once more memory than `limits.maxMemory`.
 *
 * @example
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml", { sets: ["model.vms.diskSize=4GiB", "model.vms.blockSize=1B"] });
 * checkResources(loaded, DEFAULT_LIMITS, 1)
 * // throws "scenarios/restore/one-vm-dedup.yaml: model.vms.blockSize (variant full-restore): a model within --max-memory 4 GiB: 4294967296 blocks of 1 B on each 4 GiB disk need about 64 GiB (raise --max-memory, or change model.vms.blockSize)"
 */
export function checkResources(loaded: LoadedScenario, limits: ResourceLimits, concurrent = 1): void {
  const file = relative(process.cwd(), loaded.path) || loaded.path;
  for (const estimate of estimateResources(loaded)) {
    const inVariant = estimate.variant === BASE_VARIANT ? "" : ` (variant ${estimate.variant})`;
    const largest = (key: "bytes" | "events") => estimate.needs.reduce((top, need) => (need[key] > top[key] ? need : top));
    if (estimate.events > limits.maxEvents) {
      const need = largest("events");
      throw new InputError(file, `${need.field}${inVariant}`, `a model within --max-events ${limits.maxEvents} per replication: ${need.what} need about ${need.events.toPrecision(3)} events (raise --max-events, or change ${need.field})`);
    }
    const bytes = estimate.bytes * concurrent;
    if (bytes > limits.maxMemory) {
      const need = largest("bytes");
      const times = concurrent > 1 ? ` × ${concurrent} replications at once` : "";
      throw new InputError(file, `${need.field}${inVariant}`, `a model within --max-memory ${formatBytes(limits.maxMemory)}: ${need.what}${times} need about ${formatBytes(bytes)} (raise --max-memory, or change ${need.field}${concurrent > 1 ? ", or run fewer --workers" : ""})`);
    }
  }
}

/**
 * The limits from the `--max-memory` (a size: `8GiB`) and `--max-events` flags, defaults
 * {@link DEFAULT_LIMITS}; an InputError naming the flag when one is not a positive value.
 *
 * @example
 * resourceLimits({ maxMemory: "8GiB" }) // => { maxMemory: 8589934592, maxEvents: 1e10 }
 */
export function resourceLimits(flags: { maxMemory?: string | number; maxEvents?: number }): ResourceLimits {
  const maxMemory = flags.maxMemory === undefined ? DEFAULT_LIMITS.maxMemory : parseSize(flags.maxMemory);
  if (maxMemory === undefined || !(maxMemory > 0)) throw new InputError("--max-memory", String(flags.maxMemory), 'a positive size like "8GiB"');
  const maxEvents = flags.maxEvents ?? DEFAULT_LIMITS.maxEvents;
  if (!Number.isSafeInteger(maxEvents) || maxEvents <= 0) throw new InputError("--max-events", String(flags.maxEvents), "a positive whole number of events");
  return { maxMemory, maxEvents };
}
