/** Load measures and selections shared by the balancing policies. */
import type { ParameterDefinition } from "../registry.ts";
import type { LoadMeasure, VsaView } from "./types.ts";

/**
 * The load of a VSA: streams (running + queued tasks, per slot) or bytes queued (per byte/s of
 * nominal rate, i.e. seconds of work).
 *
 * @example
 * loadOf({ openStreams: 2, queuedTasks: 2, slots: 4, bytesQueued: 8e9, rate: 4e8 }, "streams") // => 1
 * loadOf({ openStreams: 2, queuedTasks: 2, slots: 4, bytesQueued: 8e9, rate: 4e8 }, "bytes")   // => 20
 */
export function loadOf(vsa: Pick<VsaView, "openStreams" | "queuedTasks" | "slots" | "bytesQueued" | "rate">, by: LoadMeasure): number {
  return by === "streams" ? (vsa.openStreams + vsa.queuedTasks) / vsa.slots : vsa.bytesQueued / vsa.rate;
}

/**
 * True when the VSA has a free task slot and nothing waiting.
 *
 * @example
 * hasFreeStream({ openStreams: 3, queuedTasks: 0, slots: 4 }) // => true
 */
export function hasFreeStream(vsa: Pick<VsaView, "openStreams" | "queuedTasks" | "slots">): boolean {
  return vsa.openStreams + vsa.queuedTasks < vsa.slots;
}

/**
 * The least-loaded candidate (first in candidate order on ties), or undefined for none.
 *
 * @example
 * const a = { id: "a", bytesQueued: 8e9, rate: 4e8 } as VsaView;
 * const b = { id: "b", bytesQueued: 2e9, rate: 4e8 } as VsaView;
 * leastLoaded([a, b], "bytes")?.id // => "b" // b has fewer bytes queued per byte/s
 */
export function leastLoaded<V extends VsaView>(candidates: readonly V[], by: LoadMeasure): V | undefined {
  let best: V | undefined;
  let bestLoad = Infinity;
  for (const candidate of candidates) {
    const load = loadOf(candidate, by);
    if (load < bestLoad) {
      best = candidate;
      bestLoad = load;
    }
  }
  return best;
}

/**
 * Least-loaded among the candidates with a free stream, else least-loaded of all.
 *
 * @example
 * const busy = { id: "busy", openStreams: 4, queuedTasks: 0, slots: 4, bytesQueued: 1e9, rate: 4e8 } as VsaView;
 * const free = { id: "free", openStreams: 1, queuedTasks: 0, slots: 4, bytesQueued: 8e9, rate: 4e8 } as VsaView;
 * leastLoadedPreferFree([busy, free], "bytes")?.id // => free.id // even though busy has fewer bytes
 */
export function leastLoadedPreferFree<V extends VsaView>(candidates: readonly V[], by: LoadMeasure): V | undefined {
  return leastLoaded(candidates.filter(hasFreeStream), by) ?? leastLoaded(candidates, by);
}

/**
 * The `by` parameter every load-aware policy declares.
 *
 * @example
 * BY_PARAMETER.default // => "bytes"
 */
export const BY_PARAMETER: ParameterDefinition = { type: "string", description: "load measure", default: "bytes", enum: ["streams", "bytes"] };
