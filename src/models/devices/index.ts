import type { ModelDefinition } from "./definition.ts";
import { dedupStoreDefinition } from "./dedup-store.ts";
import { fixedLatencyDefinition } from "./fixed-latency.ts";
import { hddDefinition } from "./hdd.ts";
import { objectStoreDefinition } from "./object-store.ts";
import { recordedDefinition } from "./recorded.ts";
import { ssdDefinition } from "./ssd.ts";
import { stripedArrayDefinition } from "./striped-array.ts";

export type { ModelDefinition, ModelParameter } from "./definition.ts";
export type { BlockCompletion, BlockDevice, BlockRequest, CompletionCallback, DeviceCounters, DeviceOp, StreamSource } from "./types.ts";
export { Ssd, ssdDefinition, ssdServiceNs, type SsdOptions } from "./ssd.ts";
export { Hdd, HDD_PRESETS, hddDefinition, type HddOptions } from "./hdd.ts";
export { DedupStore, dedupStoreDefinition, type DedupCounters, type DedupStoreOptions } from "./dedup-store.ts";
export { ObjectStore, objectStoreDefinition, type ObjectStoreOptions } from "./object-store.ts";
export { FixedLatencyDevice, fixedLatencyDefinition, type FixedLatencyOptions } from "./fixed-latency.ts";
export { RecordedDevice, recordedDefinition, type RecordedOptions } from "./recorded.ts";
export { StripedArray, stripedArrayDefinition, stripeParts } from "./striped-array.ts";
export { ChunkPlacement } from "./chunk-placement.ts";
export { cpuWork } from "./cpu-work.ts";

/**
 * Definitions of every device model, by registry name: what the scenario schema is generated
 * from. Adding a device = one file + one line here.
 *
 * @example
 * DEVICE_DEFINITIONS.map((d) => d.name) // => ["ssd", "hdd", "dedup", "objectStore", "fixed", "recorded", "striped"]
 */
export const DEVICE_DEFINITIONS: readonly ModelDefinition[] = [
  ssdDefinition,
  hddDefinition,
  dedupStoreDefinition,
  objectStoreDefinition,
  fixedLatencyDefinition,
  recordedDefinition,
  stripedArrayDefinition,
];
