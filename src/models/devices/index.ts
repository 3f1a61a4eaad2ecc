import type { ModelDefinition } from "./definition.ts";
import { dedupStoreEntry } from "./dedup-store.ts";
import { fixedLatencyEntry } from "./fixed-latency.ts";
import { hddEntry } from "./hdd.ts";
import { objectStoreEntry } from "./object-store.ts";
import { recordedEntry } from "./recorded.ts";
import { DeviceRegistry, type DeviceEntry } from "./registry.ts";
import { ssdEntry } from "./ssd.ts";
import { stripedArrayEntry } from "./striped-array.ts";

export type { ModelDefinition, ModelParameter } from "./definition.ts";
export { DeviceRegistry, type DeviceContext, type DeviceDeclaration, type DeviceEntry, type DeviceWiring } from "./registry.ts";
export type { BlockCompletion, BlockDevice, BlockRequest, CompletionCallback, DeviceCounters, DeviceOp, StreamSource } from "./types.ts";
export { Ssd, ssdDefinition, ssdServiceNs, type SsdOptions } from "./ssd.ts";
export { Hdd, HDD_PRESETS, hddDefinition, type HddOptions } from "./hdd.ts";
export { DedupStore, dedupStoreDefinition, type DedupCounters, type DedupStoreOptions } from "./dedup-store.ts";
export { ObjectStore, objectStoreDefinition, type ObjectStoreOptions } from "./object-store.ts";
export { FixedLatencyDevice, fixedLatencyDefinition, type FixedLatencyOptions } from "./fixed-latency.ts";
export { RecordedDevice, recordedDefinition, type RecordedOptions } from "./recorded.ts";
export { RateFilter } from "./rate-filter.ts";
export { StripedArray, stripedArrayDefinition, stripeParts } from "./striped-array.ts";
export { ChunkPlacement } from "./chunk-placement.ts";
export { cpuWork } from "./cpu-work.ts";

/**
 * Every device model, by its scenario name (`device: <name>`). Adding a device = one file
 * exporting its entry + one line here + one test.
 *
 * @example
 * devices.names() // => ["ssd", "hdd", "dedup", "object-store", "fixed", "recorded", "striped"]
 */
export const devices = new DeviceRegistry([ssdEntry, hddEntry, dedupStoreEntry, objectStoreEntry, fixedLatencyEntry, recordedEntry, stripedArrayEntry]);

/**
 * Adds a device model, so scenarios can declare `device: <name>` wherever a device goes (its
 * parameters validated against its definition) and `rtolab schema` lists it. Call it before
 * loading a scenario (the schema is generated once, at the first load; a later call throws).
 *
 * @example
 * registerDevice({
 *   definition: { name: "tape", description: "constant 30 s per request", parameters: {} },
 *   create: (_spec, { sim, name }) => new FixedLatencyDevice(sim, name, { latency: 30e9 }),
 * });
 * devices.has("tape") // => true
 */
export function registerDevice(entry: DeviceEntry): void {
  devices.register(entry);
}
